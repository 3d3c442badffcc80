import { CacheError } from '../cache-errors';
import type { DistributedLock, LockHandle } from '../distributed-lock';
import type { RedisClient } from './redis-connection';

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Scripted = RedisClient & { novacronLockRelease(key: string, token: string): Promise<number> };

/**
 * A single-node Redis lock (SET NX PX with a random token; release only by its holder). It
 * guards a cache fill, where a rare double run costs one extra origin call, so it does not need
 * Redlock's multi-node quorum.
 */
export class RedisLock implements DistributedLock {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'novacron:cache:',
  ) {
    const c = client as Scripted;
    if (typeof c.novacronLockRelease !== 'function') c.defineCommand('novacronLockRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }

  async acquire(key: string, ttlMs: number): Promise<LockHandle | undefined> {
    if (this.client.status !== 'ready') throw new CacheError('Redis is not connected.', { code: 'redis_unavailable', retryable: true });
    const redisKey = `${this.prefix}l:${key}`;
    const token = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
    const ok = await this.client.set(redisKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    if (ok !== 'OK') return undefined;
    return {
      release: async () => {
        await (this.client as Scripted).novacronLockRelease(redisKey, token);
      },
    };
  }

  async isHeld(key: string): Promise<boolean> {
    return (await this.client.exists(`${this.prefix}l:${key}`)) === 1;
  }
}
