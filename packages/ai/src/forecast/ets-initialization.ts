import type { EtsInitialState, EtsSpec } from './ets-model';

/**
 * Heuristic initial states (Hyndman et al. 2008 §2.6.1): classical decomposition of the first
 * few cycles for the seasons, a straight line through the first seasonally adjusted points for
 * level and trend. They are not optimised: with the 100+ points hourly series have, the filter
 * forgets its start within a few cycles, and leaving them out keeps the optimiser at 1–5 dimensions.
 */
export function initialState(y: Float64Array, spec: EtsSpec): EtsInitialState {
  const seasons: Float64Array[] = [];
  let adjusted = y;
  if (spec.season !== 'N' && spec.periods.length > 0) {
    const longest = spec.periods[spec.periods.length - 1]!;
    const cycles = Math.max(2, Math.floor(y.length / longest));
    const head = y.subarray(0, Math.min(y.length, cycles * longest));
    const multiplicative = spec.season === 'M';
    const total = seasonalIndices(head, longest, multiplicative);
    if (spec.periods.length === 1) {
      seasons.push(total);
    } else {
      // Double season: the short cycle is the average shape of the long one folded onto it,
      // the long season keeps what differs between the short cycles (e.g. weekday vs weekend).
      const m1 = spec.periods[0]!;
      const short = new Float64Array(m1);
      const counts = new Float64Array(m1);
      for (let p = 0; p < longest; p++) {
        short[p % m1] = short[p % m1]! + total[p]!;
        counts[p % m1] = counts[p % m1]! + 1;
      }
      for (let p = 0; p < m1; p++) short[p] = short[p]! / counts[p]!;
      const long = new Float64Array(longest);
      for (let p = 0; p < longest; p++) long[p] = total[p]! - short[p % m1]!;
      seasons.push(short, long);
    }
    adjusted = new Float64Array(head.length);
    for (let t = 0; t < head.length; t++) {
      let s = multiplicative ? 1 : 0;
      for (let i = 0; i < seasons.length; i++) {
        const season = seasons[i]!;
        const v = season[t % season.length]!;
        s = multiplicative ? s * v : s + v;
      }
      adjusted[t] = multiplicative ? head[t]! / s : head[t]! - s;
    }
  }
  const k = Math.min(adjusted.length, Math.max(10, spec.periods.length ? spec.periods[0]! : 10));
  const { intercept, slope } = lineThrough(adjusted, k);
  const hasTrend = spec.trend !== 'N';
  // States "before time 0": the line evaluated at t = -1.
  const level = hasTrend ? intercept - slope : meanOf(adjusted, Math.min(adjusted.length, k));
  return { level, trend: hasTrend ? slope : 0, seasons };
}

/**
 * Seasonal indices of one cycle from classical decomposition: the series minus (or divided by)
 * its centred moving average, averaged per phase, normalised to sum 0 (or average 1).
 */
export function seasonalIndices(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const trend = centredMovingAverage(y, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < y.length; t++) {
    const tr = trend[t]!;
    if (Number.isNaN(tr)) continue;
    const d = multiplicative ? (tr !== 0 ? y[t]! / tr : 1) : y[t]! - tr;
    sums[t % m] = sums[t % m]! + d;
    counts[t % m] = counts[t % m]! + 1;
  }
  const out = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < m; p++) {
    out[p] = counts[p]! > 0 ? sums[p]! / counts[p]! : multiplicative ? 1 : 0;
    total += out[p]!;
  }
  const mean = total / m;
  for (let p = 0; p < m; p++) out[p] = multiplicative ? (mean > 0 ? out[p]! / mean : 1) : out[p]! - mean;
  return out;
}

/** Centred moving average of order m (2×m for even m), NaN where the window does not fit. */
export function centredMovingAverage(y: Float64Array, m: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(m / 2);
  if (n < m + (m % 2 === 0 ? 1 : 0)) {
    const mean = meanOf(y, n);
    return out.fill(mean);
  }
  let window = 0;
  for (let t = 0; t < m; t++) window += y[t]!;
  // window holds y[s..s+m-1]
  for (let s = 0; s + m <= n; s++) {
    if (s > 0) window += y[s + m - 1]! - y[s - 1]!;
    if (m % 2 === 1) {
      out[s + half] = window / m;
    } else if (s + m < n) {
      // 2×m MA centred at s + half: average of windows starting at s and s + 1.
      const next = window - y[s]! + y[s + m]!;
      out[s + half] = (window + next) / (2 * m);
    }
  }
  return out;
}

function lineThrough(y: Float64Array, k: number): { intercept: number; slope: number } {
  if (k < 2) return { intercept: y[0] ?? 0, slope: 0 };
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < k; t++) {
    sx += t;
    sy += y[t]!;
    sxx += t * t;
    sxy += t * y[t]!;
  }
  const slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  return { intercept: (sy - slope * sx) / k, slope };
}

function meanOf(y: Float64Array, k: number): number {
  let s = 0;
  for (let t = 0; t < k; t++) s += y[t]!;
  return k > 0 ? s / k : 0;
}
