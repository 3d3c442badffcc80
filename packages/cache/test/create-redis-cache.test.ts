import { startRedisServer, type RedisServerHandle } from '@novacron/simulator';
import type { Cache } from '../src/cache';
import { applyResourceEvent, resourceKey } from '../src/index';
import { createRedisCache } from '../src/redis';
import { REDIS_URL, dropPrefix, pollUntil, seededRandom, shuffle, uniquePrefix } from './support/redis-test-env';

describe('createRedisCache', () => {
  const prefix = uniquePrefix('tiered');
  const caches: Cache[] = [];
  const open = async (name: string, extra: Parameters<typeof createRedisCache>[0] = {}) => {
    const cache = createRedisCache({ url: REDIS_URL, prefix, name, ...extra });
    caches.push(cache);
    await cache.ready();
    return cache;
  };

  afterEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.close()));
  });
  afterAll(() => dropPrefix(prefix));

  it('shares values through L2 and invalidates tags in every process', async () => {
    const a = await open('a');
    const b = await open('b');
    let runs = 0;
    await a.getOrSet('vm:1', async () => (runs++, 'one'), { tags: ['res:/vms/1'] });
    expect(await b.getOrSet('vm:1', async () => (runs++, 'two'))).toBe('one');
    expect(runs).toBe(1);
    expect(b.metrics().l2.hits).toBe(1);
    await a.deleteByTag('res:/vms/1');
    expect(await pollUntil(() => !b.hasLocal('vm:1'), 1_000)).toBeGreaterThanOrEqual(0);
    expect(await b.get('vm:1')).toBeUndefined();
  });

  it('runs on L2 alone when L1 is disabled', async () => {
    const a = await open('l2-only', { l1: false });
    await a.set('k', { n: 1 }, { ttl: 5_000 });
    expect(await a.get('k')).toEqual({ n: 1 });
    expect(a.metrics().l2.hits).toBe(1);
  });

  it('10,000 shuffled events and late reads end with zero version regressions, across two processes', async () => {
    const a = await open('ev-a');
    const b = await open('ev-b');
    const random = seededRandom(20_251_125);
    type Op = { kind: 'event'; id: number; version: number; deleted: boolean } | { kind: 'read'; id: number; version: number };
    const ops: Op[] = [];
    const resources = 100;
    const versions = 50;
    for (let id = 0; id < resources; id++) {
      for (let v = 1; v <= versions; v++) {
        // Every 10th resource is deleted at its last version.
        ops.push({ kind: 'event', id, version: v, deleted: v === versions && id % 10 === 0 });
        ops.push({ kind: 'read', id, version: v }); // a read that saw version v and stores it late
      }
    }
    shuffle(ops, random);
    const events = ops.filter((o) => o.kind === 'event').length;
    expect(events).toBe(5_000 * 1);
    // Per process: the highest event version it applied itself, and the last version it served.
    // Across processes the bus converges within its lag; within one, nothing may go backwards.
    const highestEvent = [new Map<number, number>(), new Map<number, number>()];
    const lastSeen = [new Map<number, number>(), new Map<number, number>()];
    const deletedAt = new Map<number, number>();
    let regressions = 0;
    let resurrections = 0;
    let i = 0;
    for (const op of ops) {
      const which = i++ % 2;
      const cache = which === 0 ? a : b;
      const key = resourceKey('/vms', `vm-${op.id}`);
      if (op.kind === 'event') {
        await applyResourceEvent(cache, {
          type: op.deleted ? 'vm.deleted' : 'vm.updated',
          resource_type: 'vm',
          resource_id: `vm-${op.id}`,
          resource_version: op.version,
        });
        const h = highestEvent[which]!;
        h.set(op.id, Math.max(h.get(op.id) ?? 0, op.version));
        if (op.deleted) deletedAt.set(op.id, which);
      } else {
        await cache.set(key, { id: op.id, version: op.version }, { version: op.version });
      }
      for (const reader of [0, 1]) {
        const value = await (reader === 0 ? a : b).get<{ version: number }>(key);
        if (value === undefined) continue;
        if (value.version < (highestEvent[reader]!.get(op.id) ?? 0)) regressions++;
        if (value.version < (lastSeen[reader]!.get(op.id) ?? 0)) regressions++;
        lastSeen[reader]!.set(op.id, value.version);
        if (deletedAt.get(op.id) === reader) resurrections++;
      }
    }
    // 10,000 operations: 5,000 events, 5,000 late reads.
    expect(ops.length).toBe(10_000);
    expect(regressions).toBe(0);
    expect(resurrections).toBe(0);
    // Once the bus has caught up, both processes agree: deleted resources stay deleted, the
    // others are at their last version or uncached.
    await new Promise((r) => setTimeout(r, 100));
    for (const reader of [a, b]) {
      for (let id = 0; id < resources; id++) {
        const value = await reader.get<{ version: number }>(resourceKey('/vms', `vm-${id}`));
        if (id % 10 === 0) expect(value).toBeUndefined();
        else if (value !== undefined) expect(value.version).toBe(versions);
      }
    }
  }, 60_000);
});

describe('createRedisCache when Redis stops', () => {
  let server: RedisServerHandle;
  let cache: Cache | undefined;
  const prefix = uniquePrefix('outage');

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await cache?.close();
    await server.stop();
  });

  it('serves every call from L1 while Redis is down, and uses L2 again once it is back', async () => {
    const errors: string[] = [];
    cache = createRedisCache({
      url: server.url,
      prefix,
      l2Breaker: { failureThreshold: 2, breakDuration: 200 },
      onError: (_e, ctx) => errors.push(ctx.operation),
      defaults: { ttl: 60_000 },
    });
    await cache.ready();
    let failed = 0;
    let served = 0;
    const call = async (i: number) => {
      try {
        const v = await cache!.getOrSet(`k:${i % 50}`, async () => `v${i % 50}`);
        if (v === `v${i % 50}`) served++;
      } catch {
        failed++;
      }
    };
    for (let i = 0; i < 200; i++) await call(i);
    expect(cache.metrics().l2.hits + cache.metrics().l1.hits).toBeGreaterThan(0);

    await server.stop();
    for (let i = 0; i < 500; i++) {
      await call(i);
      await cache.set(`w:${i % 20}`, i).catch(() => failed++);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(failed).toBe(0);
    expect(served).toBe(700);
    expect(cache.metrics().l2.skipped).toBeGreaterThan(0); // L2 really was out of the path

    await server.start();
    // Back: the breaker probes, replays what it owes, and L2 takes writes and serves reads again.
    const other = createRedisCache({ url: server.url, prefix, l1: false, bus: false, lock: false });
    try {
      const back = await pollUntil(async () => {
        await cache!.set('after', 'yes');
        return (await other.get('after')) === 'yes';
      }, 15_000);
      expect(back).toBeGreaterThanOrEqual(0);
      expect(cache.metrics().l2.breaker).toBe('closed');
      const hits = cache.metrics().l2.hits;
      await other.set('from-other', 'x');
      expect(await cache.get('from-other')).toBe('x');
      expect(cache.metrics().l2.hits).toBe(hits + 1);
    } finally {
      await other.close();
    }
    expect(failed).toBe(0);
  }, 40_000);
});
