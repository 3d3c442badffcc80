import { detectPeriods } from '../forecast/seasonality-detection';
import { resolveDetectorOptions, type AnomalyDetectorOptions, type ResolvedDetectorOptions } from './anomaly-options';
import { medianInPlace } from './order-statistics';
import { RobustBaseline } from './robust-baseline';
import { robustSigma } from './robust-scale';

export type AnomalySeverity = 'info' | 'warning' | 'critical';

export interface AnomalyResult {
  metric: string | undefined;
  /** Epoch milliseconds of the reading when one was given. */
  timestamp: number | undefined;
  /** Position of the reading in the stream, from 0 (missing readings count). */
  index: number;
  value: number;
  /** 0 for normal behaviour, 0.5 at the threshold, → 1 far beyond it; monotone in |deviation|. */
  score: number;
  anomalous: boolean;
  severity: AnomalySeverity;
  /** The baseline: what the metric should read now. */
  expected: number;
  /** expected ∓ threshold·σ: readings outside are anomalous. */
  lower: number;
  upper: number;
  /** (value − expected) in robust standard deviations, signed. */
  deviation: number;
  /** Still learning: never anomalous. */
  warmingUp: boolean;
  /** This reading confirmed a level shift; the baseline now sits at the new level. */
  levelShift: boolean;
  /** The reading was NaN/±Infinity and was skipped. */
  skipped: boolean;
}

export interface AnomalyDetector {
  update(value: number, timestamp?: Date | number): AnomalyResult;
  /** Season lengths in use (detected or given); empty while none. */
  readonly periods: readonly number[];
}

/** Residual σ is recomputed from the ring buffer every this many points (a 512-residual MAD costs ~5k operations). */
const RESCALE_EVERY = 32;
/** Residuals are clipped at this many σ before the baseline learns from them (Huber-style). */
const LEARN_CLIP = 2;
/** Live residuals needed before the warm-up's start-up scale stops bounding σ. */
const STARTUP_RESIDUALS = 100;

/**
 * A streaming detector: one reading at a time, O(1) work per reading plus a robust σ recomputed
 * every 32 readings from a fixed ring of residuals, so memory is bounded by the options.
 *
 * Baseline = level + seasonal offsets (per phase, learnt from clipped residuals; a season is
 * given or detected from the first `seasonDetectionWindow` readings). Spread = robust σ of recent
 * residuals (max of 1.4826·MAD and the 90th percentile/1.645, floored at half the metric's
 * quantum). A reading beyond `threshold` σ is anomalous and is not learnt from; `levelShiftConfirmation`
 * such readings in a row on one side confirm a level shift and the level is rebased to their median.
 */
export function createAnomalyDetector(options: AnomalyDetectorOptions = {}): AnomalyDetector {
  return new StreamingAnomalyDetector(resolveDetectorOptions(options));
}

class StreamingAnomalyDetector implements AnomalyDetector {
  private count = 0;
  private history: Float64Array | undefined;
  private historyUntil: number;
  private baseline: RobustBaseline | undefined;
  private readonly residuals: Float64Array;
  private readonly work: Float64Array;
  private residualCount = 0;
  private residualNext = 0;
  private replayed = 0;
  private sigma = 0;
  /** Scale from the warm-up's one-step changes: a floor until enough live residuals exist. */
  private startupSigma = 0;
  private sinceRescale = 0;
  private quantum = Number.POSITIVE_INFINITY;
  private previous = Number.NaN;
  private shiftSide = 0;
  private shiftCount = 0;
  private readonly shiftValues: Float64Array;

  constructor(private readonly options: ResolvedDetectorOptions) {
    const needsDetection = options.seasonLength === undefined && options.detectSeason;
    this.historyUntil = Math.max(options.warmup, needsDetection ? options.seasonDetectionWindow : 0);
    this.history = new Float64Array(this.historyUntil);
    this.residuals = new Float64Array(options.residualWindow);
    this.work = new Float64Array(options.residualWindow);
    this.shiftValues = new Float64Array(options.levelShiftConfirmation);
  }

