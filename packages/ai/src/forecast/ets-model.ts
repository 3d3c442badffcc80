/**
 * The exponential smoothing (ETS) state space models this package fits, all with additive errors
 * so that every candidate's likelihood is on the same scale and AICc can compare them:
 * level (N), additive trend (A), damped trend (Ad); no season (N), additive (A, one or two
 * periods: Taylor's double-seasonal Holt–Winters) or multiplicative (M, one period) season.
 * Error-correction form as in Hyndman & Athanasopoulos, FPP3 §8.5.
 */
export type TrendKind = 'N' | 'A' | 'Ad';
export type SeasonKind = 'N' | 'A' | 'M';

export interface EtsSpec {
  trend: TrendKind;
  season: SeasonKind;
  /** Season lengths: [] without season, [m] or [m1, m2] (additive only, m2 a multiple of m1). */
  periods: readonly number[];
}

export interface EtsParams {
  alpha: number;
  beta: number;
  /** One smoothing weight per season. */
  gammas: readonly number[];
  phi: number;
}

/** States just before time 0; `seasons[i][p]` is season i at phase p (= t mod m). */
export interface EtsInitialState {
  level: number;
  trend: number;
  seasons: readonly Float64Array[];
}

/**
 * Everything the filter saw: `level[t]`/`trend[t]` are the states before observing y[t];
 * `season[i][t + m]` is season i's value written at time t (indices 0..m-1 hold the initial states).
 */
export interface EtsTrace {
  level: Float64Array;
  trend: Float64Array;
  season: Float64Array[];
  fitted: Float64Array;
}

export function modelName(spec: EtsSpec): string {
  const periods = spec.periods.length ? `[${spec.periods.join(',')}]` : '';
  return `ETS(A,${spec.trend},${spec.season})${periods}`;
}

/** Number of estimated quantities (smoothing weights, damping, initial states) for AICc. */
export function parameterCount(spec: EtsSpec): number {
  let k = 2; // alpha, initial level
  if (spec.trend !== 'N') k += 2; // beta, initial trend
  if (spec.trend === 'Ad') k += 1;
  for (const m of spec.periods) k += 1 + (m - 1);
  return k;
}

/** Σ_{i=1..h} φ^i, the damped multiplier of the trend at horizon h. */
export function trendMultiplier(trend: TrendKind, phi: number, h: number): number {
  if (trend === 'N') return 0;
  if (trend === 'A') return h;
  return (phi * (1 - Math.pow(phi, h))) / (1 - phi);
}

/**
 * Fit to h-step errors too: every `stride`-th origin also forecasts 1..`horizon` steps ahead and
 * the objective becomes the mean over horizons of those squared errors (forecast::ets "amse").
 */
export interface MultiStepCriterion {
  horizon: number;
  stride: number;
  /** Per-horizon trend multipliers Σφ^i, index h = 1..horizon. */
  multipliers: Float64Array;
}

/**
 * One pass of the filter. Returns the sum of squared one-step errors, or +Infinity when the
 * parameters make the model unusable (a multiplicative season meeting a non-positive level).
 * `scratch` holds one working array per season, so fitting allocates nothing per evaluation.
 */
export function etsSse(
  y: Float64Array,
  spec: EtsSpec,
  params: EtsParams,
  init: EtsInitialState,
  scratch: Float64Array[],
  trace?: EtsTrace,
  multiStep?: MultiStepCriterion,
): number {
  if (!trace && spec.season !== 'M') return additiveObjective(y, spec, params, init, scratch, multiStep);
  const n = y.length;
  const { alpha, beta, phi } = params;
  const damp = spec.trend === 'Ad' ? phi : spec.trend === 'A' ? 1 : 0;
  const hasTrend = spec.trend !== 'N';
  const seasonCount = spec.periods.length;
  const m1 = seasonCount > 0 ? spec.periods[0]! : 1;
  const m2 = seasonCount > 1 ? spec.periods[1]! : 1;
  const s1 = scratch[0]!;
  const s2 = scratch[1]!;
  if (seasonCount > 0) s1.set(init.seasons[0]!);
  else s1[0] = 0;
  if (seasonCount > 1) s2.set(init.seasons[1]!);
  else s2[0] = 0;
  const g1 = seasonCount > 0 ? params.gammas[0]! : 0;
  const g2 = seasonCount > 1 ? params.gammas[1]! : 0;
  const multiplicative = spec.season === 'M';
  let level = init.level;
  let trend = hasTrend ? init.trend : 0;
  let p1 = 0;
  let p2 = 0;
  let sse = 0;
  if (trace) {
    for (let p = 0; p < m1 && seasonCount > 0; p++) trace.season[0]![p] = s1[p]!;
    for (let p = 0; p < m2 && seasonCount > 1; p++) trace.season[1]![p] = s2[p]!;
  }
  let multiSum = 0;
  let nextOrigin = multiStep ? multiStep.stride : n;
  for (let t = 0; t < n; t++) {
    if (t === nextOrigin) {
      nextOrigin += multiStep!.stride;
      const last = Math.min(n - t, multiStep!.horizon);
      const mult = multiStep!.multipliers;
      let q1 = p1;
      let q2 = p2;
      for (let h = 1; h <= last; h++) {
        const b = level + mult[h]! * trend;
        const e = y[t + h - 1]! - (multiplicative ? b * s1[q1]! : b + s1[q1]! + s2[q2]!);
        multiSum += e * e;
        if (++q1 === m1) q1 = 0;
        if (++q2 === m2) q2 = 0;
      }
    }
    const base = level + damp * trend;
    let e: number;
    if (multiplicative) {
      const s = s1[p1]!;
      if (!(base > 0) || !(s > 0)) return Number.POSITIVE_INFINITY;
      const yhat = base * s;
      e = y[t]! - yhat;
      if (trace) {
        trace.level[t] = level;
        trace.trend[t] = trend;
        trace.fitted[t] = yhat;
      }
      level = base + (alpha * e) / s;
      trend = damp * trend + (beta * e) / s;
      s1[p1] = s + (g1 * e) / base;
    } else {
      const yhat = base + s1[p1]! + s2[p2]!;
      e = y[t]! - yhat;
      if (trace) {
        trace.level[t] = level;
        trace.trend[t] = trend;
        trace.fitted[t] = yhat;
      }
      level = base + alpha * e;
      trend = damp * trend + beta * e;
      s1[p1] = s1[p1]! + g1 * e;
      s2[p2] = s2[p2]! + g2 * e;
    }
    sse += e * e;
    if (trace) {
      if (seasonCount > 0) trace.season[0]![t + m1] = s1[p1]!;
      if (seasonCount > 1) trace.season[1]![t + m2] = s2[p2]!;
    }
    if (++p1 === m1) p1 = 0;
    if (++p2 === m2) p2 = 0;
  }
  if (trace) {
    trace.level[n] = level;
    trace.trend[n] = trend;
  }
  const objective = multiStep ? sse + multiSum * (multiStep.stride / multiStep.horizon) : sse;
  return Number.isFinite(objective) ? objective : Number.POSITIVE_INFINITY;
}

