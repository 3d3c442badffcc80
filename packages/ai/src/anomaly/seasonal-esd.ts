import * as z from 'zod/mini';
import { centredMovingAverage } from '../forecast/ets-initialization';
import { detectPeriods } from '../forecast/seasonality-detection';
import { prepareSeries } from '../forecast/series-preparation';
import { checkInput } from '../internal/validate';
import { medianInPlace } from './order-statistics';
import { MAD_TO_SIGMA } from './robust-scale';
import { studentTQuantile } from './student-t';

const SeasonalEsdOptionsSchema = z.object({
  seasonLength: z.optional(z.int().check(z.minimum(2, 'must be an integer of 2 or more'))),
  maxAnomalies: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lte(0.49, 'must be at most 0.49'))),
  alpha: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lt(1, 'must be less than 1'))),
  direction: z.optional(z.enum(['both', 'pos', 'neg'])),
  trendWindow: z.optional(z.int().check(z.minimum(3, 'must be an integer of 3 or more'))),
});

export interface SeasonalEsdOptions {
  /** Season length; detected from the series when absent (no season if none is found). */
  seasonLength?: number;
  /** Most anomalies to report, as a share of the points (default 0.1, at most 0.49). */
  maxAnomalies?: number;
  /** Significance level of each ESD test (default 0.05). */
  alpha?: number;
  /** Look for values above ('pos'), below ('neg') or both sides of normal (default 'both'). */
  direction?: 'both' | 'pos' | 'neg';
  /** Points per piece of the piecewise-median trend (default: one median for the whole series). */
  trendWindow?: number;
}

export interface EsdAnomaly {
  /** Index in the input series. */
  index: number;
  value: number;
  /** Seasonal component plus median trend at that point. */
  expected: number;
  /** Test statistic |r − median| / (1.4826·MAD) when the point was removed. */
  statistic: number;
  /** The ESD critical value it exceeded. */
  critical: number;
  direction: 'pos' | 'neg';
}

export interface SeasonalEsdResult {
  /** Anomalies in index order. */
  anomalies: EsdAnomaly[];
  seasonLength: number | undefined;
  /** The fitted normal value (seasonal + median trend) for every input position (NaN at gaps). */
  expected: number[];
}

/**
 * Batch seasonal ESD in the manner of S-H-ESD (Vallis, Hochenbaum & Kejariwal 2014): remove the
 * season (per-phase medians of the series minus its centred moving average), replace the trend
 * by the median (piecewise with `trendWindow`), then run Rosner's generalised ESD test on the
 * residuals with median/MAD in place of mean/sd, so the anomalies themselves cannot mask each other.
 * Gaps are interpolated for the decomposition but never reported.
 */
export function seasonalEsd(series: ReadonlyArray<number | null | undefined>, options: SeasonalEsdOptions = {}): SeasonalEsdResult {
  const o = checkInput(SeasonalEsdOptionsSchema, options ?? {}, 'seasonal ESD options');
  const prepared = prepareSeries(series);
  const y = prepared.values;
  const offset = firstFiniteIndex(series);
  const n = y.length;
  const seasonLength = o.seasonLength ?? detectPeriods(y).seasonLength;
  const seasonal = new Float64Array(n);
  if (seasonLength !== undefined && n >= 2 * seasonLength) {
    const trend = centredMovingAverage(y, seasonLength);
    const profile = phaseMedians(y, trend, seasonLength);
    for (let t = 0; t < n; t++) seasonal[t] = profile[t % seasonLength]!;
  }
  const adjusted = new Float64Array(n);
  for (let t = 0; t < n; t++) adjusted[t] = y[t]! - seasonal[t]!;
  const trend = piecewiseMedian(adjusted, o.trendWindow ?? n);
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = adjusted[t]! - trend[t]!;

  const observed: number[] = [];
  for (let t = 0; t < n; t++) {
    const v = series[t + offset];
    if (typeof v === 'number' && Number.isFinite(v)) observed.push(t);
  }
  const found = generalisedEsd(residual, observed, Math.floor((o.maxAnomalies ?? 0.1) * observed.length), o.alpha ?? 0.05, o.direction ?? 'both');
  const expected: number[] = new Array<number>(series.length).fill(Number.NaN);
  for (let t = 0; t < n; t++) expected[t + offset] = seasonal[t]! + trend[t]!;
  const anomalies = found
    .map((a) => ({
      index: a.index + offset,
      value: y[a.index]!,
      expected: seasonal[a.index]! + trend[a.index]!,
      statistic: a.statistic,
      critical: a.critical,
      direction: a.sign > 0 ? ('pos' as const) : ('neg' as const),
    }))
    .sort((a, b) => a.index - b.index);
  return { anomalies, seasonLength, expected };
}

