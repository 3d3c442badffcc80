import type { FittedEts } from './ets-fit';
import { trendMultiplier } from './ets-model';
import { normalQuantile } from './normal-distribution';

export interface IntervalBand {
  lower: number[];
  upper: number[];
}

/** Most recent forecast origins whose errors are used (bounds the cost at 400·h forecasts). */
const MAX_ORIGINS = 400;
/** Fewer errors than this at a horizon and that horizon borrows its width from a shorter one. */
const MIN_ERRORS = 30;

/**
 * Prediction intervals from the model's own multi-step errors. The fitted filter is replayed
 * from every recent in-sample origin and its h-step forecasts compared with what followed, so
 * each horizon gets its own empirical error distribution: misspecification, heavy tails and skew
 * widen the band as they should, which the textbook σ²·(1 + Σ c_j²) assumes away. Finite-sample
 * (conformal) order statistics set each bound. Horizons with too few errors, and series too short
 * for any, scale the last reliable width by the analytic ETS variance ratio.
 */
export function predictionIntervals(
  fit: FittedEts,
  y: Float64Array,
  mean: readonly number[],
  offset: number,
  levels: readonly number[],
): Record<number, IntervalBand> {
  const horizon = mean.length;
  const totalSteps = horizon + offset;
  const varianceRatio = analyticVarianceMultipliers(fit, totalSteps);
  const errors = horizonErrors(fit, y, totalSteps);
  // In-sample errors are too small by the share of the data the estimated quantities absorbed
  // (initial seasonal states above all): the usual n/(n − k) variance correction.
  const inflation = Math.sqrt(fit.n / Math.max(1, fit.n - fit.k)) * (relativeErrors(fit) ? Math.abs(fit.trace.level[y.length]!) : 1);
  const out: Record<number, IntervalBand> = {};
  for (const level of levels) {
    const lowP = (1 - level / 100) / 2;
    const highP = 1 - lowP;
    const below = new Float64Array(totalSteps);
    const above = new Float64Array(totalSteps);
    let reference = -1;
    for (let h = 0; h < totalSteps; h++) {
      const e = errors[h]!;
      if (e.length >= MIN_ERRORS) {
        below[h] = Math.max(0, -orderStatistic(e, lowP, 'low')) * inflation;
        above[h] = Math.max(0, orderStatistic(e, highP, 'high')) * inflation;
        reference = h;
      } else if (reference >= 0) {
        const scale = Math.sqrt(varianceRatio[h]! / varianceRatio[reference]!);
        below[h] = below[reference]! * scale;
        above[h] = above[reference]! * scale;
      } else {
        const z = normalQuantile(highP) * Math.sqrt(fit.sigma2 * varianceRatio[h]!);
        below[h] = z;
        above[h] = z;
      }
      // Uncertainty does not shrink with the horizon.
      if (h > 0) {
        below[h] = Math.max(below[h]!, below[h - 1]!);
        above[h] = Math.max(above[h]!, above[h - 1]!);
      }
    }
    const lower: number[] = [];
    const upper: number[] = [];
    for (let i = 0; i < horizon; i++) {
      lower.push(mean[i]! - below[i + offset]!);
      upper.push(mean[i]! + above[i + offset]!);
    }
    out[level] = { lower, upper };
  }
  return out;
}

/** Sorted h-step in-sample errors, one array per horizon. */
function horizonErrors(fit: FittedEts, y: Float64Array, horizon: number): Float64Array[] {
  const n = y.length;
  const { spec, params, trace } = fit;
  const longest = spec.periods.length ? spec.periods[spec.periods.length - 1]! : 1;
  const burnIn = Math.min(Math.floor(n / 3), Math.max(10, 2 * longest));
  const first = Math.max(burnIn, n - MAX_ORIGINS);
  const multipliers = new Float64Array(horizon + 1);
  for (let h = 1; h <= horizon; h++) multipliers[h] = trendMultiplier(spec.trend, params.phi, h);
  const out: Float64Array[] = [];
  const multiplicative = spec.season === 'M';
  const relative = relativeErrors(fit);
  for (let h = 1; h <= horizon; h++) {
    const count = Math.max(0, n - h + 1 - first);
    const e = new Float64Array(count);
    const ceilings = spec.periods.map((m) => m * Math.ceil(h / m));
    for (let origin = first, i = 0; origin <= n - h; origin++, i++) {
      const base = trace.level[origin]! + multipliers[h]! * trace.trend[origin]!;
      let value = base;
      if (spec.periods.length) {
        const t = origin + h - 1;
        let seasonal = multiplicative ? 1 : 0;
        for (let s = 0; s < spec.periods.length; s++) {
          const v = trace.season[s]![t - ceilings[s]! + spec.periods[s]!]!;
          seasonal = multiplicative ? seasonal * v : seasonal + v;
        }
        value = multiplicative ? base * seasonal : base + seasonal;
      }
      // Multiplicative models' errors grow with the level: measure them relative to the level at
      // their origin and rescale by the level now.
      e[i] = relative ? (y[origin + h - 1]! - value) / Math.max(Math.abs(trace.level[origin]!), 1e-12) : y[origin + h - 1]! - value;
    }
    e.sort();
    out.push(e);
  }
  return out;
}

function relativeErrors(fit: FittedEts): boolean {
  return fit.spec.season === 'M';
}

/** Conformal order statistic: the ⌈(N+1)p⌉-th smallest for an upper bound, ⌊(N+1)p⌋-th for a lower one. */
function orderStatistic(sorted: Float64Array, p: number, side: 'low' | 'high'): number {
  const n = sorted.length;
  const rank = side === 'high' ? Math.ceil((n + 1) * p) : Math.floor((n + 1) * p);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))]!;
}

/** 1 + Σ_{j<h} c_j², the h-step variance in units of σ² for a linear ETS model (FPP3 Table 8.8). */
export function analyticVarianceMultipliers(fit: FittedEts, horizon: number): Float64Array {
  const { spec, params } = fit;
  const out = new Float64Array(horizon);
  let sum = 1;
  out[0] = 1;
  for (let j = 1; j < horizon; j++) {
    let c = params.alpha + params.beta * trendMultiplier(spec.trend, params.phi, j);
    for (let s = 0; s < spec.periods.length; s++) if (j % spec.periods[s]! === 0) c += params.gammas[s]!;
    sum += c * c;
    out[j] = sum;
  }
  return out;
}
