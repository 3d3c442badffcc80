import { setMaxListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { APIError, Pipeline, type NovaRequest, type NovaResponse } from '@novacron/core';
import { resilience } from '../src/index';

// Without --expose-gc on the command line, switch it on here and fetch gc() from a fresh context.
setFlagsFromString('--expose-gc');
const gc = (globalThis.gc ?? runInNewContext('gc')) as () => void;

const heapAfterGc = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('memory: calls through the full preset leave the heap flat', () => {
  async function run(calls: number, options: Parameters<typeof resilience>[0]) {
    const preset = resilience({ env: {}, rateLimit: { requestsPerSecond: 1e9, burst: 1e9 }, retry: { maxRetries: 2, baseDelayMs: 0 }, ...options });
    let n = 0;
    const pipeline = preset.install(
      new Pipeline(async (request: NovaRequest): Promise<NovaResponse> => {
        // Every 100th call fails once: the retry path (budget, events, sleep) runs too.
        if (++n % 100 === 0) throw APIError.fromStatus('503', { status: 503 });
        return { status: 200, headers: {}, body: n, requestId: undefined, request };
      }),
    );
    // One long-lived caller signal shared by every call: a leaked listener per call would pile up on it.
    const caller = new AbortController();
    setMaxListeners(2_000, caller.signal); // up to a batch of calls listen at once, by design
    const routes = ['GET /vms', 'GET /vms/{id}', 'GET /nodes', 'POST /vms'];
    const call = (i: number) =>
      pipeline.send({
        method: i % 4 === 3 ? 'POST' : 'GET',
        path: '/x',
        route: routes[i % 4]!,
        headers: {},
        signal: caller.signal,
        idempotencyKey: `k-${i}`,
        authenticate: false,
        attempt: 1,
        requestId: String(i),
        context: {},
      });
    const batch = async (from: number, size: number) => {
      const pending: Promise<NovaResponse>[] = [];
      for (let i = from; i < from + size; i++) pending.push(call(i));
      await Promise.all(pending);
    };

    for (let i = 0; i < 50_000; i += 1_000) await batch(i, 1_000); // warm-up: JIT, maps, counters
    const timersBefore = timers();
    const before = heapAfterGc();
    for (let i = 0; i < calls; i += 1_000) await batch(i, 1_000);
    const after = heapAfterGc();
    return { growth: after - before, timersLeft: timers() - timersBefore, preset };
  }

  it('1,000,000 calls (rate limit, timeout, retry, breaker, attempt timeout, bulkhead): no growth, no timer left', async () => {
    const { growth, timersLeft, preset } = await run(1_000_000, { bulkhead: { maxConcurrent: 600, maxQueue: 1_000 } });
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    expect(timersLeft).toBeLessThanOrEqual(0);
    expect(preset.events.count('retry')).toBeGreaterThan(9_000);
    expect(preset.events.count('bulkheadQueued')).toBeGreaterThan(100_000);
    expect(preset.breakers().every((b) => b.state === 'closed')).toBe(true);
  }, 90_000);

  it('100,000 hedged calls: every hedge timer and attempt signal is released', async () => {
    const { growth, timersLeft } = await run(100_000, { hedging: { delayMs: 10_000 } });
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    expect(timersLeft).toBeLessThanOrEqual(0);
  }, 90_000);
});
