import { autocorrelation } from './autocorrelation';
import { prepareSeries } from './series-preparation';

export interface SeasonalityOptions {
  /** Longest period considered (default 2016, a week of 5-minute points); never more than half the series. */
  maxPeriod?: number;
  /** Shortest period considered (default 2). */
  minPeriod?: number;
  /** Smallest autocorrelation at the period for it to count (default 0.15). */
  minStrength?: number;
}

export interface DetectedPeriod {
  period: number;
  /** Autocorrelation of the detrended series at that lag, in [-1, 1]. */
  strength: number;
}

export interface SeasonalityResult {
  /** The fundamental (shortest) season length, or undefined when the series shows none. */
  seasonLength: number | undefined;
  /** Accepted periods, shortest first: the fundamental and at most one longer multiple of it (e.g. 24 and 168). */
  periods: DetectedPeriod[];
}

const HARMONIC_SLACK = 0.1;
const SECOND_PERIOD_GAIN = 0.05;
const MAX_POINTS = 20_000;

/**
 * ACF-based seasonality detection. The series (last 20 000 points at most) is detrended by a
 * least-squares line and its autocorrelation computed; a lag is a candidate when it is a local
 * peak, strong enough and prominent over the lags between its half and itself. The strongest
 * candidate by harmonic score (mean ACF at 1×, 2×, 3× the lag) is reduced to its shortest
 * divisor that repeats as well as its double (so a two-humped day gives 24, not 12), and a
 * multiple of that fundamental is added as a second period when it correlates clearly better
 * (daily 24 plus weekly 168 on hourly data with a weekday/weekend difference).
 */
export function detectSeasonality(series: ReadonlyArray<number | null | undefined>, options: SeasonalityOptions = {}): SeasonalityResult {
  const prepared = prepareSeries(series);
  return detectPeriods(prepared.values, options);
}

export function detectPeriods(values: Float64Array, options: SeasonalityOptions = {}): SeasonalityResult {
  const x = detrended(values.length > MAX_POINTS ? values.subarray(values.length - MAX_POINTS) : values);
  const n = x.length;
  const minPeriod = Math.max(2, Math.floor(options.minPeriod ?? 2));
  const maxPeriod = Math.min(Math.floor(options.maxPeriod ?? 2016), Math.floor(n / 2));
  const none: SeasonalityResult = { seasonLength: undefined, periods: [] };
  if (maxPeriod < minPeriod || n < 8) return none;
  const lagLimit = Math.min(n - 1, Math.max(maxPeriod + 1, Math.floor(n / 2)));
  const r = autocorrelation(x, lagLimit);
  if (r[0] === 0) return none;
  const minStrength = options.minStrength ?? 0.15;
  const harmonicLimit = Math.floor(n / 2);

  // Bartlett's variance of r_p under "no correlation beyond lag p − 1": (1 + 2 Σ_{j<p} r_j²) / n.
  // A wandering series (random walk) has large r_j at short lags, so its spurious long-lag bumps
  // are held to a much higher bar than a white-noise series' would be.
  const bartlett = new Float64Array(maxPeriod + 1);
  let squares = 0;
  for (let p = 1; p <= maxPeriod; p++) {
    bartlett[p] = Math.sqrt((1 + 2 * squares) / n);
    squares += r[p]! * r[p]!;
  }
  const candidates: number[] = [];
  for (let p = minPeriod; p <= maxPeriod; p++) {
    const v = r[p]!;
    if (!(v > r[p - 1]!) || (p + 1 <= lagLimit && v < r[p + 1]!)) continue;
    // 4 white-noise standard errors (with hundreds of lags tested, 3 would let a spurious peak
    // through in about one noise series out of three) and 2 Bartlett standard errors.
    if (v < Math.max(minStrength, 4 / Math.sqrt(n - p), 2 * bartlett[p]!)) continue;
    let trough = v;
    for (let j = Math.max(1, Math.floor(p / 2)); j < p; j++) trough = Math.min(trough, r[j]!);
    if (v - trough < 0.1) continue;
    candidates.push(p);
  }
  if (candidates.length === 0) return none;

  // Ranked on the usual n-normalised ACF, which shrinks long lags: a period seen only twice is
  // weaker evidence than one seen forty times.
  const harmonicScore = (p: number): number => {
    let sum = 0;
    let count = 0;
    for (let k = 1; k <= 3 && (k === 1 || k * p <= harmonicLimit); k++) {
      sum += (r[k * p]! * (n - k * p)) / n;
      count++;
    }
    return sum / count;
  };
  const repeatsAsWellAsDouble = (p: number): boolean => 2 * p > harmonicLimit || r[p]! >= r[2 * p]! - HARMONIC_SLACK;

  let best = candidates[0]!;
  for (const p of candidates) if (harmonicScore(p) > harmonicScore(best) + 1e-9) best = p;
  let fundamental = best;
  for (const d of candidates) {
    if (d >= best) break;
    if (dividesApproximately(d, best) && repeatsAsWellAsDouble(d)) {
      fundamental = d;
      break;
    }
  }

  const periods: DetectedPeriod[] = [{ period: fundamental, strength: r[fundamental]! }];
  let second: number | undefined;
  let secondStrength = Number.NEGATIVE_INFINITY;
  for (const q of candidates) {
    if (q <= fundamental || !dividesApproximately(fundamental, q)) continue;
    const snapped = Math.round(q / fundamental) * fundamental;
    if (snapped > lagLimit) continue;
    const strength = Math.max(r[q]!, r[snapped]!);
    if (strength <= r[fundamental]! + SECOND_PERIOD_GAIN) continue;
    const before = r[snapped - fundamental]!;
    const after = snapped + fundamental <= lagLimit ? r[snapped + fundamental]! : Number.NEGATIVE_INFINITY;
    if (strength <= before || strength <= after) continue;
    // Among qualifying multiples (168, 336, 504 …) prefer the one seen most often.
    const weighted = (strength * (n - snapped)) / n;
    if (weighted > secondStrength) {
      second = snapped;
      secondStrength = weighted;
    }
  }
  if (second !== undefined) periods.push({ period: second, strength: r[second]! });
  return { seasonLength: fundamental, periods };
}

function dividesApproximately(d: number, q: number): boolean {
  const rest = q % d;
  const tolerance = Math.max(1, Math.round(q * 0.01));
  return rest <= tolerance || d - rest <= tolerance;
}

function detrended(y: Float64Array): Float64Array {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    sx += t;
    sy += y[t]!;
    sxx += t * t;
    sxy += t * y[t]!;
  }
  const denominator = n * sxx - sx * sx;
  const slope = denominator !== 0 ? (n * sxy - sx * sy) / denominator : 0;
  const intercept = (sy - slope * sx) / n;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = y[t]! - intercept - slope * t;
  return out;
}
