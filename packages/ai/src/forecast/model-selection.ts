import { fitEts, type FittedEts } from './ets-fit';
import type { EtsSpec, SeasonKind, TrendKind } from './ets-model';

const TRENDS: readonly TrendKind[] = ['N', 'A', 'Ad'];

/**
 * The candidate models for a series: the three non-seasonal ones always; additive Holt–Winters
 * (and multiplicative when every value is > 0) for the fundamental period once two full cycles
 * and a few points more are there; double-seasonal additive models when a second, longer period
 * has two full cycles.
 */
export function candidateSpecs(n: number, periods: readonly number[], strictlyPositive: boolean): EtsSpec[] {
  const specs: EtsSpec[] = TRENDS.map((trend) => ({ trend, season: 'N', periods: [] }));
  const m1 = periods[0];
  if (m1 !== undefined && m1 >= 2 && n >= minimumSeasonalLength(m1)) {
    const seasons: SeasonKind[] = strictlyPositive ? ['A', 'M'] : ['A'];
    for (const season of seasons) for (const trend of TRENDS) specs.push({ trend, season, periods: [m1] });
    const m2 = periods[1];
    if (m2 !== undefined && m2 > m1 && n >= minimumSeasonalLength(m2)) {
      specs.push({ trend: 'N', season: 'A', periods: [m1, m2] }, { trend: 'Ad', season: 'A', periods: [m1, m2] });
    }
  }
  return specs;
}

/** Two full cycles and a few points more: less and the seasonal states are barely estimated. */
export function minimumSeasonalLength(period: number): number {
  return 2 * period + 4;
}

/**
 * Fit every candidate under one criterion and keep the lowest AICc (ties go to the simpler,
 * earlier one). When any candidate is seasonal, all are scored on errors up to one fundamental
 * season ahead (capped at 48 steps), so a random walk cannot win on one-step smoothness alone.
 */
export function selectModel(y: Float64Array, specs: readonly EtsSpec[]): FittedEts | undefined {
  const seasonal = specs.find((s) => s.periods.length > 0);
  const criterion = { multiStepHorizon: seasonal ? Math.min(48, seasonal.periods[0]!) : 0 };
  let best: FittedEts | undefined;
  for (const spec of specs) {
    const fit = fitEts(y, spec, criterion);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
