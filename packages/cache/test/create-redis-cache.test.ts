import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eventually, startRedisServer, type RedisServerHandle } from '@novacron/simulator';
import type { Cache } from '../src/cache';
import { applyResourceEvent, resourceKey } from '../src/index';
import { createRedisCache } from '../src/redis';
import type { Op } from './fixtures/event-applier';
import { REDIS_URL, busOf, dropPrefix, pollUntil, seededRandom, shuffle, uniquePrefix } from './support/redis-test-env';

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

  it('a fill whose origin read shares its millisecond with a delete elsewhere is not served after the delete', async () => {
    // One clock for all three, stopped: the fill starts, and the delete happens, in the same millisecond.
    const now = () => 1_750_000_000_000;
    const a = await open('same-ms-a', { now });
    const b = await open('same-ms-b', { now });
    const c = await open('same-ms-c', { now });
    let truth = 1;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // b reads the origin (1), and is slow to finish; its bus is down, so it hears of the delete late.
    const subscriber = busOf(b).subscriberConnection;
    subscriber.disconnect();
    let started: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (started = resolve));
    const fill = b.getOrSet('same-ms', async () => {
      const read = truth;
      started();
      await gate;
      return read;
    });
    await reading;
    truth = 2;
    await a.delete('same-ms');
    // c has heard of the delete before b's fill lands in L2.
    expect(await pollUntil(() => c.metrics().bus.received >= 1, 5_000)).toBeGreaterThanOrEqual(0);
    release();
    expect(await fill).toBe(1); // what b read, answered to its own caller
    // b's fill went to L2 after the delete: no process that knows of the delete may serve it.
    expect(await c.get('same-ms')).toBeUndefined();
    await subscriber.connect();
    expect(await pollUntil(() => b.metrics().bus.connected, 5_000)).toBeGreaterThanOrEqual(0);
    expect(await b.getOrSet('same-ms', async () => truth)).toBe(2);
  });

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

  it('an event or an older late write in one process does not hide a value a peer already stored at that version or newer', async () => {
    const a = await open('peer-a');
    const b = await open('peer-b');
    const key = resourceKey('/vms', 'vm-peer');
    await a.set(key, { version: 100 }, { version: 100 });
    await applyResourceEvent(b, { type: 'vm.updated', resource_type: 'vm', resource_id: 'vm-peer', resource_version: 100 });
    expect(await b.get(key)).toEqual({ version: 100 });
    const other = resourceKey('/vms', 'vm-late');
    await a.set(other, { version: 7 }, { version: 7 });
    expect(await b.set(other, { version: 5 }, { version: 5 })).toBe(false);
    expect(await b.get(other)).toEqual({ version: 7 });
    // An event newer than what is stored still hides it everywhere.
    await applyResourceEvent(b, { type: 'vm.updated', resource_type: 'vm', resource_id: 'vm-late', resource_version: 8 });
    expect(await b.get(other)).toBeUndefined();
    expect(await eventually(async () => ((await a.get(other)) === undefined ? true : undefined), 5_000)).toBe(true);
  });

  it('10,000 shuffled events and 10,000 late reads in two processes: no regression in either, and both end exactly at the source of truth', async () => {
    const random = seededRandom(20_251_125);
    const resources = 100;
    const versions = 100;
    // The source of truth: every resource ends at its last version; every 10th is deleted by it.
    const truth: Record<number, number | null> = {};
    const ops: Op[] = [];
    for (let id = 0; id < resources; id++) {
      truth[id] = id % 10 === 0 ? null : versions;
      for (let v = 1; v <= versions; v++) {
        ops.push({ kind: 'event', id, version: v, deleted: v === versions && id % 10 === 0 });
        ops.push({ kind: 'read', id, version: v }); // a read that saw version v and stores it late
      }
    }
    shuffle(ops, random);
    expect(ops.filter((op) => op.kind === 'event')).toHaveLength(10_000);
    // Each operation goes to one of the two processes, which run their shares at the same time.
    const shares: Op[][] = [[], []];
    for (const op of ops) shares[random() < 0.5 ? 0 : 1]!.push(op);
    const dir = mkdtempSync(join(tmpdir(), 'cache-events-'));
    const peers = shares.map((share, i) => {
      const file = join(dir, `ops-${i}.json`);
      writeFileSync(file, JSON.stringify(share));
      return startApplier([REDIS_URL, prefix, `proc-${i}`, file, String(resources)]);
    });
    try {
      expect(await Promise.all(peers.map((peer) => peer.nextLine()))).toEqual(['READY', 'READY']);
      const done = await Promise.all(peers.map((peer) => peer.ask('go')));
      const reports = done.map((line) => JSON.parse(line.replace(/^DONE /, '')) as { applied: number; regressions: number; resurrections: number });
      expect(reports.map((r) => r.applied)).toEqual(shares.map((share) => share.length));
      expect(reports.map((r) => [r.regressions, r.resurrections])).toEqual([
        [0, 0],
        [0, 0],
      ]);
      // Once the invalidation bus has caught up, each process reads exactly the truth: the last
      // version of every live resource (never a miss), and nothing for a deleted one.
      const snapshots = async () => Promise.all(peers.map(async (peer) => JSON.parse((await peer.ask('snapshot')).replace(/^SNAPSHOT /, '')) as Record<number, number | null>));
      await eventually(async () => ((await snapshots()).every((s) => JSON.stringify(s) === JSON.stringify(truth)) ? true : undefined), 10_000, 50).catch(() => undefined);
      expect(await snapshots()).toEqual([truth, truth]);
    } finally {
      await Promise.all(peers.map((peer) => peer.stop()));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** test/fixtures/event-applier.ts in a child process (@novacron/* from src), driven line by line. */
function startApplier(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/event-applier.ts'), ...args], {
    cwd: join(__dirname, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '../../../tsconfig.fixtures.json') },
  });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  return {
    nextLine,
    ask: (command: string) => {
      child.stdin.write(`${command}\n`);
      return nextLine();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.write('exit\n');
      }),
  };
}

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
