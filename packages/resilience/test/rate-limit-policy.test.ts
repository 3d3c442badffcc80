import { RateLimitError } from '@novacron/core';
import { RateLimiterRejectedError, RateLimitPolicy, ResilienceEvents } from '../src/index';

/** A virtual clock: sleeping moves time forward, so waits are exact and instant. */
function virtualTime() {
  let now = 0;
  const sends: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const until = now + ms;
      await Promise.resolve(); // let calls made in the same tick reserve first, as real time would
      now = Math.max(now, until);
    },
    sends,
    record: () => sends.push(now),
  };
}

describe('RateLimitPolicy', () => {
  it('lets a burst through, then spaces calls at the configured rate', async () => {
    const time = virtualTime();
    const limiter = new RateLimitPolicy({ requestsPerSecond: 10, burst: 2, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 6; i++) await limiter.execute(() => time.record());
    expect(time.sends).toEqual([0, 0, 100, 200, 300, 400]);
  });

  it('after a 429 it pauses until Retry-After and halves its rate, then recovers', async () => {
    const time = virtualTime();
    const events = new ResilienceEvents();
    const limiter = new RateLimitPolicy({ requestsPerSecond: 10, burst: 1, now: time.now, sleep: time.sleep, events });
    await expect(
      limiter.execute(() => Promise.reject(new RateLimitError('429', { status: 429, retryAfterMs: 2_000 }))),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.currentRate).toBe(5);
    await limiter.execute(() => time.record());
    await limiter.execute(() => time.record());
    // Paused 2 s; then the halved rate (5 rps, 5.5 after one success) spaces the next call.
    expect(time.sends[0]).toBe(2_000);
    expect(time.sends[1]! - time.sends[0]!).toBeCloseTo(1000 / 5.5, 5);
    for (let i = 0; i < 20; i++) await limiter.execute(() => undefined);
    expect(limiter.currentRate).toBe(10);
    expect(events.count('rateLimitThrottled')).toBe(1);
  });

  it('rejects a call that would wait longer than maxWaitMs', async () => {
    const time = virtualTime();
    const limiter = new RateLimitPolicy({ requestsPerSecond: 1, burst: 1, maxWaitMs: 1_500, now: time.now, sleep: time.sleep });
    const a = limiter.execute(() => 'a');
    const b = limiter.execute(() => 'b'); // waits 1 s
    const c = limiter.execute(() => 'c'); // would wait 2 s
    await expect(c).rejects.toBeInstanceOf(RateLimiterRejectedError);
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });
});
