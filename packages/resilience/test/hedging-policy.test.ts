import { AbortError, APIError, AuthPolicy, Pipeline, type AuthProvider, type NovaRequest, type NovaResponse } from '@novacron/core';
import { eventually } from '@novacron/simulator';
import { HedgingPolicy, ResilienceEvents } from '../src/index';

describe('HedgingPolicy', () => {
  it('sends a second attempt after the delay, takes the first answer and aborts the other', async () => {
    const events = new ResilienceEvents();
    const hedging = new HedgingPolicy({ delayMs: 20, events });
    const aborted: unknown[] = [];
    let calls = 0;
    const result = await hedging.execute(({ signal }) => {
      const n = ++calls;
      return new Promise((resolve, reject) => {
        // The first attempt hangs (a slow server); the hedge answers quickly.
        if (n === 2) setTimeout(() => resolve('from hedge'), 5);
        signal?.addEventListener('abort', () => {
          aborted.push(n);
          reject(signal.reason);
        });
      });
    });
    expect(result).toBe('from hedge');
    expect(calls).toBe(2);
    expect(aborted).toEqual([1]);
    expect(events.count('hedge')).toBe(1);
  });

  it('does not hedge a fast answer, nor a write', async () => {
    const hedging = new HedgingPolicy({ delayMs: 5 });
    let calls = 0;
    await hedging.execute(() => (calls++, 'fast'));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    await hedging.execute(() => new Promise((r) => setTimeout(() => r((calls++, 'slow write')), 30)), { method: 'POST' });
    expect(calls).toBe(2);
  });

  it('fails only when every attempt failed; the caller’s abort stops them all', async () => {
    const hedging = new HedgingPolicy({ delayMs: 1, maxHedgedAttempts: 2 });
    let calls = 0;
    await expect(
      hedging.execute(() => new Promise((_, reject) => setTimeout(() => reject(new Error(`attempt ${++calls}`)), 20))),
    ).rejects.toThrow(/attempt/);
    expect(calls).toBe(3);

    const controller = new AbortController();
    const pending = hedging.execute(({ signal }) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe('HedgingPolicy in a pipeline with auth', () => {
  it('each hedge replays its own 401: one hedge’s replay does not stop the other’s', async () => {
    let token = 't1';
    const provider: AuthProvider = {
      getToken: async () => token,
      onUnauthorized: async (rejected) => {
        if (rejected === token) token = 't2';
        return true;
      },
    };
    const sent: Array<{ authorization: string | undefined; settle(outcome: 'ok' | '401' | '500'): void }> = [];
    const transport = (req: NovaRequest): Promise<NovaResponse> =>
      new Promise((resolve, reject) => {
        sent.push({
          authorization: req.headers['authorization'],
          settle(outcome) {
            if (outcome === 'ok') resolve({ status: 200, headers: {}, body: 'ok', requestId: 'srv', request: req });
            else reject(APIError.fromStatus(outcome, { status: Number(outcome) }));
          },
        });
      });
    const pipeline = new Pipeline(transport)
      .add(new HedgingPolicy({ delayMs: 0, maxHedgedAttempts: 1 }), { phase: 'perCall' })
      .add(new AuthPolicy(provider), { phase: 'perRetry' });
    const call = pipeline.send({ method: 'GET', path: '/api/v1/vms', route: 'GET /vms', headers: {}, authenticate: true, attempt: 1, requestId: 'r', context: {} });

    await eventually(() => (sent.length === 2 ? true : undefined));
    sent[0]!.settle('401'); // hedge A: replayed with t2 ...
    await eventually(() => (sent.length === 3 ? true : undefined));
    sent[2]!.settle('500'); // ... and that replay fails
    sent[1]!.settle('401'); // hedge B must replay too
    await eventually(() => (sent.length === 4 ? true : undefined));
    sent[3]!.settle('ok');
    const response = await call;
    expect(response.body).toBe('ok');
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t2', 'Bearer t2']);
    expect(response.request.headers['authorization']).toBe('Bearer t2');
  });
});
