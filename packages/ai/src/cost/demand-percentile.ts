import { forecast } from '../forecast/forecast';

/**
 * The level of the central prediction interval whose upper bound is the p-th percentile of the
 * forecast distribution: the 90 % interval runs from p5 to p95, so p95 ↔ level 90.
 */
export function intervalLevelFor(percentile: number): number {
  return 2 * percentile - 100;
}

/** The p-th percentile of observed values (linear interpolation between order statistics, as numpy's default). */
export function empiricalPercentile(values: readonly number[], percentile: number): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const rank = (percentile / 100) * (finite.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return finite[lo]! + (finite[hi]! - finite[lo]!) * (rank - lo);
}

export interface DemandPercentile {
  /** The demand to provision for: the larger of the observed and the forecast percentile. */
  value: number;
  observed: number;
  /** The highest p-th percentile bound over the forecast horizon (NaN when the series was too short to forecast). */
  forecast: number;
  /** The forecast model, or `none`. */
  model: string;
  /** Largest value seen, for judging risk. */
  max: number;
}

/**
 * Demand at a percentile over the window seen and the horizon ahead: never below what was observed
 * at that percentile, and never below the forecast's upper bound at that percentile. Taking the
 * larger of the two is what guarantees a recommendation sized from it is not under-provisioned at
 * the stated percentile, whether the past or the forecast is the binding one.
 */
export function demandAtPercentile(series: readonly number[], percentile: number, horizon: number, seasonLength?: number): DemandPercentile {
  const observed = empiricalPercentile(series, percentile);
  let ahead = NaN;
  let model = 'none';
  const finiteCount = series.reduce((n, v) => (Number.isFinite(v) ? n + 1 : n), 0);
  if (finiteCount >= 4 && horizon > 0) {
    const level = intervalLevelFor(percentile);
    const result = forecast(series, { horizon, levels: [level], ...(seasonLength !== undefined && series.length > 2 * seasonLength && { seasonLength }) });
    const upper = result.intervals[level]?.upper ?? result.mean;
    ahead = Math.max(...upper);
    model = result.model;
  }
  const max = series.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), -Infinity);
  return { value: Number.isNaN(ahead) ? observed : Math.max(observed, ahead), observed, forecast: ahead, model, max };
}
