import { normalQuantile } from './normal-distribution';
import type { IntervalBand } from './prediction-intervals';

export interface BaselineForecast {
  mean: number[];
  intervals: Record<number, IntervalBand>;
}

/**
 * Naive (lag 1) and seasonal naive (lag m) forecasts for series too short for ETS, with normal
 * intervals from the in-sample lag differences: var(h) = σ²·⌈h/m⌉ (σ² = 0 when there is only
 * one point, so the band collapses onto the forecast).
 */
export function laggedNaiveForecast(
  y: Float64Array,
  lag: number,
  horizon: number,
  offset: number,
  levels: readonly number[],
): BaselineForecast {
  const n = y.length;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < n; t++) {
    const d = y[t]! - y[t - lag]!;
    sum += d * d;
    count++;
  }
  const sigma2 = count > 0 ? sum / count : 0;
  const mean: number[] = [];
  const steps: number[] = [];
  for (let i = 0; i < horizon; i++) {
    const h = i + offset + 1;
    const cycles = Math.ceil(h / lag);
    const source = n - 1 + h - lag * cycles;
    mean.push(source >= 0 ? y[source]! : y[n - 1]!);
    steps.push(cycles);
  }
  const intervals: Record<number, IntervalBand> = {};
  for (const level of levels) {
    const z = normalQuantile(1 - (1 - level / 100) / 2);
    intervals[level] = {
      lower: mean.map((v, i) => v - z * Math.sqrt(sigma2 * steps[i]!)),
      upper: mean.map((v, i) => v + z * Math.sqrt(sigma2 * steps[i]!)),
    };
  }
  return { mean, intervals };
}