export function allocateTrace(spec: EtsSpec, n: number): EtsTrace {
  return {
    level: new Float64Array(n + 1),
    trend: new Float64Array(n + 1),
    season: spec.periods.map((m) => new Float64Array(n + m)),
    fitted: new Float64Array(n),
  };
}

/**
 * The point forecast for time `origin + h - 1` made at `origin` (after observing y[0..origin-1]),
 * read from a trace: the level and trend at the origin and each season's latest value for that phase.
 */
export function forecastFromTrace(
  trace: EtsTrace,
  spec: EtsSpec,
  params: EtsParams,
  origin: number,
  h: number,
): number {
  const level = trace.level[origin]!;
  const base = level + trendMultiplier(spec.trend, params.phi, h) * trace.trend[origin]!;
  if (spec.periods.length === 0) return base;
  const t = origin + h - 1;
  let seasonal = spec.season === 'M' ? 1 : 0;
  for (let i = 0; i < spec.periods.length; i++) {
    const m = spec.periods[i]!;
    const written = t - m * Math.ceil(h / m);
    const value = trace.season[i]![written + m]!;
    seasonal = spec.season === 'M' ? seasonal * value : seasonal + value;
  }
  return spec.season === 'M' ? base * seasonal : base + seasonal;
}

/**
 * The optimiser's hot path: etsSse for additive (or no) seasons without a trace, written without
 * the per-step branches the general version needs. Same arithmetic, same result.
 */
function additiveObjective(
  y: Float64Array,
  spec: EtsSpec,
  params: EtsParams,
  init: EtsInitialState,
  scratch: Float64Array[],
  multiStep?: MultiStepCriterion,
): number {
  const n = y.length;
  const { alpha, beta } = params;
  const damp = spec.trend === 'Ad' ? params.phi : spec.trend === 'A' ? 1 : 0;
  const seasonCount = spec.periods.length;
  const m1 = seasonCount > 0 ? spec.periods[0]! : 1;
  const m2 = seasonCount > 1 ? spec.periods[1]! : 1;
  const s1 = scratch[0]!;
  const s2 = scratch[1]!;
  if (seasonCount > 0) s1.set(init.seasons[0]!);
  else s1[0] = 0;
  if (seasonCount > 1) s2.set(init.seasons[1]!);
  else s2[0] = 0;
  const g1 = seasonCount > 0 ? params.gammas[0]! : 0;
  const g2 = seasonCount > 1 ? params.gammas[1]! : 0;
  let level = init.level;
  let trend = spec.trend !== 'N' ? init.trend : 0;
  let p1 = 0;
  let p2 = 0;
  let sse = 0;
  let multiSum = 0;
  const stride = multiStep ? multiStep.stride : n;
  const horizon = multiStep ? multiStep.horizon : 0;
  const mult = multiStep ? multiStep.multipliers : undefined;
  let nextOrigin = stride;
  for (let t = 0; t < n; t++) {
    if (t === nextOrigin) {
      nextOrigin += stride;
      const last = Math.min(n - t, horizon);
      let q1 = p1;
      let q2 = p2;
      for (let h = 1; h <= last; h++) {
        const e = y[t + h - 1]! - (level + mult![h]! * trend + s1[q1]! + s2[q2]!);
        multiSum += e * e;
        if (++q1 === m1) q1 = 0;
        if (++q2 === m2) q2 = 0;
      }
    }
    const base = level + damp * trend;
    const e = y[t]! - (base + s1[p1]! + s2[p2]!);
    level = base + alpha * e;
    trend = damp * trend + beta * e;
    s1[p1] = s1[p1]! + g1 * e;
    s2[p2] = s2[p2]! + g2 * e;
    sse += e * e;
    if (++p1 === m1) p1 = 0;
    if (++p2 === m2) p2 = 0;
  }
  const objective = multiStep ? sse + multiSum * (multiStep.stride / multiStep.horizon) : sse;
  return Number.isFinite(objective) ? objective : Number.POSITIVE_INFINITY;
}
