import { seededRandom } from '@novacron/simulator';
import { AbortError, APIError, BadRequestError, type Jitter, type NovaRequest, type NovaResponse } from '@novacron/core';
import { RatioRetryBudget, ResilienceEvents, ResilienceRetryPolicy, TokenBucketRetryBudget } from '../src/index';


const unavailable = (retryAfterMs?: number) => APIError.fromStatus('503 down', { status: 503, retryAfterMs });
const request = (over: Partial<NovaRequest> = {}): NovaRequest => ({
  method: 'GET',
  path: '/api/v1/vms',
  route: 'GET /vms',
  headers: {},
  authenticate: false,
  attempt: 1,
  requestId: 'r',
  context: {},
  ...over,
});
const answer = (req: NovaRequest): NovaResponse => ({ status: 200, headers: {}, body: 'ok', requestId: undefined, request: req });

/** When each client's k-th retry is sent, on a virtual clock, for 1,000 clients hitting one outage at t=0. */
async function herd(jitter: Jitter, rounds: number): Promise<number[][]> {
  const random = seededRandom(7);
  const sendTimes: number[][] = Array.from({ length: rounds }, () => []);
  await Promise.all(
    Array.from({ length: 1_000 }, async () => {
      let now = 0;
      const policy = new ResilienceRetryPolicy({
        maxRetries: rounds,
        baseDelayMs: 500,
        jitter,
        random,
        sleep: async (ms) => {
          now += ms;
        },
      });
      await policy
        .send(request(), async (req) => {
          if (req.attempt > 1) sendTimes[req.attempt - 2]!.push(now);
          throw unavailable();
        })
        .catch(() => undefined);
    }),
  );
  return sendTimes;
}

/** Peak retries in any 100 ms bucket over the mean, across the span the backoff allows for that round. */
function peakOverMean(times: number[], spanMs: number): number {
  const buckets = new Map<number, number>();
  for (const t of times) buckets.set(Math.floor(t / 100), (buckets.get(Math.floor(t / 100)) ?? 0) + 1);
  const mean = times.length / Math.ceil(spanMs / 100);
  return Math.max(...buckets.values()) / mean;
}

describe('ResilienceRetryPolicy (core RetryPolicy + budget + events)', () => {
  it('a thundering herd of 1,000 clients: peak retries per 100 ms stay within 2× the mean (full jitter, default 2 retries)', async () => {
    const rounds = 2;
    const jittered = await herd('full', rounds);
    const plain = await herd('none', rounds);
    let span = 0;
    for (let k = 0; k < rounds; k++) {
      span += 500 * 2 ** k; // the latest the k-th retry can be sent
      expect(jittered[k]).toHaveLength(1_000);
      expect(peakOverMean(jittered[k]!, span)).toBeLessThanOrEqual(2);
      // Without jitter every client retries in the same instant: the check above would catch it.
      expect(peakOverMean(plain[k]!, span)).toBeGreaterThan(4);
    }
  });

  it('waits what Retry-After asks, and surfaces the error when the server asks for longer than the cap', async () => {
    const delays: number[] = [];
    const policy = new ResilienceRetryPolicy({ maxRetryAfterMs: 5_000, sleep: async (ms) => void delays.push(ms) });
    let calls = 0;
    const result = await policy.send(request(), async (req) => {
      if (++calls === 1) throw unavailable(1_200);
      return answer(req);
    });
    expect(result.body).toBe('ok');
    expect(delays).toEqual([1_200]);

    calls = 0;
    await expect(policy.send(request(), async () => (calls++, Promise.reject(unavailable(9_000))))).rejects.toBeInstanceOf(APIError);
    expect(calls).toBe(1);
  });

  it('never retries a POST without an idempotency key; retries one with a key', async () => {
    const policy = new ResilienceRetryPolicy({ maxRetries: 3, sleep: async () => undefined });
    let calls = 0;
    const flaky = async (req: NovaRequest) => {
      if (++calls < 3) throw unavailable();
      return answer(req);
    };
    await expect(policy.send(request({ method: 'POST', route: 'POST /vms' }), flaky)).rejects.toBeInstanceOf(APIError);
    expect(calls).toBe(1);
    calls = 0;
    await expect(policy.send(request({ method: 'POST', route: 'POST /vms', idempotencyKey: 'k-1' }), flaky)).resolves.toMatchObject({ body: 'ok' });
    expect(calls).toBe(3);
  });

  it('does not retry a caller 4xx', async () => {
    const policy = new ResilienceRetryPolicy({ sleep: async () => undefined });
    let calls = 0;
    await expect(policy.send(request(), async () => (calls++, Promise.reject(new BadRequestError('400', { status: 400 }))))).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('an abort during the backoff sleep ends the call at once with AbortError', async () => {
    const policy = new ResilienceRetryPolicy({ baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 'none' });
    const controller = new AbortController();
    let calls = 0;
    const pending = policy.send(request({ signal: controller.signal }), async () => (calls++, Promise.reject(unavailable())));
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(1);
  });

  it('a token-bucket budget keeps an outage from multiplying load: 1,000 clients make ≤ 1,000 + 100 attempts', async () => {
    const events = new ResilienceEvents();
    const budget = new TokenBucketRetryBudget({ capacity: 500, retryCost: 5 });
    const policy = new ResilienceRetryPolicy({ maxRetries: 3, budget, events, sleep: async () => undefined });
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 1_000 }, () => policy.send(request(), async () => (attempts++, Promise.reject(unavailable()))).catch(() => undefined)),
    );
    expect(attempts).toBe(1_000 + 500 / 5);
    expect(events.count('retry')).toBe(100);
    expect(events.count('retryBudgetExhausted')).toBe(1_000);
    expect(budget.available).toBe(0);
  });

  it('token bucket refills: a retried success returns its cost, a plain success 1 token', async () => {
    const budget = new TokenBucketRetryBudget({ capacity: 20, retryCost: 5, timeoutCost: 10 });
    const req = request();
    expect(budget.tryAcquire(req, unavailable())).toBe(true);
    expect(budget.available).toBe(15);
    req.attempt = 2;
    budget.recordSuccess(req);
    expect(budget.available).toBe(20);
    const { TimeoutError } = await import('@novacron/core');
    expect(budget.tryAcquire(request(), new TimeoutError())).toBe(true);
    expect(budget.available).toBe(10);
    budget.recordSuccess(request());
    expect(budget.available).toBe(11);
  });

  it('a ratio budget keeps retries under the share of traffic in the window', () => {
    let now = 0;
    const budget = new RatioRetryBudget({ ratio: 0.1, windowMs: 10_000, minRetriesPerSecond: 0, now: () => now });
    for (let i = 0; i < 1_000; i++) budget.recordSuccess(request());
    let granted = 0;
    for (let i = 0; i < 500; i++) if (budget.tryAcquire(request(), unavailable())) granted++;
    // 1,500 attempts in the window: at most 10 % of them may be retries.
    expect(granted).toBeLessThanOrEqual(150);
    expect(granted).toBeGreaterThan(100);
    now += 11_000; // the window slides past: nothing counted any more
    expect(budget.tryAcquire(request(), unavailable())).toBe(false);
  });

  it('standalone: execute(fn) retries a retryable failure', async () => {
    const policy = new ResilienceRetryPolicy({ sleep: async () => undefined });
    let calls = 0;
    await expect(policy.execute(({ attempt }) => (++calls < 2 ? Promise.reject(unavailable()) : `attempt ${attempt}`))).resolves.toBe('attempt 2');
  });
});
