import { ValidationError } from '@novacron/core';
import { planScaling } from '../src/index';
import { seededRandom } from '../src/internal/seeded-random';

const HOUR = 3_600_000;
const START = Date.UTC(2024, 2, 4);

/** Requests per second peaking at 14:00 UTC (300) and bottoming at 02:00 (100), with seeded noise. */
function traffic(days: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: days * 24 }, (_, h) => 200 + 100 * Math.cos((2 * Math.PI * ((h % 24) - 14)) / 24) + (random() - 0.5) * 20);
}

describe('planScaling', () => {
  const demand = traffic(14, 5);
  const last = START + (demand.length - 1) * HOUR;
  const plan = planScaling(demand, { stepMinutes: 60, lastTimestamp: last, forecastHours: 24, percentile: 95, leadMinutes: 30, unitCapacity: 50, targetUtilization: 0.7, current: 4, seasonLength: 24 });

  it('plans for the upper bound of the central (2p − 100) % interval and says so', () => {
    expect(plan.percentile).toBe(95);
    expect(plan.level).toBe(90);
    expect(plan.upper).toHaveLength(24);
    for (let t = 0; t < 24; t++) {
      expect(plan.upper[t]!).toBeGreaterThanOrEqual(plan.mean[t]!);
      // units × capacity × target covers the bound, and one unit fewer would not
      expect(plan.required[t]! * 50 * 0.7).toBeGreaterThanOrEqual(plan.upper[t]!);
      expect((plan.required[t]! - 1) * 50 * 0.7).toBeLessThan(plan.upper[t]!);
    }
  });

  it('finds the daily peak and scales up a lead time before each step that needs more', () => {
    expect(new Date(plan.peak.at).getUTCHours()).toBeGreaterThanOrEqual(13);
    expect(new Date(plan.peak.at).getUTCHours()).toBeLessThanOrEqual(15);
    expect(plan.recommended).toBe(plan.peak.units);
    const ups = plan.actions.filter((a) => a.kind === 'scale_up');
    expect(ups.length).toBeGreaterThan(0);
    for (const up of ups) if (!up.late) expect(up.at).toBe(plan.timestamps[up.forStep]! - 30 * 60_000);
    // replaying the actions, capacity at every step covers what that step needs
    let running = 4;
    for (let t = 0; t < 24; t++) {
      for (const a of plan.actions) if (a.at <= plan.timestamps[t]! && a.forStep <= t) running = a.to;
      expect(running).toBeGreaterThanOrEqual(plan.required[t]!);
    }
  });

  it('scales down only when the whole stabilization window needs less', () => {
    const downs = plan.actions.filter((a) => a.kind === 'scale_down');
    expect(downs.length).toBeGreaterThan(0);
    for (const down of downs) {
      const window = plan.required.slice(down.forStep, down.forStep + 1 + 1);
      expect(down.to).toBe(Math.max(...window));
      expect(down.to).toBeLessThan(down.from);
    }
  });

  it('clamps to min and max and uses the unit step', () => {
    const capped = planScaling(demand, { stepMinutes: 60, lastTimestamp: last, unitCapacity: 1, current: 64, unitStep: 64, max: 256, min: 128, seasonLength: 24 });
    for (const units of capped.required) {
      expect(units % 64).toBe(0);
      expect(units).toBeGreaterThanOrEqual(128);
      expect(units).toBeLessThanOrEqual(256);
    }
  });

  it('rejects bad options before forecasting', () => {
    expect(() => planScaling(demand, { stepMinutes: 0, current: 1 })).toThrow(ValidationError);
    expect(() => planScaling(demand, { stepMinutes: 60, current: 1, percentile: 50 })).toThrow(/percentile/);
    expect(() => planScaling(demand, { stepMinutes: 60, current: 1, min: 5, max: 2 })).toThrow(/must not exceed max/);
  });
});
