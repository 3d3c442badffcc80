import { forecast, mase, smape } from '../src/index';
import { dailyWeekly, multiplicativeSeason, trendDailySeason, whiteNoise } from './fixtures/series-generators';

const HORIZON = 48;
const SEEDS = [101, 102, 103, 104, 105];

const seasonalNaive = (train: readonly number[], m = 24): number[] =>
  Array.from({ length: HORIZON }, (_, h) => train[train.length - m + (h % m)]!);

const shapes: Array<[string, (seed: number) => number[]]> = [
  ['trend + daily season', (seed) => trendDailySeason({ length: 720 + HORIZON, seed, noise: 2 })],
  ['daily + weekly season', (seed) => dailyWeekly({ length: 720 + HORIZON, seed, noise: 2 })],
  ['multiplicative daily season', (seed) => multiplicativeSeason({ length: 720 + HORIZON, seed })],
];

describe('forecast accuracy on held-out data (last 48 points)', () => {
  it.each(shapes)('%s: mean MASE below seasonal naive across seeds, and no seed much worse', (_name, generate) => {
    const ours: number[] = [];
    const naive: number[] = [];
    for (const seed of SEEDS) {
      const full = generate(seed);
      const train = full.slice(0, -HORIZON);
      const actual = full.slice(-HORIZON);
      const result = forecast(train, { horizon: HORIZON });
      ours.push(mase(actual, result.mean, train, 24));
      naive.push(mase(actual, seasonalNaive(train), train, 24));
      // sMAPE is reported alongside; on these positive series it must agree with MASE's verdict.
      expect(smape(actual, result.mean)).toBeLessThan(smape(actual, seasonalNaive(train)) * 1.1);
    }
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(ours)).toBeLessThan(mean(naive) * 0.9);
    ours.forEach((value, i) => expect(value).toBeLessThan(naive[i]! * 1.1));
  });
});

describe('model selection by AICc', () => {
  it('picks a seasonal model with the daily period on seasonal series', () => {
    for (const seed of SEEDS) {
      const result = forecast(trendDailySeason({ length: 480, seed, noise: 2 }), { horizon: 24 });
      expect(result.periods[0]).toBe(24);
      expect(result.model).toMatch(/,(A|M)\)\[24/);
    }
  });

  it('picks both daily and weekly periods when the weekend differs', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const result = forecast(dailyWeekly({ length: 840, seed, noise: 2 }), { horizon: 24 });
      expect(result.periods).toEqual([24, 168]);
    }
  });

  it('picks a multiplicative season when the seasonal swing grows with the level', () => {
    const picks = SEEDS.map((seed) => forecast(multiplicativeSeason({ length: 720, seed }), { horizon: 24 }).model);
    expect(picks.filter((m) => /,M\)\[24\]/.test(m)).length).toBeGreaterThanOrEqual(4);
  });

  it('picks a non-seasonal model on white noise, even when told a season length', () => {
    for (const seed of SEEDS) {
      const series = whiteNoise({ length: 480, seed, noise: 3 });
      expect(forecast(series, { horizon: 24 }).model).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
      expect(forecast(series, { horizon: 24, seasonLength: 24 }).model).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
    }
  });
});
