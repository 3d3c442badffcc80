import { ValidationError } from '@novacron/core';
import { summarizePatterns } from '../src/index';
import { seededRandom } from '../src/internal/seeded-random';

const START = Date.UTC(2024, 2, 4);

describe('summarizePatterns', () => {
  it('finds a rising trend, a daily season and the busy hours of hourly data', () => {
    const random = seededRandom(9);
    // busy 09:00–12:00 UTC, a 1 %/day climb
    const series = Array.from({ length: 21 * 24 }, (_, h) => 40 + (h % 24 >= 9 && h % 24 <= 12 ? 30 : 0) + 0.4 * (h / 24) + random() * 2);
    const p = summarizePatterns(series, { stepMinutes: 60, start: START });
    expect(p.trend.direction).toBe('rising');
    expect(p.trend.slopePerDay).toBeGreaterThan(0.2);
    expect(p.trend.slopePerDay).toBeLessThan(0.6);
    expect(p.seasonality.seasonLength).toBe(24);
    expect(p.seasonality.periodMinutes).toBe(1440);
    expect([...p.peakHours].sort((a, b) => a - b)).toEqual([9, 10, 11, 12]);
    expect(p.quietHours).not.toContain(10);
    expect(p.hourlyProfile).toHaveLength(24);
  });

  it('reads times from timestamps, and calls a level series flat with no season', () => {
    const random = seededRandom(2);
    const series = Array.from({ length: 200 }, () => 50 + random());
    const timestamps = series.map((_, i) => START + i * 300_000);
    const p = summarizePatterns(series, { timestamps });
    expect(p.trend.direction).toBe('flat');
    expect(p.seasonality.seasonLength).toBeUndefined();
    expect(p.seasonality.strength).toBe(0);
  });

  it('needs a step or times', () => {
    expect(() => summarizePatterns([1, 2, 3], {})).toThrow(ValidationError);
    expect(() => summarizePatterns([1, 2, 3], { timestamps: [1, 2] })).toThrow(/one time per sample/);
  });
});
