import { NovaCronError, ValidationError } from '@novacron/core';
import { fitForecastModel, forecast, mase } from '../src/index';
import { randomWalk, seasonalLevelShift, seriesWithZeros, trendDailySeason, withGaps } from './fixtures/series-generators';

const seasonalNaive = (train: readonly number[], horizon: number, m = 24): number[] =>
  Array.from({ length: horizon }, (_, h) => train[train.length - m + (h % m)]!);

describe('forecast: shape of the answer', () => {
  const series = trendDailySeason({ length: 480, seed: 11, noise: 2 });

  it('returns `horizon` means and 80/95 bands by default, nested and ordered', () => {
    const result = forecast(series, { horizon: 48 });
    expect(result.mean).toHaveLength(48);
    expect(Object.keys(result.intervals).map(Number).sort((a, b) => a - b)).toEqual([80, 95]);
    for (let h = 0; h < 48; h++) {
      const inner = result.intervals[80]!;
      const outer = result.intervals[95]!;
      expect(outer.lower[h]!).toBeLessThanOrEqual(inner.lower[h]!);
      expect(inner.lower[h]!).toBeLessThanOrEqual(result.mean[h]!);
      expect(result.mean[h]!).toBeLessThanOrEqual(inner.upper[h]!);
      expect(inner.upper[h]!).toBeLessThanOrEqual(outer.upper[h]!);
      expect(outer.upper[h]! - outer.lower[h]!).toBeGreaterThan(inner.upper[h]! - inner.lower[h]!);
    }
    expect(result.model).toMatch(/^ETS\(A,(N|A|Ad),(A|M)\)\[24/);
  });

  it('gives any requested levels, wider for higher levels', () => {
    const result = forecast(series, { horizon: 12, levels: [50, 99] });
    expect(Object.keys(result.intervals).sort()).toEqual(['50', '99']);
    const width = (level: number, h: number): number => result.intervals[level]!.upper[h]! - result.intervals[level]!.lower[h]!;
    for (let h = 0; h < 12; h++) expect(width(99, h)).toBeGreaterThan(width(50, h));
  });

  it('is deterministic: the same input gives the same output, bit for bit', () => {
    expect(forecast(series, { horizon: 24 })).toEqual(forecast(series, { horizon: 24 }));
  });

  it('fits once and forecasts many horizons from the same model', () => {
    const model = fitForecastModel(series);
    const short = model.forecast(6);
    const long = model.forecast(60, [90]);
    expect(long.mean.slice(0, 6)).toEqual(short.mean);
    expect(long.intervals[90]!.lower).toHaveLength(60);
    expect(model.fitted).toHaveLength(series.length);
    expect(Number.isFinite(model.aicc!)).toBe(true);
  });
});

describe('forecast: input it copes with', () => {
  it('interpolates NaN/null gaps and forecasts about as well as with the full series', () => {
    const full = trendDailySeason({ length: 528, seed: 21, noise: 2 });
    const train = full.slice(0, 480);
    const actual = full.slice(480);
    const gappy = withGaps(train, [[100, 5], [250, 12], [400, 1]]);
    const fromGappy = forecast(gappy, { horizon: 48 });
    const fromFull = forecast(train, { horizon: 48 });
    for (const v of fromGappy.mean) expect(Number.isFinite(v)).toBe(true);
    const errorGappy = mase(actual, fromGappy.mean, train, 24);
    const errorFull = mase(actual, fromFull.mean, train, 24);
    expect(errorGappy).toBeLessThan(errorFull * 1.25 + 0.05);
    expect(errorGappy).toBeLessThan(mase(actual, seasonalNaive(train, 48), train, 24));
  });

  it('keeps the horizon aligned after trailing gaps: step 1 is the position after the input', () => {
    const full = trendDailySeason({ length: 528, seed: 22, noise: 1 });
    const train: Array<number | null> = full.slice(0, 480);
    for (let t = 474; t < 480; t++) train[t] = null; // the last 6 readings are missing
    const result = forecast(train, { horizon: 48 });
    const actual = full.slice(480);
    const shifted = full.slice(474, 522); // what a forecast that ignored the gap would line up with
    const aligned = mase(actual, result.mean, full.slice(0, 474), 24);
    const misaligned = mase(shifted, result.mean, full.slice(0, 474), 24);
    expect(aligned).toBeLessThan(1);
    expect(aligned).toBeLessThan(misaligned);
  });

  it('never uses a multiplicative season on a series with zeros, and never forecasts below zero for a non-negative one', () => {
    for (const seed of [31, 32, 33]) {
      const result = forecast(seriesWithZeros({ length: 480, seed }), { horizon: 48 });
      expect(result.model).not.toMatch(/,M\)/);
      for (const band of Object.values(result.intervals)) for (const v of band.lower) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of result.mean) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('follows a level shift: forecasts sit at the new level, not the average of both', () => {
    const series = seasonalLevelShift({ length: 600, seed: 41, at: 480, shift: 40, noise: 1 });
    const result = forecast(series, { horizon: 24 });
    const meanForecast = result.mean.reduce((a, b) => a + b, 0) / 24;
    expect(Math.abs(meanForecast - 140)).toBeLessThan(5);
  });

  it('falls back to seasonal naive when told the season but given under two cycles', () => {
    const series = trendDailySeason({ length: 36, seed: 51, noise: 0.5 });
    const result = forecast(series, { horizon: 24, seasonLength: 24 });
    expect(result.model).toBe('seasonal-naive[24]');
    expect(result.mean).toEqual(seasonalNaive(series, 24));
  });

  it('uses a plain naive forecast with a collapsed band for a single point, simple smoothing for a few', () => {
    const one = forecast([7], { horizon: 3 });
    expect(one).toMatchObject({ model: 'naive', mean: [7, 7, 7] });
    expect(one.intervals[95]).toEqual({ lower: [7, 7, 7], upper: [7, 7, 7] });
    const few = forecast([5, 6, 5, 7, 6, 6, 5, 7], { horizon: 4 });
    expect(few.model).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
    for (const v of few.mean) expect(v).toBeGreaterThan(4);
  });

  it('handles a series without season or trend (random walk) with a non-seasonal model', () => {
    const result = forecast(randomWalk({ length: 400, seed: 61 }), { horizon: 48 });
    expect(result.model).toMatch(/,N\)$/);
    const width = (h: number): number => result.intervals[95]!.upper[h]! - result.intervals[95]!.lower[h]!;
    expect(width(47)).toBeGreaterThan(width(0) * 2); // a random walk's uncertainty grows with the horizon
  });
});

describe('forecast: bad input is a ValidationError before any work', () => {
  const ok = trendDailySeason({ length: 100, seed: 1 });
  const cases: Array<[string, () => unknown]> = [
    ['horizon 0', () => forecast(ok, { horizon: 0 })],
    ['negative horizon', () => forecast(ok, { horizon: -3 })],
    ['fractional horizon', () => forecast(ok, { horizon: 1.5 })],
    ['missing options', () => forecast(ok, undefined as never)],
    ['empty series', () => forecast([], { horizon: 5 })],
    ['no finite value', () => forecast([Number.NaN, null, Number.POSITIVE_INFINITY], { horizon: 5 })],
    ['not an array', () => forecast('1,2,3' as never, { horizon: 5 })],
    ['a string inside', () => forecast([1, 2, '3'] as never, { horizon: 5 })],
    ['level 100', () => forecast(ok, { horizon: 5, levels: [100] })],
    ['level 0', () => forecast(ok, { horizon: 5, levels: [0] })],
    ['season length 1', () => forecast(ok, { horizon: 5, seasonLength: 1 })],
    ['fractional season', () => forecast(ok, { horizon: 5, seasonLength: 24.5 })],
    ['bad horizon on a fitted model', () => fitForecastModel(ok).forecast(0)],
  ];
  it.each(cases)('%s', (_name, call) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught).toBeInstanceOf(NovaCronError);
    expect((caught as ValidationError).issues.length).toBeGreaterThan(0);
  });
});
