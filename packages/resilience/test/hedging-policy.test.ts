import { AbortError } from '@novacron/core';
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
