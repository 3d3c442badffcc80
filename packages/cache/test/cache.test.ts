import { AbortError, ConnectionError, NotFoundError, ValidationError } from '@novacron/core';
import * as cacheModule from '../src/index';
import { Cache, FactoryTimeoutError, OriginUnavailableError } from '../src/index';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether `p` settles before the macrotask queue moves on. */
async function settlesNow(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setImmediate(r));
  return settled;
}

describe('Cache (L1 only)', () => {
  it('runs the factory once for 10,000 concurrent getOrSet calls on one cold key', async () => {
    const cache = new Cache();
    let runs = 0;
    const gate = deferred<void>();
    const calls = Array.from({ length: 10_000 }, () =>
      cache.getOrSet('cold', async () => {
        runs++;
        await gate.promise;
        return { id: 'vm-1' };
      }),
    );
    gate.resolve();
    const values = await Promise.all(calls);
    expect(runs).toBe(1);
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toEqual({ id: 'vm-1' });
    expect(cache.metrics().factory.calls).toBe(1);
  });

  it('serves the stale value within grace while the origin is down, then a typed error', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now, defaults: { ttl: 1_000, grace: 10_000, failSafeBackoff: 0 } });
    expect(await cache.getOrSet('vm', async () => 'v1')).toBe('v1');
    clock.advance(1_500); // past ttl, within grace
    const down = async () => {
      throw new ConnectionError('connect ECONNREFUSED');
    };
    expect(await cache.getOrSet('vm', down)).toBe('v1');
    clock.advance(5_000);
    expect(await cache.getOrSet('vm', down)).toBe('v1');
    expect(cache.metrics().staleServed).toBe(2);
    clock.advance(5_000); // past grace
    await expect(cache.getOrSet('vm', down)).rejects.toBeInstanceOf(ConnectionError);
    // A factory that throws something untyped surfaces as OriginUnavailableError, cause kept.
    const error = await cache.getOrSet('other', async () => Promise.reject(new Error('boom'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginUnavailableError);
    expect((error as OriginUnavailableError).cause).toEqual(new Error('boom'));
  });

  it('does not mask an answer from the origin (a 404 is not an outage) with a stale value', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now, defaults: { ttl: 1_000, grace: 10_000 } });
    await cache.getOrSet('vm', async () => 'v1');
    clock.advance(1_500);
    const gone = new NotFoundError('404 not found', { status: 404 });
    await expect(cache.getOrSet('vm', async () => Promise.reject(gone))).rejects.toBe(gone);
    await expect(cache.getOrSet('vm2', async () => Promise.reject(new AbortError()))).rejects.toBeInstanceOf(AbortError);
  });

  it('backs off the failing origin: within failSafeBackoff the stale value is served without calling it', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now, defaults: { ttl: 1_000, grace: 60_000, failSafeBackoff: 5_000 } });
    await cache.getOrSet('k', async () => 'v1');
    clock.advance(2_000);
    let calls = 0;
    const down = async () => {
      calls++;
      throw new ConnectionError();
    };
    expect(await cache.getOrSet('k', down)).toBe('v1');
    clock.advance(1_000);
    expect(await cache.getOrSet('k', down)).toBe('v1');
    expect(calls).toBe(1);
    clock.advance(5_000);
    expect(await cache.getOrSet('k', async () => 'v2')).toBe('v2');
  });

  it('soft timeout serves the stale value and lets the factory finish in the background', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now, defaults: { ttl: 1_000, grace: 60_000 } });
    await cache.getOrSet('k', async () => 'v1');
    clock.advance(1_500);
    const slow = deferred<string>();
    expect(await cache.getOrSet('k', () => slow.promise, { softTimeout: 20 })).toBe('v1');
    slow.resolve('v2');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k')).toBe('v2');
    expect(cache.metrics().factory.timeouts).toBe(1);
  });

  it('hard timeout throws FactoryTimeoutError when nothing within grace is cached', async () => {
    const cache = new Cache();
    const never = deferred<string>();
    const error = await cache.getOrSet('k', () => never.promise, { hardTimeout: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryTimeoutError);
    expect(error).toBeInstanceOf(OriginUnavailableError);
    expect((error as FactoryTimeoutError).timeoutMs).toBe(20);
    never.resolve('late');
    await new Promise((r) => setImmediate(r));
    // The late answer was still stored: the next caller does not pay for it again.
    expect(await cache.get('k')).toBe('late');
  });

  it('eager refresh: a steady stream across 100 TTL expirations never waits for the origin', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now, defaults: { ttl: 1_000, eagerRefresh: 0.8 } });
    let version = 0;
    let pending: ReturnType<typeof deferred<number>> | undefined;
    const factory = () => {
      pending = deferred<number>();
      return pending.promise;
    };
    const first = cache.getOrSet('hot', factory);
    await new Promise((r) => setImmediate(r));
    pending!.resolve(++version);
    expect(await first).toBe(1);
    for (let i = 0; i < 100; i++) {
      // Requests every 100 ms up to the eager threshold, then one past it.
      for (let t = 0; t < 9; t++) {
        clock.advance(100);
        const call = cache.getOrSet('hot', factory);
        expect(await settlesNow(call)).toBe(true);
      }
      // The hit past 0.8 × ttl started a refresh; the origin answers before the TTL runs out.
      expect(pending).toBeDefined();
      const refresh = pending!;
      pending = undefined;
      refresh.resolve(++version);
      await new Promise((r) => setImmediate(r));
      expect(await cache.getOrSet('hot', factory)).toBe(version);
    }
    expect(cache.metrics().factory.calls).toBe(101);
    expect(cache.metrics().l1.misses).toBe(1);
  });

  it('invalidates by key, tag and prefix, and namespaces keep keys and tags apart', async () => {
    const cache = new Cache();
    await cache.set('vm:1', 'a', { tags: ['vms'] });
    await cache.set('vm:2', 'b', { tags: ['vms'] });
    await cache.set('node:1', 'c', { tags: ['nodes'] });
    await cache.deleteByTag('vms');
    expect(await cache.get('vm:1')).toBeUndefined();
    expect(await cache.get('vm:2')).toBeUndefined();
    expect(await cache.get('node:1')).toBe('c');
    await cache.set('vm:3', 'd');
    await cache.deleteByPrefix('vm:');
    expect(await cache.get('vm:3')).toBeUndefined();
    await cache.delete('node:1');
    expect(await cache.get('node:1')).toBeUndefined();

    const a = cache.namespace('tenant-a');
    const b = cache.namespace('tenant-b');
    await a.set('vm:1', 'A', { tags: ['vms'] });
    await b.set('vm:1', 'B', { tags: ['vms'] });
    await a.deleteByTag('vms');
    expect(await a.get('vm:1')).toBeUndefined();
    expect(await b.get('vm:1')).toBe('B');
    await b.clear();
    expect(await b.get('vm:1')).toBeUndefined();
  });

  it('never lets an older version overwrite a newer one, and a delete tombstone blocks resurrection', async () => {
    const cache = new Cache();
    expect(await cache.set('vm:1', 'v5', { version: 5 })).toBe(true);
    expect(await cache.set('vm:1', 'v4', { version: 4 })).toBe(false);
    expect(await cache.get('vm:1')).toBe('v5');
    await cache.applyVersion('vm:1', 5); // already that new: kept
    expect(await cache.get('vm:1')).toBe('v5');
    await cache.applyVersion('vm:1', 7); // a newer version exists: drop v5, refuse < 7
    expect(await cache.get('vm:1')).toBeUndefined();
    expect(await cache.set('vm:1', 'v6', { version: 6 })).toBe(false);
    expect(await cache.set('vm:1', 'v7', { version: 7 })).toBe(true);
    await cache.delete('vm:1', { version: 8 });
    expect(await cache.set('vm:1', 'v7 late', { version: 7 })).toBe(false);
    expect(await cache.set('vm:1', 'v8 late', { version: 8 })).toBe(false);
    expect(await cache.get('vm:1')).toBeUndefined();
    expect(await cache.set('vm:1', 'recreated', { version: 9 })).toBe(true);
  });

  it('does not store a factory result that started before an invalidation of its key', async () => {
    const cache = new Cache();
    const gate = deferred<string>();
    const call = cache.getOrSet('k', () => gate.promise);
    await new Promise((r) => setImmediate(r));
    await cache.delete('k'); // a write happened while the read was in flight
    gate.resolve('old state');
    expect(await call).toBe('old state');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('warms keys with bounded concurrency and reports warmed and failed', async () => {
    const cache = new Cache();
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, i) => ({
      key: `w${i}`,
      factory: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        if (i % 5 === 0) throw new ConnectionError();
        return i;
      },
    }));
    const report = await cache.warm(items, { concurrency: 3 });
    expect(report.warmed).toBe(16);
    expect(report.failed).toBe(4);
    expect(report.errors.map((e) => e.key)).toEqual(['w0', 'w5', 'w10', 'w15']);
    expect(peak).toBeLessThanOrEqual(3);
    expect(await cache.get('w1')).toBe(1);
  });

  it('counts hits, misses and factory time in its snapshot', async () => {
    const cache = new Cache({ name: 'vms' });
    await cache.getOrSet('a', async () => 1);
    await cache.getOrSet('a', async () => 1);
    await cache.get('missing');
    await expect(cache.getOrSet('b', async () => Promise.reject(new Error('origin down')))).rejects.toThrow();
    const m = cache.metrics();
    expect(m.l1).toMatchObject({ hits: 1, misses: 3, entries: 1 });
    expect(m.l2).toMatchObject({ hits: 0, misses: 0, errors: 0, breaker: 'closed' });
    expect(m.factory).toMatchObject({ calls: 2, errors: 1, timeouts: 0 });
    expect(m.factory.duration.count).toBe(2);
    expect(m.staleServed).toBe(0);
    // The snapshot is a copy: later traffic does not change it.
    await cache.get('a');
    expect(m.l1.hits).toBe(1);
    expect(cache.metrics().l1.hits).toBe(2);
    // Prometheus exposition lives in @novacron/sdk/prometheus (prom-client); the cache renders no text itself.
    expect('metricsToPrometheus' in cacheModule).toBe(false);
  });

  it('rejects bad options with a ValidationError', async () => {
    expect(() => new Cache({ defaults: { ttl: -1 } })).toThrow(ValidationError);
    const cache = new Cache();
    await expect(cache.getOrSet('k', async () => 1, { eagerRefresh: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    await expect(cache.set('k', 1, { version: 1.5 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('adaptive caching: the factory may skip the store or change the TTL', async () => {
    const clock = fakeClock();
    const cache = new Cache({ now: clock.now });
    await cache.getOrSet('skip', async (ctx) => {
      ctx.cacheable = false;
      return 'x';
    });
    expect(await cache.get('skip')).toBeUndefined();
    await cache.getOrSet('short', async (ctx) => {
      ctx.ttl = 10;
      return 'y';
    });
    clock.advance(11);
    expect(await cache.get('short')).toBeUndefined();
  });
});
