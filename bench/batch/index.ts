/**
 * Batch creation against the simulator. Run: pnpm --filter @novacron/bench run batch
 * (BENCH_ROUNDS, BENCH_VMS; BENCH_SHORT=1 for one quick pass).
 *
 * 1. 1,000 `vms.createMany` creates at concurrency 50 with 20 ms of latency injected on every
 *    POST /vms: wall time against the ideal, 1,000 / 50 = 20 rounds × 20 ms = 400 ms (the least any
 *    client could take, whatever its own cost). Median of rounds, each on fresh names.
 * 2. The same batch with 10 % of the creates' connections reset (5 % before the handler ran, 5 %
 *    after the VM was committed and its answer stored for idempotency): the SDK retries each with the
 *    same Idempotency-Key, so every input must end with exactly one VM — 0 duplicates, 0 missing.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createClient } from '@novacron/sdk';
import type { FaultRule } from '@novacron/simulator';
import { sized } from '../shared/bench-size';
import { interleavedRounds, median } from '../shared/stats';

const ROUNDS = sized('BENCH_ROUNDS', 5, 1);
const VMS = sized('BENCH_VMS', 1_000, 100);
const CONCURRENCY = 50;
const LATENCY_MS = 20;
const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };
// Room for every VM of every round: the bench measures the client, not the scheduler's capacity.
const NODES = [1, 2, 3, 4].map((n) => ({ id: `node-batch-${n}`, cloudProvider: 'kvm', region: 'dc-1', totalCpu: 100_000, totalMemoryMb: 100_000_000, totalDiskGb: 1_000_000 }));

/** The simulator on its own thread (simulator-worker.ts), driven by messages. */
async function startSimulatorThread() {
  const worker = new Worker(new URL('./simulator-thread.mjs', import.meta.url), { workerData: { nodes: NODES } });
  const ask = async <T>(message: object): Promise<T> => {
    const answer = once(worker, 'message') as Promise<[T]>;
    worker.postMessage(message);
    return (await answer)[0];
  };
  const [{ url }] = (await once(worker, 'message')) as [{ url: string }];
  return {
    url,
    inject: async (rule: FaultRule) => (await ask<{ id: string }>({ inject: rule })).id,
    remove: (id: string) => ask<{ removed: boolean }>({ remove: id }),
    names: async (label: string) => (await ask<{ names: string[] }>({ names: label })).names,
    postsToVms: async () => (await ask<{ stats: { byRoute: Record<string, number> } }>({ stats: true })).stats.byRoute['POST /vms'] ?? 0,
    close: async () => {
      worker.postMessage({ close: true });
      await once(worker, 'exit');
    },
  };
}

async function createBatch(sim: { url: string }, label: string, breaker = true): Promise<{ wallMs: number; failed: number; ids: string[] }> {
  const client = createClient({ baseUrl: sim.url, ...ADMIN, maxRetries: 6, env: {}, ...(breaker ? {} : { resilience: { circuitBreaker: false } }) });
  try {
    await client.nodes.list(); // log in before the clock starts
    const inputs = Array.from({ length: VMS }, (_, i) => ({ name: `${label}-${i}`, cpuShares: 1, memoryMb: 128, diskSizeGb: 1, tags: { batch: label } }));
    const started = performance.now();
    const results = await client.vms.createMany(inputs, { concurrency: CONCURRENCY });
    const wallMs = performance.now() - started;
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    const reasons = new Map<string, number>();
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      const error = r.error as { name?: string; code?: string; message?: string };
      const reason = `${error.name ?? 'Error'} (${error.code ?? error.message?.slice(0, 60) ?? ''})`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (reasons.size > 0) console.log(`  failures: ${[...reasons].map(([reason, n]) => `${n}× ${reason}`).join(', ')}`);
    return { wallMs, failed: results.length - ids.length, ids };
  } finally {
    await client.close();
  }
}

const sim = await startSimulatorThread();
try {
  const ideal = Math.ceil(VMS / CONCURRENCY) * LATENCY_MS;
  // Interleaved with the same batch without the latency: what the client and the simulator cost on
  // their own, the floor under any wall time here.
  let round = 0;
  const batch = async (latency: boolean) => {
    const id = latency ? await sim.inject({ route: 'POST /vms', latencyMs: LATENCY_MS }) : undefined;
    const { wallMs, failed } = await createBatch(sim, `${latency ? 'lat' : 'bare'}-${round++}`);
    if (id) await sim.remove(id);
    if (failed > 0) throw new Error(`${failed} creates failed without any fault but latency`);
    return wallMs;
  };
  const walls = await interleavedRounds({ latency: () => batch(true), bare: () => batch(false) }, ROUNDS);
  const wall = median(walls.latency);
  const bare = median(walls.bare);
  console.log(
    `${VMS} creates, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency: wall median ${wall.toFixed(0)} ms (min ${Math.min(...walls.latency).toFixed(0)}, max ${Math.max(...walls.latency).toFixed(0)}, ${ROUNDS} rounds); ` +
      `ideal ${ideal} ms → ratio ${(wall / ideal).toFixed(2)}×; the same batch without latency: median ${bare.toFixed(0)} ms (client + simulator CPU)`,
  );

  await sim.inject({ route: 'POST /vms', latencyMs: LATENCY_MS });
  await sim.inject({ route: 'POST /vms', reset: 'before', errorRate: 0.05 });
  await sim.inject({ route: 'POST /vms', reset: 'after', errorRate: 0.05 });
  // With the default client (its circuit breaker on), then with the breaker off: duplicates must be 0 in both.
  let bad = false;
  for (const breaker of [true, false]) {
    const label = breaker ? 'resets-default' : 'resets-no-breaker';
    const postsBefore = await sim.postsToVms();
    const resets = await createBatch(sim, label, breaker);
    const names = await sim.names(label);
    const perName = new Map<string, number>();
    for (const name of names) perName.set(name, (perName.get(name) ?? 0) + 1);
    const duplicates = [...perName.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
    const missing = VMS - perName.size;
    console.log(
      `${VMS} creates with 10 % connection resets (5 % before, 5 % after commit), circuit breaker ${breaker ? 'on (default)' : 'off'}: ` +
        `${resets.failed} failed (${resets.failed - missing} of them committed before their reset), ${names.length} VMs stored, ${duplicates} duplicates, ${missing} missing; ` +
        `${(await sim.postsToVms()) - postsBefore} POST /vms requests; wall ${resets.wallMs.toFixed(0)} ms`,
    );
    // A failed create leaves at most one VM (one committed before its reset), never two; without the breaker nothing may fail.
    if (duplicates > 0 || missing > resets.failed || new Set(resets.ids).size !== resets.ids.length || (!breaker && resets.failed > 0)) bad = true;
  }
  if (bad) process.exitCode = 1;
} finally {
  await sim.close();
}