interface EsdHit {
  index: number;
  statistic: number;
  critical: number;
  sign: number;
}

/**
 * Rosner's generalised ESD with robust location/scale: up to k rounds, each removing the most
 * extreme remaining point; the anomalies are the first r removed, r the last round whose statistic
 * beat its critical value λ_i = (m−i)·t / √((m−i−1+t²)(m−i+1)), t the Student quantile at
 * 1 − α/(2(m−i+1)) (one-sided: α/(m−i+1)) with m − i − 1 degrees of freedom.
 * The residuals are sorted once: the median is then an index, the most extreme point sits at an
 * end, and the MAD is found by walking outwards from the median — O(n) per round without swaps.
 */
function generalisedEsd(residual: Float64Array, candidates: number[], k: number, alpha: number, direction: 'both' | 'pos' | 'neg'): EsdHit[] {
  const order = [...candidates].sort((a, b) => residual[a]! - residual[b]! || a - b);
  const sorted = order.map((i) => residual[i]!);
  const m = order.length;
  const removed: EsdHit[] = [];
  let significant = 0;
  for (let i = 1; i <= k && sorted.length > 2; i++) {
    const size = sorted.length;
    const centre = size % 2 ? sorted[size >> 1]! : (sorted[(size >> 1) - 1]! + sorted[size >> 1]!) / 2;
    let scale = MAD_TO_SIGMA * medianDistance(sorted, centre);
    if (!(scale > 0)) {
      // Over half the residuals are identical: fall back to the mean absolute deviation.
      let sum = 0;
      for (const v of sorted) sum += Math.abs(v - centre);
      scale = (1.2533 * sum) / size;
      if (!(scale > 0)) break;
    }
    const high = sorted[size - 1]! - centre;
    const low = centre - sorted[0]!;
    const takeHigh = direction === 'pos' || (direction === 'both' && high >= low);
    const at = takeHigh ? size - 1 : 0;
    const statistic = (takeHigh ? high : low) / scale;
    const p = direction === 'both' ? 1 - alpha / (2 * (m - i + 1)) : 1 - alpha / (m - i + 1);
    const t = studentTQuantile(p, m - i - 1);
    const critical = ((m - i) * t) / Math.sqrt((m - i - 1 + t * t) * (m - i + 1));
    removed.push({ index: order[at]!, statistic, critical, sign: takeHigh ? 1 : -1 });
    sorted.splice(at, 1);
    order.splice(at, 1);
    if (statistic > critical) significant = i;
  }
  return removed.slice(0, significant);
}

/** Median of |x − centre| over sorted x: merge the two runs of distances growing away from the centre. */
function medianDistance(sorted: readonly number[], centre: number): number {
  const size = sorted.length;
  let right = 0;
  while (right < size && sorted[right]! < centre) right++;
  let left = right - 1;
  const wanted = size >> 1; // 0-based rank of the upper median
  let previous = 0;
  for (let rank = 0; rank <= wanted; rank++) {
    const dl = left >= 0 ? centre - sorted[left]! : Number.POSITIVE_INFINITY;
    const dr = right < size ? sorted[right]! - centre : Number.POSITIVE_INFINITY;
    const next = dl <= dr ? dl : dr;
    if (dl <= dr) left--;
    else right++;
    if (rank === wanted) return size % 2 ? next : (previous + next) / 2;
    previous = next;
  }
  return previous;
}

function phaseMedians(y: Float64Array, trend: Float64Array, m: number): Float64Array {
  const bucket = new Float64Array(Math.ceil(y.length / m));
  const out = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let count = 0;
    for (let t = p; t < y.length; t += m) if (!Number.isNaN(trend[t]!)) bucket[count++] = y[t]! - trend[t]!;
    out[p] = count ? medianInPlace(bucket, count) : 0;
  }
  const centre = medianInPlace(Float64Array.from(out), m);
  for (let p = 0; p < m; p++) out[p] = out[p]! - centre;
  return out;
}

function piecewiseMedian(values: Float64Array, window: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let start = 0; start < values.length; start += window) {
    const end = Math.min(values.length, start + window);
    // A short last piece joins the previous one rather than getting a noisy median of its own.
    const from = end - start < window / 2 && start > 0 ? Math.max(0, end - window) : start;
    const piece = Float64Array.from(values.subarray(from, end));
    const med = medianInPlace(piece, piece.length);
    for (let t = start; t < end; t++) out[t] = med;
  }
  return out;
}

function firstFiniteIndex(series: ReadonlyArray<number | null | undefined>): number {
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (typeof v === 'number' && Number.isFinite(v)) return i;
  }
  return 0;
}
