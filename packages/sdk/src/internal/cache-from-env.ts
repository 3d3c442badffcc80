import { Cache, createCache, type BusListener, type BusMessage, type DistributedLock, type InvalidationBus, type L2Store, type L2Write, type LockHandle } from '@novacron/cache';

interface RedisParts {
  l2: L2Store;
  bus: InvalidationBus;
  lock: DistributedLock;
}

/**
 * The cache `NOVACRON_REDIS_URL` and `NOVACRON_CACHE_TTL` ask for: in memory, plus Redis as L2,
 * invalidation bus and lock when the URL is set (what `createRedisCache` builds). `ioredis` is
 * loaded on first use, not when the SDK is: a client that never caches never loads it, and the
 * cache works from L1 (and origin) until Redis is there.
 */
export function cacheFromEnv(redisUrl: string | undefined, prefix = 'novacron:cache:'): Cache {
  if (redisUrl === undefined) return createCache();
  const parts: Promise<RedisParts> = import('@novacron/cache/redis').then((m) => {
    const client = m.createRedisClient({ url: redisUrl });
    return {
      l2: new m.RedisL2Store({ client, prefix, ownsClient: true }),
      bus: new m.RedisInvalidationBus({ publisher: client, subscriber: m.duplicateForSubscribe(client), prefix }),
      lock: new m.RedisLock(client, prefix),
    };
  });
  // A failed load shows up in the calls that need Redis (the cache's L2 breaker counts them).
  parts.catch(() => undefined);
  return new Cache({ l2: new LazyL2(parts), bus: new LazyBus(parts), lock: new LazyLock(parts) });
}

class LazyL2 implements L2Store {
  private store: L2Store | undefined;
  constructor(private readonly parts: Promise<RedisParts>) {
    parts.then((p) => (this.store = p.l2), () => undefined);
  }
  get ready(): boolean {
    return this.store?.ready ?? false;
  }
  async get(key: string) {
    return (await this.parts).l2.get(key);
  }
  async set(key: string, payload: string, ttlMs: number, write: L2Write) {
    return (await this.parts).l2.set(key, payload, ttlMs, write);
  }
  async delete(keys: readonly string[]) {
    return (await this.parts).l2.delete(keys);
  }
  async deleteByTag(tag: string) {
    return (await this.parts).l2.deleteByTag(tag);
  }
  async deleteByPrefix(prefix: string) {
    return (await this.parts).l2.deleteByPrefix(prefix);
  }
  async ping() {
    const l2 = (await this.parts).l2;
    await l2.ping?.();
  }
  async close() {
    await this.parts.then((p) => p.l2.close(), () => undefined);
  }
}

class LazyBus implements InvalidationBus {
  private bus: InvalidationBus | undefined;
  constructor(private readonly parts: Promise<RedisParts>) {
    parts.then((p) => (this.bus = p.bus), () => undefined);
  }
  get connected(): boolean {
    return this.bus?.connected ?? false;
  }
  async start(listener: BusListener) {
    return (await this.parts).bus.start(listener);
  }
  async publish(message: BusMessage) {
    return (await this.parts).bus.publish(message);
  }
  async close() {
    await this.parts.then((p) => p.bus.close(), () => undefined);
  }
}

class LazyLock implements DistributedLock {
  constructor(private readonly parts: Promise<RedisParts>) {}
  async acquire(key: string, ttlMs: number): Promise<LockHandle | undefined> {
    return (await this.parts).lock.acquire(key, ttlMs);
  }
  async isHeld(key: string) {
    return (await this.parts).lock.isHeld(key);
  }
}
