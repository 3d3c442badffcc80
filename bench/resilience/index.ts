/**
 * Success-path cost of @novacron/resilience's full preset (rate limit → total timeout → retry →
 * circuit breaker → attempt timeout) against a bare cockatiel wrap(retry, breaker, timeout), in the
 * same process, alternating rounds. Run: npx tsx bench/resilience/index.ts
 */
import * as cockatiel from 'cockatiel';
import { Pipeline, type NovaRequest, type NovaResponse } from '@novacron/core';
import { resilience } from '@novacron/resilience';
import { interleavedRounds, median } from '../shared/stats';
import { sized } from '../shared/bench-size';


const OPS = sized('BENCH_OPS', 200_000, 2_000);
const ROUNDS = sized('BENCH_ROUNDS', 9, 1);

const preset = resilience({
  env: {},
  rateLimit: { requestsPerSecond: 1e9, burst: 1e9 },
  timeout: 30_000,
  attemptTimeout: 15_000,
  retry: { maxRetries: 2 },
  circuitBreaker: { threshold: 5, halfOpenAfterMs: 10_000 },
});
const response = (request: NovaRequest): NovaResponse => ({ status: 200, headers: {}, body: 1, requestId: undefined, request });
const pipeline = preset.install(new Pipeline(async (request) => response(request)));

const request = (): NovaRequest => ({
  method: 'GET',
  path: '/api/v1/vms/vm-1',
  route: 'GET /vms/{id}',
  headers: {},
  authenticate: false,
  attempt: 1,
  requestId: 'bench',
  context: {},
});

const { wrap, retry, circuitBreaker, timeout, handleAll, ConsecutiveBreaker, ExponentialBackoff, TimeoutStrategy } = cockatiel;
const cockatielPolicy = wrap(
  retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff() }),
  circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
  timeout(15_000, TimeoutStrategy.Aggressive),
);

const cases: Record<string, () => Promise<unknown>> = {
  // Deadline-based timeouts: the in-memory transport, like core's, is trusted to honour request.deadline.
  'novacron preset (core Pipeline)': () => pipeline.send(request()),
  // Standalone, the adapter itself enforces the deadline (AbortController + timer), like cockatiel's timeout.
  'novacron preset (standalone execute)': () => preset.execute(async () => 1),
  'cockatiel wrap(retry, breaker, timeout)': () => cockatielPolicy.execute(async () => 1),
  'bare async call (floor)': async () => 1,
};

/** ns per op over one round of OPS sequential calls. */
async function round(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) await fn();
  return Number(process.hrtime.bigint() - start) / OPS;
}

async function main(): Promise<void> {
  for (const fn of Object.values(cases)) await round(fn); // warm-up: JIT, breaker map, counters
  const samples: Record<string, number[]> = await interleavedRounds(
    Object.fromEntries(Object.entries(cases).map(([name, fn]) => [name, () => round(fn)])),
    ROUNDS,
  );
  console.log(`node ${process.version}, ${OPS} ops × ${ROUNDS} rounds, median ns/op`);
  const results = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)]));
  for (const [name, ns] of Object.entries(results)) console.log(`${name.padEnd(42)} ${ns.toFixed(0).padStart(7)} ns/op`);
  const base = results['cockatiel wrap(retry, breaker, timeout)']!;
  console.log(`ratio pipeline / cockatiel:   ${(results['novacron preset (core Pipeline)']! / base).toFixed(2)}×  (target ≤ 1.20×)`);
  console.log(`ratio standalone / cockatiel: ${(results['novacron preset (standalone execute)']! / base).toFixed(2)}×`);
  await preset.close();
}

void main();
