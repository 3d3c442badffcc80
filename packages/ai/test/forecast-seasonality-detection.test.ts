import { ValidationError } from '@novacron/core';
import { detectSeasonality } from '../src/index';
import { dailyWeekly, gaussianSource, randomWalk, seasonalLevelShift, trendDailySeason, whiteNoise, withGaps } from './fixtures/series-generators';

describe('detectSeasonality', () => {
  it('finds the daily period of hourly data, with or without trend, gaps or a level shift', () => {
    for (const seed of [1, 2, 3]) {
      expect(detectSeasonality(trendDailySeason({ length: 480, seed, noise: 3 })).seasonLength).toBe(24);
      expect(detectSeasonality(trendDailySeason({ length: 480, seed, slope: 0.3 })).seasonLength).toBe(24);
      expect(detectSeasonality(withGaps(trendDailySeason({ length: 480, seed }), [[50, 6], [300, 3]])).seasonLength).toBe(24);
      expect(detectSeasonality(seasonalLevelShift({ length: 480, seed, at: 240, shift: 30 })).seasonLength).toBe(24);
    }
  });

  it('finds daily and weekly periods when weekends differ', () => {
    for (const seed of [4, 5, 6]) {
      const result = detectSeasonality(dailyWeekly({ length: 1008, seed, noise: 2 }));
      expect(result.periods.map((p) => p.period)).toEqual([24, 168]);
      expect(result.periods[1]!.strength).toBeGreaterThan(result.periods[0]!.strength);
    }
  });

  it('reports the fundamental, not a half-day sub-harmonic of a two-humped day', () => {
    const noise = gaussianSource(7);
    // Morning and evening peaks of different height: strong 12-hour correlation, true period 24.
    const series = Array.from({ length: 480 }, (_, t) => {
      const phase = (2 * Math.PI * (t % 24)) / 24;
      return 50 + 10 * Math.cos(2 * phase) + 4 * Math.cos(phase) + noise();
    });
    expect(detectSeasonality(series).seasonLength).toBe(24);
  });

  it('finds periods other than 24 (7 for a weekly cycle in daily data)', () => {
    const noise = gaussianSource(8);
    const series = Array.from({ length: 365 }, (_, t) => 100 + (t % 7 >= 5 ? -20 : 0) + 2 * noise());
    expect(detectSeasonality(series).seasonLength).toBe(7);
  });

  it('finds no season in white noise or a random walk', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      expect(detectSeasonality(whiteNoise({ length: 480, seed })).seasonLength).toBeUndefined();
      expect(detectSeasonality(randomWalk({ length: 480, seed })).seasonLength).toBeUndefined();
    }
  });

  it('needs two full cycles: a 24-period is not claimed from 40 points', () => {
    expect(detectSeasonality(trendDailySeason({ length: 40, seed: 1 })).periods.every((p) => p.period <= 20)).toBe(true);
  });

  it('rejects input that is not a series with a ValidationError', () => {
    expect(() => detectSeasonality([])).toThrow(ValidationError);
    expect(() => detectSeasonality([Number.NaN, null])).toThrow(ValidationError);
  });
});
