/**
 * placeVm over a large fleet: one VM, N hosts, all filters active, 6 or 8 scorers, the whole
 * explanation (every node's per-scorer scores, alternatives, rejections) built. Interleaved rounds,
 * medians. Run: npx tsx bench/ai/placement.ts   (target: 10 000 hosts × 6 scorers < 50 ms)
 *
 * Baseline: a hand-written loop that only filters on capacity and picks the max LeastAllocated
 * score, the least a scheduler can do; the ratio shows what the explanation and plugins cost.
 */
import { placeVm, type PlacementCandidate, type PlacementOptions, type PlacementRequest, type PriceTable } from '@novacron/ai';
import { seededRandom } from '@novacron/simulator';
import { interleavedRounds, median, timed } from '../shared/stats';
import { sized } from '../shared/bench-size';

const ROUNDS = sized('BENCH_ROUNDS', 15, 1);


const PROVIDERS = ['aws', 'azure', 'gcp', 'kvm'];
const REGIONS = ['r1', 'r2', 'r3', 'r4', 'r5'];

function fleet(size: number, seed: number): PlacementCandidate[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const cpu = [16, 32, 64, 96][Math.floor(random() * 4)]!;
    const memoryMb = cpu * 4096;
    return {
      id: `host-${String(i).padStart(6, '0')}`,
      provider: PROVIDERS[i % PROVIDERS.length],
      region: REGIONS[Math.floor(random() * REGIONS.length)],
      zone: `z${Math.floor(random() * 12)}`,
      labels: random() < 0.7 ? { tier: 'gold' } : { tier: 'silver' },
      capacity: { cpu, memoryMb, diskGb: 4096 },
      allocated: { cpu: Math.floor(random() * cpu), memoryMb: Math.floor(random() * memoryMb), diskGb: Math.floor(random() * 4096) },
      latencyMs: Math.floor(random() * 120),
      vms: random() < 0.3 ? [{ labels: { app: random() < 0.5 ? 'web' : 'db' } }] : [],
    };
  });
}

const prices: PriceTable = {
  rates: [
    { provider: 'aws', vcpuHour: 0.04, memoryGibHour: 0.005 },
    { provider: 'azure', vcpuHour: 0.042, memoryGibHour: 0.0048 },
    { provider: 'gcp', vcpuHour: 0.033, memoryGibHour: 0.0044 },
    { provider: 'kvm', vcpuHour: 0.02, memoryGibHour: 0.003 },
  ],
};

const request: PlacementRequest = {
  cpu: 4,
  memoryMb: 8192,
  diskGb: 50,
  labels: { app: 'web' },
  constraints: { regions: ['r1', 'r2', 'r3', 'r4'], requiredLabels: { tier: 'gold' }, maxLatencyMs: 100, topologySpread: [{ topologyKey: 'zone', maxSkew: 1 }] },
};
const request8: PlacementRequest = {
  ...request,
  constraints: { ...request.constraints, affinity: [{ selector: { app: 'db' }, topologyKey: 'zone', weight: 10 }], preferredLabels: { tier: 'gold' } },
};
// least, most, balanced, topology spread, cost, latency
const six: PlacementOptions = { prices, weights: { 'most-allocated': 1 } };

function baseline(hosts: PlacementCandidate[], req: PlacementRequest): string {
  let best = '';
  let bestScore = -1;
  for (const h of hosts) {
    const cpu = (h.allocated?.cpu ?? 0) + req.cpu;
    const mem = (h.allocated?.memoryMb ?? 0) + req.memoryMb;
    if (cpu > h.capacity.cpu || mem > h.capacity.memoryMb) continue;
    const score = (((h.capacity.cpu - cpu) * 100) / h.capacity.cpu + ((h.capacity.memoryMb - mem) * 100) / h.capacity.memoryMb) / 2;
    if (score > bestScore || (score === bestScore && h.id < best)) {
      best = h.id;
      bestScore = score;
    }
  }
  return best;
}


const hosts10k = fleet(10_000, 1);
const hosts100k = fleet(100_000, 2);
const check = placeVm(request, hosts10k, six);
if (Object.keys(check.weights).length !== 6) throw new Error(`expected 6 scorers, got ${Object.keys(check.weights).join(', ')}`);
const check8 = placeVm(request8, hosts10k, six);
if (Object.keys(check8.weights).length !== 8) throw new Error(`expected 8 scorers, got ${Object.keys(check8.weights).join(', ')}`);
// warm the JIT
for (let i = 0; i < 5; i++) {
  placeVm(request, hosts10k, six);
  baseline(hosts10k, request);
}

const results = await interleavedRounds(
  {
    '10k hosts × 6 scorers': timed(() => placeVm(request, hosts10k, six)),
    '10k hosts × 8 scorers': timed(() => placeVm(request8, hosts10k, six)),
    '100k hosts × 6 scorers': timed(() => placeVm(request, hosts100k, six)),
    'baseline 10k (capacity + LeastAllocated only)': timed(() => baseline(hosts10k, request)),
  },
  ROUNDS,
);

console.log(`placeVm — ${ROUNDS} interleaved rounds, median ms (feasible at 10k: ${check.scores.length}, rejected: ${check.rejected.length})`);
for (const [name, samples] of Object.entries(results)) console.log(`  ${name.padEnd(48)} ${median(samples).toFixed(2)} ms`);
const ratio = median(results['10k hosts × 6 scorers']) / median(results['baseline 10k (capacity + LeastAllocated only)']);
console.log(`  10k × 6 vs baseline: ${ratio.toFixed(1)}× (target for 10k × 6: < 50 ms)`);
