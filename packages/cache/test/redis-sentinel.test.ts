import { eventually, startRedisSentinel, type RedisSentinelHandle } from '@novacron/simulator';
import { Redis } from 'ioredis';
import type { Cache } from '../src/cache';
import { createRedisCache } from '../src/redis';
import { RedisLock } from '../src/redis/redis-lock';
import { FailoverWorkload } from './support/failover-workload';

describe('createRedisCache through a real Sentinel set (1 master, 2 replicas, 3 sentinels)', () => {
  let sentinel: RedisSentinelHandle;
  const caches: Cache[] = [];
  let run = 0;
  const open = async (name: string, prefix: string) => {
    const cache = createRedisCache({ url: sentinel.url, prefix, name });
    caches.push(cache);
    await cache.ready();
    return cache;
  };

  beforeAll(async () => {
    sentinel = await startRedisSentinel();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.close()));
  });
  afterAll(() => sentinel?.stop());

  it('finds the master through the sentinels: L2, tags, the bus and the lock work as on one node', async () => {
    const prefix = `novacron:test:sentinel:${++run}:`;
    const a = await open('a', prefix);
    const b = await open('b', prefix);
    for (let i = 0; i < 20; i++) await a.set(`vm:${i}`, i, { tags: [i % 2 ? 'odd' : 'even'] });
    for (let i = 0; i < 20; i++) expect(await b.get(`vm:${i}`)).toBe(i);
    expect(b.metrics().l2.hits).toBe(20);
    await a.deleteByTag('odd');
    await eventually(() => (b.hasLocal('vm:1') ? undefined : true), 5_000);
    for (let i = 0; i < 20; i++) expect(await b.get(`vm:${i}`)).toBe(i % 2 ? undefined : i);

    // The lock lives on the master the sentinels name.
    const direct = new Redis({ port: await sentinel.masterPort(), host: '127.0.0.1' });
    const lock = new RedisLock(direct, prefix);
    let runs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = a.getOrSet('cold', async () => (runs++, await gate, 'filled'));
    await eventually(async () => ((await lock.isHeld('lock:cold')) ? true : undefined), 5_000);
    const second = b.getOrSet('cold', async () => (runs++, 'second'));
    release();
    expect(await Promise.all([first, second])).toEqual(['filled', 'filled']);
    expect(runs).toBe(1);
    direct.disconnect();
  }, 30_000);

  it('the master is killed and a replica promoted mid-run: no call fails, B never serves a stale key (every invalidation replayed, or L1 flushed when a dead master took unreplicated entries with it), and L2 serves again', async () => {
    const prefix = `novacron:test:sentinel:${++run}:`;
    const writer = await open('writer', prefix);
    const reader = await open('reader', prefix);
    const keys = Array.from({ length: 48 }, (_, i) => `vm:${i}`);
    const work = new FailoverWorkload(writer, reader, keys, 20_261_302);
    await work.warm();
    expect(keys.every((k) => reader.hasLocal(k))).toBe(true);

    const oldMaster = await sentinel.masterPort();
    let newMaster = 0;
    await work.runAround(async () => {
      await sentinel.waitForReplicasInSync();
      await sentinel.kill(oldMaster);
      // Calls really run while Redis fails over: each reads a key it never held until L2 fails or is skipped.
      await Promise.all([
        work.readThroughOutage(writer, (i) => `outage:writer:${i}`),
        work.readThroughOutage(reader, (i) => `outage:reader:${i}`),
      ]);
      newMaster = await sentinel.waitForFailover(oldMaster);
    });
    expect(newMaster).not.toBe(oldMaster);
    await work.caughtUp();

    expect(work.failures).toEqual([]);
    expect(work.published).toBeGreaterThanOrEqual(40);
    // Redis replicates asynchronously: messages a master acknowledged in its last moments can die with
    // it (seen in 1 of 3 CI runs). The reader learns of it from the stream, or from the hole in a
    // sender's numbering, counts a gap and flushes L1, so it still never serves a stale key; without a
    // gap it must have received every invalidation.
    // At most one gap per sender (the writer, and the reader's own fills) per failover: one failover here.
    const bus = reader.metrics().bus;
    expect(bus.gaps).toBeLessThanOrEqual(2);
    expect(bus.gaps > 0 || bus.received >= work.published).toBe(true);
    expect(await work.staleKeys()).toEqual([]);

    await eventually(async () => {
      await writer.set('after', 'failover');
      return (await reader.get('after')) === 'failover' ? true : undefined;
    }, 30_000);
    expect(reader.metrics().l2.breaker).toBe('closed');
    // And the value really is on the promoted master.
    const promoted = new Redis({ port: newMaster, host: '127.0.0.1' });
    expect(await promoted.exists(`${prefix}e:after`)).toBe(1);
    promoted.disconnect();
  }, 120_000);
});