  get periods(): readonly number[] {
    return this.baseline?.periods ?? [];
  }

  update(value: number, timestamp?: Date | number): AnomalyResult {
    const index = this.count++;
    const time = timestamp === undefined ? undefined : typeof timestamp === 'number' ? timestamp : timestamp.getTime();
    const finite = typeof value === 'number' && Number.isFinite(value);
    if (this.history && index < this.historyUntil) this.history[index] = finite ? value : Number.NaN;
    if (!finite) return this.skip(index, time, value);
    if (Number.isFinite(this.previous) && value !== this.previous) this.quantum = Math.min(this.quantum, Math.abs(value - this.previous));
    this.previous = value;

    if (!this.baseline) {
      if (index + 1 >= this.options.warmup) {
        const given = this.options.seasonLength;
        this.rebuild(given !== undefined ? [given] : [], index + 1);
      }
      return this.result(index, time, value, value, 0, false, false, true);
    }

    const result = this.score(index, time, value);
    if (this.history && index + 1 === this.historyUntil) this.decideSeason();
    return result;
  }

  private score(index: number, time: number | undefined, value: number): AnomalyResult {
    const baseline = this.baseline!;
    const expected = baseline.expected();
    const sigma = this.sigma;
    const residual = value - expected;
    const deviation = residual / sigma;
    const threshold = this.options.threshold;
    const anomalous = Math.abs(deviation) >= threshold;
    let levelShift = false;
    if (anomalous) {
      const side = Math.sign(deviation);
      this.shiftCount = side === this.shiftSide ? this.shiftCount + 1 : 1;
      this.shiftSide = side;
      this.shiftValues[this.shiftCount - 1] = baseline.deseasonalise(value);
      if (this.shiftCount >= this.options.levelShiftConfirmation) {
        baseline.level = medianInPlace(this.shiftValues, this.shiftCount);
        this.shiftCount = 0;
        this.shiftSide = 0;
        levelShift = true;
      }
      baseline.advance();
    } else {
      this.shiftCount = 0;
      this.shiftSide = 0;
      baseline.learn(Math.max(-LEARN_CLIP * sigma, Math.min(LEARN_CLIP * sigma, residual)));
    }
    this.pushResidual(Math.max(-threshold * sigma, Math.min(threshold * sigma, residual)));
    return this.result(index, time, value, expected, deviation, anomalous, levelShift, false);
  }

  private result(
    index: number,
    timestamp: number | undefined,
    value: number,
    expected: number,
    deviation: number,
    anomalous: boolean,
    levelShift: boolean,
    warmingUp: boolean,
  ): AnomalyResult {
    const threshold = this.options.threshold;
    const ratio = Math.abs(deviation) / threshold;
    const score = warmingUp || !Number.isFinite(ratio) ? (warmingUp ? 0 : 1) : 1 - Math.pow(2, -(ratio * ratio * ratio * ratio));
    const band = warmingUp ? 0 : threshold * this.sigma;
    return {
      metric: this.options.metric,
      timestamp,
      index,
      value,
      score,
      anomalous,
      severity: anomalous ? (ratio >= this.options.criticalRatio ? 'critical' : 'warning') : 'info',
      expected,
      lower: expected - band,
      upper: expected + band,
      deviation,
      warmingUp,
      levelShift,
      skipped: false,
    };
  }

  private skip(index: number, timestamp: number | undefined, value: number): AnomalyResult {
    const expected = this.baseline ? this.baseline.expected() : Number.NaN;
    this.baseline?.advance();
    const band = this.baseline ? this.options.threshold * this.sigma : 0;
    return {
      metric: this.options.metric,
      timestamp,
      index,
      value,
      score: 0,
      anomalous: false,
      severity: 'info',
      expected,
      lower: expected - band,
      upper: expected + band,
      deviation: Number.NaN,
      warmingUp: !this.baseline,
      levelShift: false,
      skipped: true,
    };
  }

