import { ValidationError } from '@novacron/core';
import { seasonalEsd } from '../src/index';
import { injectSpikes, scoreAlarms } from './fixtures/series-anomalies';
import { trendDailySeason } from './fixtures/series-generators';

/** Two weeks of hourly load with a daily cycle of ±10 and noise σ = 1. */
const week = (seed: number): number[] => trendDailySeason({ length: 336, seed, noise: 1, slope: 0 });

describe('seasonalEsd', () => {
  it('finds injected 6–8σ outliers, with few normal points among its answers', () => {
    let recall = 0;
    let falseAlarms = 0;
    let reported = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const labelled = injectSpikes(week(seed), { seed: seed + 10, count: 8, magnitude: 6 + (seed % 3), from: 0, minGap: 40 });
      const result = seasonalEsd(labelled.values);
      expect(result.seasonLength).toBe(24);
      const score = scoreAlarms(result.anomalies.map((a) => a.index), labelled.events, 0);
      recall += score.recall / 5;
      falseAlarms += score.falseAlarms;
      reported += score.alarms;
    }
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect((reported - falseAlarms) / reported).toBeGreaterThanOrEqual(0.9);
  });

  it('sees outliers that sit inside the daily range only after removing the season', () => {
    const base = week(21);
    // +6 at the nightly trough is far below the afternoon peak, yet 6σ off its hour's normal.
    const troughs = [4, 52, 100, 196, 268].map((d) => d + ((24 - (d % 24)) % 24));
    const values = base.map((v, t) => (troughs.includes(t) ? v + 6 : v));
    const max = Math.max(...base);
    for (const t of troughs) expect(values[t]!).toBeLessThan(max);
    const found = seasonalEsd(values, { seasonLength: 24 }).anomalies.map((a) => a.index);
    expect(found).toEqual(troughs);
  });

  it('on clean seasonal series: only rare borderline points, fewer at a stricter α', () => {
    let strict = 0;
    let atDefault = 0;
    for (const seed of [31, 32, 33, 34, 35, 36, 37, 38]) {
      strict += seasonalEsd(week(seed), { alpha: 0.01 }).anomalies.length;
      const found = seasonalEsd(week(seed)).anomalies;
      atDefault += found.length;
      for (const a of found) expect(Math.abs(a.value - a.expected)).toBeLessThan(4.5); // 4.5σ would be a real outlier
    }
    expect(strict).toBeLessThanOrEqual(1);
    expect(atDefault).toBeLessThan(8); // under one per series of 336 points
    expect(strict).toBeLessThanOrEqual(atDefault);
  });

  it('respects the direction and reports it, with the expected value and statistic', () => {
    const values = week(41);
    values[100] = values[100]! + 9;
    values[200] = values[200]! - 9;
    const both = seasonalEsd(values, { seasonLength: 24 }).anomalies;
    expect(both.map((a) => [a.index, a.direction])).toEqual([
      [100, 'pos'],
      [200, 'neg'],
    ]);
    for (const a of both) {
      expect(a.statistic).toBeGreaterThan(a.critical);
      expect(Math.abs(a.value - a.expected)).toBeGreaterThan(6);
    }
    expect(seasonalEsd(values, { seasonLength: 24, direction: 'pos' }).anomalies.map((a) => a.index)).toEqual([100]);
    expect(seasonalEsd(values, { seasonLength: 24, direction: 'neg' }).anomalies.map((a) => a.index)).toEqual([200]);
  });

  it('caps the number of anomalies at maxAnomalies', () => {
    const labelled = injectSpikes(week(51), { seed: 52, count: 8, magnitude: 10, from: 0, minGap: 40 });
    expect(seasonalEsd(labelled.values, { maxAnomalies: 0.01 }).anomalies).toHaveLength(3);
  });

  it('reports input positions across leading and inner gaps, and never a gap itself', () => {
    const values: Array<number | null> = [null, null, ...week(61)];
    values[50] = null;
    values[51] = Number.NaN;
    values[152] = (values[152] as number) + 9;
    const result = seasonalEsd(values, { seasonLength: 24, alpha: 0.01 });
    const found = result.anomalies.map((a) => a.index);
    expect(found).toContain(152);
    for (const gap of [0, 1, 50, 51]) expect(found).not.toContain(gap);
    for (const a of result.anomalies) expect(a.value).toBe(values[a.index]);
    expect(result.expected).toHaveLength(values.length);
    expect(Number.isNaN(result.expected[0]!)).toBe(true);
  });

  it('rejects bad options and empty input with a ValidationError', () => {
    expect(() => seasonalEsd([])).toThrow(ValidationError);
    expect(() => seasonalEsd(week(1), { alpha: 0 })).toThrow(ValidationError);
    expect(() => seasonalEsd(week(1), { maxAnomalies: 0.6 })).toThrow(ValidationError);
    expect(() => seasonalEsd(week(1), { seasonLength: 1 })).toThrow(ValidationError);
  });
});
