/**
 * @novacron/cache against bentocache (memory tier) and raw ioredis, same process, interleaved
 * rounds, medians. Run: npx tsx bench/cache/index.ts   (Redis at REDIS_URL or 127.0.0.1:6379)
 *
 * - L1 hit `get` and `getOrSet` throughput: ours vs bentocache's memory-only store (target ≥ 1×).
 * - L2 hit latency: our cache with L2 only (Redis GET + decode + guards) vs a raw ioredis GET of
 *   the same payload (target ≤ 1.2×).
 */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { Redis } from 'ioredis';
import { createCache } from '@novacron/cache';
import { createRedisCache } from '@novacron/cache/redis';
import { formatRate, interleavedRounds, median } from '../shared/stats';
import { sized } from '../shared/bench-size';

const OPS = sized('BENCH_OPS', 200_000, 2_000);
const L2_OPS = sized('BENCH_L2_OPS', 5_000, 100);
const ROUNDS = sized('BENCH_ROUNDS', 9, 1);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const VALUE = { id: 'vm-1', name: 'web-1', state: 'running', cpu_shares: 2, memory_mb: 2048, resource_version: 7, tags: { env: 'prod' } };

const ours = createCache({ defaults: { ttl: 3_600_000 } });
const bento = new BentoCache({ default: 'memory', stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000, serialize: false })) } });
await ours.set('vm:1', VALUE);
await bento.set({ key: 'vm:1', value: VALUE, ttl: '1h' });
const factory = async () => VALUE;

async function throughput(op: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < OPS; i++) await op();
  return OPS / ((performance.now() - start) / 1000);
}

// Warm both JITs before measuring.
for (let i = 0; i < 50_000; i++) {
  await ours.get('vm:1');
  await bento.get({ key: 'vm:1' });
  await ours.getOrSet('vm:1', factory);
  await bento.getOrSet({ key: 'vm:1', factory, ttl: '1h' });
}

const l1 = await interleavedRounds(
  {
    oursGet: () => throughput(() => ours.get('vm:1')),
    bentoGet: () => throughput(() => bento.get({ key: 'vm:1' })),
    oursGetOrSet: () => throughput(() => ours.getOrSet('vm:1', factory)),
    bentoGetOrSet: () => throughput(() => bento.getOrSet({ key: 'vm:1', factory, ttl: '1h' })),
  },
  ROUNDS,
);

// L2: our cache on Redis alone (no L1, no bus, no lock) against the bare client.
const prefix = `novacron:bench:cache:${process.pid}:`;
const l2Cache = createRedisCache({ url: REDIS_URL, prefix, l1: false, bus: false, lock: false, defaults: { ttl: 3_600_000 } });
const raw = new Redis(REDIS_URL);
await new Promise((r) => (raw.status === 'ready' ? r(undefined) : raw.once('ready', r)));
await l2Cache.ready();
// The cache skips L2 until its connection is ready: write until the value reads back.
for (let tries = 0; JSON.stringify(await l2Cache.get('vm:1')) !== JSON.stringify(VALUE); tries++) {
  if (tries > 200) throw new Error('Redis did not become ready');
  await l2Cache.set('vm:1', VALUE);
  await new Promise((r) => setTimeout(r, 10));
}
const rawKey = `${prefix}raw`;
await raw.set(rawKey, JSON.stringify(VALUE));

async function latencyUs(op: () => Promise<unknown>): Promise<number> {
  const samples = new Float64Array(L2_OPS);
  for (let i = 0; i < L2_OPS; i++) {
    const t = performance.now();
    await op();
    samples[i] = performance.now() - t;
  }
  return median(Array.from(samples)) * 1000;
}
for (let i = 0; i < 2_000; i++) {
  await l2Cache.get('vm:1');
  await raw.get(rawKey);
}
const l2 = await interleavedRounds(
  {
    oursL2Get: () => latencyUs(() => l2Cache.get('vm:1')),
    rawGet: () => latencyUs(() => raw.get(rawKey)),
    rawGetParse: () => latencyUs(async () => JSON.parse((await raw.get(rawKey))!)),
  },
  ROUNDS,
);
await raw.del(rawKey);
await l2Cache.clear();
await l2Cache.close();
raw.disconnect();
await bento.disconnectAll();

const m = (xs: number[]) => median(xs);
const rows = [
  ['L1 get (hit)', formatRate(m(l1.oursGet)), formatRate(m(l1.bentoGet)), (m(l1.oursGet) / m(l1.bentoGet)).toFixed(2) + '×', '≥ 1.00×'],
  ['L1 getOrSet (hit)', formatRate(m(l1.oursGetOrSet)), formatRate(m(l1.bentoGetOrSet)), (m(l1.oursGetOrSet) / m(l1.bentoGetOrSet)).toFixed(2) + '×', '≥ 1.00×'],
];
console.log(`@novacron/cache vs bentocache (memory), ${ROUNDS} rounds × ${OPS} ops, medians of throughput`);
console.table(rows.map(([c, o, b, r, t]) => ({ case: c, novacron: o, bentocache: b, ratio: r, target: t })));
const ratio = m(l2.oursL2Get) / m(l2.rawGet);
console.log(`L2 hit latency, ${ROUNDS} rounds × ${L2_OPS} sequential ops, median of per-round medians`);
console.table([
  { case: 'novacron get (L2 only)', median_us: m(l2.oursL2Get).toFixed(1) },
  { case: 'raw ioredis GET', median_us: m(l2.rawGet).toFixed(1) },
  { case: 'raw ioredis GET + JSON.parse', median_us: m(l2.rawGetParse).toFixed(1) },
]);
console.log(`L2 ratio vs raw GET: ${ratio.toFixed(2)}× (target ≤ 1.20×)`);