  private pushResidual(residual: number): void {
    this.residuals[this.residualNext] = residual;
    this.residualNext = (this.residualNext + 1) % this.residuals.length;
    if (this.residualCount < this.residuals.length) this.residualCount++;
    if (++this.sinceRescale >= RESCALE_EVERY || this.residualCount < 32) this.rescale();
  }

  private rescale(): void {
    this.sinceRescale = 0;
    const { sigma } = robustSigma(this.residuals, this.residualCount, this.work);
    const quantumFloor = Number.isFinite(this.quantum) ? this.quantum / 2 : 0;
    const levelFloor = 1e-9 * Math.max(1, Math.abs(this.baseline?.level ?? 0));
    // Residuals replayed from the warm-up are in-sample (the seasons were fitted on them) and too
    // small; until a hundred live ones are in, the warm-up's change-based scale bounds σ from below.
    const startup = this.residualCount - this.replayed < STARTUP_RESIDUALS ? this.startupSigma : 0;
    this.sigma = Math.max(sigma, quantumFloor, levelFloor, startup);
  }

  /** Once the detection window is full: look for seasons and, if found, relearn with them. */
  private decideSeason(): void {
    const history = this.history!;
    const filled = fillGaps(history);
    const periods = filled ? detectPeriods(filled).periods.map((p) => p.period) : [];
    if (periods.length > 0) this.rebuild(periods, history.length);
    this.history = undefined;
  }

  /** A fresh baseline with these seasons, learnt by replaying the first `length` readings. */
  private rebuild(periods: readonly number[], length: number): void {
    const filled = fillGaps(this.history!.subarray(0, length));
    const baseline = new RobustBaseline(periods, this.options.levelWeight, this.options.seasonWeight);
    this.residualCount = 0;
    this.residualNext = 0;
    if (!filled) {
      this.baseline = baseline;
      this.sigma = Number.EPSILON;
      return;
    }
    baseline.initialise(filled);
    this.baseline = baseline;
    this.startupSigma = differenceSigma(filled);
    this.sigma = Math.max(this.startupSigma, Number.MIN_VALUE);
    this.replayed = Number.POSITIVE_INFINITY;
    for (let t = 0; t < filled.length; t++) {
      const value = this.history![t]!;
      if (Number.isNaN(value)) {
        baseline.advance();
        continue;
      }
      const residual = value - baseline.expected();
      if (Math.abs(residual) >= this.options.threshold * this.sigma) {
        baseline.advance();
      } else {
        baseline.learn(Math.max(-LEARN_CLIP * this.sigma, Math.min(LEARN_CLIP * this.sigma, residual)));
      }
      this.pushResidual(Math.max(-this.options.threshold * this.sigma, Math.min(this.options.threshold * this.sigma, residual)));
    }
    this.replayed = this.residualCount;
    this.shiftCount = 0;
    this.shiftSide = 0;
  }
}

/** Linear interpolation over NaN runs; undefined when nothing is finite. Ends take the nearest value. */
function fillGaps(values: Float64Array): Float64Array | undefined {
  const out = Float64Array.from(values);
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i]!)) continue;
    if (last < 0) for (let j = 0; j < i; j++) out[j] = out[i]!;
    else for (let j = last + 1; j < i; j++) out[j] = out[last]! + ((out[i]! - out[last]!) * (j - last)) / (i - last);
    last = i;
  }
  if (last < 0) return undefined;
  for (let j = last + 1; j < out.length; j++) out[j] = out[last]!;
  return out;
}

/** Robust σ of the history's one-step changes ÷ √2: a start-up scale before any residual exists. */
function differenceSigma(history: Float64Array): number {
  const diffs = new Float64Array(Math.max(0, history.length - 1));
  if (diffs.length === 0) return 0;
  for (let t = 1; t < history.length; t++) diffs[t - 1] = history[t]! - history[t - 1]!;
  const { sigma } = robustSigma(diffs, diffs.length, new Float64Array(diffs.length));
  return sigma / Math.SQRT2;
}
