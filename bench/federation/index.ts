/**
 * Federation benchmarks. Run: npx tsx bench/federation/index.ts  (BENCH_ROUNDS, default 15 / 3)
 *
 * 1. Cost comparison of one spec over the whole catalog (the simulator's snapshot, and a synthetic
 *    catalog 50× larger): median time per `catalog.monthlyCosts(spec, { from })`.
 * 2. Planning 1,000 VMs with 3,000 dependencies into waves (target < 50 ms): `buildWaves` alone and
 *    the whole `buildMigrationPlan` (inventory and cluster lookups included).
 * 3. Executing a 200-VM plan (4 waves of 50) against the simulator at concurrency 20: wall time
 *    against the ideal — the number of rounds the waves need at that concurrency (3 per wave)
 *    times the wall time of a one-VM plan measured just before, in the same process.
 */
import { CoreClient } from '@novacron/core';
import {
  Catalog,
  MemoryPlanStore,
  buildMigrationPlan,
  buildWaves,
  createFederationClient,
  type Cluster,
  type FederatedVm,
  type Offering,
} from '@novacron/federation';
import { DEFAULT_NODES, startSimulator, seededRandom } from '@novacron/simulator';
import { interleavedRounds, median } from '../shared/stats';
import { sized } from '../shared/bench-size';

const ROUNDS = sized('BENCH_ROUNDS', 15, 1);
const EXEC_ROUNDS = sized('BENCH_EXEC_ROUNDS', 3, 1);
const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };


function timeMs(fn: () => void, repeat: number): number {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) fn();
  return (performance.now() - start) / repeat;
}

async function costComparison(catalog: Catalog): Promise<void> {
  const synthetic: Offering[] = [];
  for (let copy = 0; copy < 50; copy++) for (const o of catalog.offerings) synthetic.push({ ...o, region: `${o.region}-${copy}` });
  const big = new Catalog(synthetic, catalog.egress, { effectiveDate: catalog.effectiveDate });
  const spec = { vcpu: 2, memoryGib: 8, diskGb: 100 };
  const from = { provider: 'aws', region: 'us-east-1' };
  const rounds = await interleavedRounds(
    {
      snapshot: async () => timeMs(() => catalog.monthlyCosts(spec, { from }), 200),
      synthetic50x: async () => timeMs(() => big.monthlyCosts(spec, { from }), 5),
    },
    ROUNDS,
  );
  const rows = catalog.monthlyCosts(spec, { from });
  console.log('\n## cost comparison of one spec (2 vCPU, 8 GiB, 100 GB) over the whole catalog');
  console.log(`snapshot: ${catalog.offerings.length} offerings, ${rows.length} provider/regions → median ${(median(rounds.snapshot) * 1000).toFixed(1)} µs per comparison`);
  console.log(`synthetic ×50: ${big.offerings.length} offerings → median ${median(rounds.synthetic50x).toFixed(2)} ms per comparison`);
  console.log(`cheapest: ${rows.slice(0, 3).map((r) => `${r.provider}/${r.region} ${r.instanceType} $${r.monthly}/month`).join('; ')}`);
}

async function planning(): Promise<void> {
  const random = seededRandom(1000);
  const moves = Array.from({ length: 1000 }, (_, i) => ({ vmId: `vm-${i}`, targetCluster: `cluster-${i % 8}`, dependsOn: [] as string[] }));
  let edges = 0;
  while (edges < 3000) {
    const a = Math.floor(random() * 1000);
    const b = Math.floor(random() * 1000);
    if (a === b) continue;
    moves[Math.max(a, b)]!.dependsOn.push(`vm-${Math.min(a, b)}`);
    edges++;
  }
  // Shuffle so input order is not already topological.
  for (let i = moves.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [moves[i], moves[j]] = [moves[j]!, moves[i]!];
  }
  const inventory: FederatedVm[] = moves.map((m) => ({
    vmId: m.vmId, name: m.vmId, state: 'running', clusterId: 'source', provider: 'aws', region: 'us-east-1', vcpu: 2, memoryGib: 4, diskGb: 20, tags: {}, migrationId: null,
  }));
  const clusters = Array.from({ length: 8 }, (_, i) => ({ id: `cluster-${i}`, provider: 'gcp', region: 'us-central1' }) as Cluster);
  const rounds = await interleavedRounds(
    {
      waves: async () => timeMs(() => buildWaves(moves), 5),
      plan: async () => timeMs(() => buildMigrationPlan({ id: 'bench', moves }, { inventory, clusters }), 5),
    },
    ROUNDS,
  );
  console.log('\n## planning 1,000 VMs with 3,000 dependencies into waves (target < 50 ms)');
  console.log(`buildWaves: median ${median(rounds.waves).toFixed(2)} ms (${buildWaves(moves).length} waves)`);
  console.log(`buildMigrationPlan (waves + inventory/cluster lookups + validation of the input): median ${median(rounds.plan).toFixed(2)} ms`);
}

