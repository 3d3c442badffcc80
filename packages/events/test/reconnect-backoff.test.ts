import { ConfigError } from '@novacron/core';
import { ReconnectBackoff } from '@novacron/events';

describe('ReconnectBackoff', () => {
  it('grows exponentially under full jitter, caps at 30 s, and resets after a stable connection', () => {
    const upper = new ReconnectBackoff({ baseDelayMs: 100, maxDelayMs: 30_000, stableAfterMs: 5_000, random: () => 0.999999 });
    const ceilings = Array.from({ length: 12 }, () => Math.round(upper.next(0)));
    expect(ceilings).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000]);
    upper.connected(1_000);
    expect(Math.round(upper.next(2_000))).toBe(30_000); // only 1 s up: not stable yet
    upper.connected(10_000);
    expect(Math.round(upper.next(15_000))).toBe(100);
  });

  it('draws a fresh random delay for every attempt', () => {
    let calls = 0;
    const backoff = new ReconnectBackoff({ baseDelayMs: 1_000, random: () => (++calls % 2 ? 0.1 : 0.9) });
    backoff.next(0);
    backoff.next(0);
    expect(calls).toBe(2);
  });

  it('refuses a cap above 30 s', () => {
    expect(() => new ReconnectBackoff({ maxDelayMs: 60_000 })).toThrow(ConfigError);
  });
});
