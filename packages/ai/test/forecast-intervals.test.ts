import { forecast } from '../src/index';
import { dailyWeekly, multiplicativeSeason, randomWalk, trendDailySeason } from './fixtures/series-generators';

const HORIZON = 48;

/** Empirical coverage of the 80 % and 95 % bands over seeds × rolling origins × 48 steps. */
function coverage(generate: (seed: number, length: number) => number[], seeds: number[], origins: number[]): { c80: number; c95: number } {
  let in80 = 0;
  let in95 = 0;
  let total = 0;
  for (const seed of seeds) {
    const full = generate(seed, Math.max(...origins) + HORIZON);
    for (const origin of origins) {
      const result = forecast(full.slice(0, origin), { horizon: HORIZON });
      for (let h = 0; h < HORIZON; h++) {
        const actual = full[origin + h]!;
        if (actual >= result.intervals[80]!.lower[h]! && actual <= result.intervals[80]!.upper[h]!) in80++;
        if (actual >= result.intervals[95]!.lower[h]! && actual <= result.intervals[95]!.upper[h]!) in95++;
        total++;
      }
    }
  }
  return { c80: (100 * in80) / total, c95: (100 * in95) / total };
}

const seeds = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('prediction intervals are calibrated on held-out data', () => {
  // A random walk's 48 steps from one origin move together, so it needs many more paths for the
  // same precision: 80 of them (it fits fast); the seasonal shapes use 8 seeds × 3 origins.
  const cases: Array<[string, (seed: number, length: number) => number[], number, number, number[]]> = [
    ['trend + daily season', (seed, length) => trendDailySeason({ length, seed, noise: 2 }), 201, 8, [480, 600, 720]],
    ['daily + weekly season', (seed, length) => dailyWeekly({ length, seed, noise: 2 }), 301, 8, [480, 600, 720]],
    ['multiplicative season and noise', (seed, length) => multiplicativeSeason({ length, seed }), 401, 8, [480, 600, 720]],
    ['random walk', (seed, length) => randomWalk({ length, seed }), 501, 40, [480, 720]],
  ];
  it.each(cases)('%s: 80 % and 95 % coverage within 5 points of nominal', (_name, generate, firstSeed, count, origins) => {
    const { c80, c95 } = coverage(generate, seeds(firstSeed, count), origins);
    expect(Math.abs(c80 - 80)).toBeLessThanOrEqual(5);
    expect(Math.abs(c95 - 95)).toBeLessThanOrEqual(5);
  });

  it('pooled over all shapes, coverage is within 3 points of nominal', () => {
    let c80 = 0;
    let c95 = 0;
    for (const [, generate, firstSeed, count] of cases) {
      const c = coverage(generate, seeds(firstSeed + 50, Math.ceil(count / 2)), [540, 660]);
      c80 += c.c80 / cases.length;
      c95 += c.c95 / cases.length;
    }
    expect(Math.abs(c80 - 80)).toBeLessThanOrEqual(3);
    expect(Math.abs(c95 - 95)).toBeLessThanOrEqual(3);
  });
});