async function execution(): Promise<void> {
  const walls: number[] = [];
  const ideals: number[] = [];
  const TARGETS = ['azure-eastus', 'gcp-us-central1', 'vmware-vsphere-east', 'aws-eu-west-1'];
  for (let round = 0; round < EXEC_ROUNDS; round++) {
    const nodes = DEFAULT_NODES.map((n) => (n.id === 'node-aws-use1' ? { ...n, totalCpu: 1024, totalMemoryMb: 1_048_576 } : n));
    const sim = await startSimulator({ port: 0, timeScale: 0.05, seed: `bench-${round}`, nodes });
    const core = new CoreClient({ baseUrl: sim.url, ...ADMIN, env: {} });
    const federation = createFederationClient(core);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 201; i++) {
        const vm = await core.request<{ id: string }>({ method: 'POST', path: '/vms', body: { name: `b-${i}`, cpu_shares: 1, memory_mb: 512, disk_size_gb: 10, node_id: 'node-aws-use1' } });
        ids.push(vm.id);
      }
      for (;;) {
        const inventory = await federation.inventory.all();
        if (inventory.filter((v) => v.state === 'running').length === ids.length) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const solo = ids.pop()!;
      const soloPlan = await federation.plans.create({ id: `solo-${round}`, moves: [{ vmId: solo, targetCluster: TARGETS[0]! }] });
      let start = performance.now();
      await federation.plans.execute(soloPlan, { store: new MemoryPlanStore(), pollIntervalMs: 10 });
      const single = performance.now() - start;
      // 4 waves of 50: wave w depends on one VM of wave w-1.
      const moves = ids.map((vmId, i) => ({ vmId, targetCluster: TARGETS[i % 4]!, dependsOn: i >= 50 ? [ids[i - 50]!] : [] }));
      const plan = await federation.plans.create({ id: `bench-${round}`, moves });
      start = performance.now();
      const report = await federation.plans.execute(plan, { store: new MemoryPlanStore(), concurrency: 20, pollIntervalMs: 10 });
      const wall = performance.now() - start;
      if (report.status !== 'completed' || report.moved.length !== 200) throw new Error(`plan ended ${report.status} with ${report.moved.length} moved`);
      const rounds = plan.waves.reduce((n, wave) => n + Math.ceil(wave.length / 20), 0);
      walls.push(wall);
      ideals.push(rounds * single);
    } finally {
      await core.close();
      await sim.close();
    }
  }
  console.log('\n## executing a 200-VM plan (4 waves × 50) against the simulator at concurrency 20 (timeScale 0.05)');
  console.log(`wall: median ${median(walls).toFixed(0)} ms over ${EXEC_ROUNDS} runs; ideal (12 rounds × one-VM plan): median ${median(ideals).toFixed(0)} ms; ratio ${median(walls.map((w, i) => w / ideals[i]!)).toFixed(2)}×`);
}

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const core = new CoreClient({ baseUrl: sim.url, ...ADMIN, env: {} });
  const catalog = await createFederationClient(core).catalog.get();
  await core.close();
  await sim.close();
  await costComparison(catalog);
  await planning();
  await execution();
}

void main();
