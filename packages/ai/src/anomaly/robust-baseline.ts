import { centredMovingAverage } from '../forecast/ets-initialization';
import { medianInPlace } from './order-statistics';

/**
 * What a metric should read now: a level plus up to two seasonal offsets (e.g. hour of day and
 * hour of week), learnt from clipped residuals so that an outlier moves them by at most
 * `clip`·σ·weight — never by its own size, as a mean would be moved.
 */
export class RobustBaseline {
  level = 0;
  readonly periods: readonly number[];
  private readonly seasons: Float64Array[];
  private readonly phases: number[];

  constructor(
    periods: readonly number[],
    private readonly levelWeight: number,
    private readonly seasonWeight: number,
  ) {
    this.periods = periods;
    this.seasons = periods.map((m) => new Float64Array(m));
    this.phases = periods.map(() => 0);
  }

  expected(): number {
    let value = this.level;
    for (let i = 0; i < this.seasons.length; i++) value += this.seasons[i]![this.phases[i]!]!;
    return value;
  }

  /** The current reading minus its seasonal offsets. */
  deseasonalise(value: number): number {
    return value - this.expected() + this.level;
  }

  /** Learn from a residual already clipped by the caller, then move to the next phase. */
  learn(clippedResidual: number): void {
    this.level += this.levelWeight * clippedResidual;
    for (let i = 0; i < this.seasons.length; i++) {
      const season = this.seasons[i]!;
      const phase = this.phases[i]!;
      // Shared between seasons so that together they move by seasonWeight·residual.
      season[phase] = season[phase]! + (this.seasonWeight / this.seasons.length) * (1 - this.levelWeight) * clippedResidual;
    }
    this.advance();
  }

  /** Step to the next phase without learning (a missing reading still takes its time slot). */
  advance(): void {
    for (let i = 0; i < this.phases.length; i++) {
      const next = this.phases[i]! + 1;
      this.phases[i] = next === this.periods[i] ? 0 : next;
    }
  }

  /**
   * Initial offsets from a window of history whose first point has phase 0: the window minus its
   * centred moving average, per-phase medians (robust to the outliers a warm-up may contain);
   * the shorter season takes the average shape, the longer one what differs between its cycles.
   */
  initialise(history: Float64Array): void {
    const n = history.length;
    if (this.periods.length > 0) {
      const longest = this.periods[this.periods.length - 1]!;
      const trend = centredMovingAverage(history, longest);
      const total = perPhaseMedian(history, trend, longest);
      if (this.periods.length === 1) {
        this.seasons[0]!.set(total);
      } else {
        const m1 = this.periods[0]!;
        const short = this.seasons[0]!;
        const counts = new Float64Array(m1);
        short.fill(0);
        for (let p = 0; p < longest; p++) {
          short[p % m1] = short[p % m1]! + total[p]!;
          counts[p % m1] = counts[p % m1]! + 1;
        }
        for (let p = 0; p < m1; p++) short[p] = short[p]! / counts[p]!;
        const long = this.seasons[1]!;
        for (let p = 0; p < longest; p++) long[p] = total[p]! - short[p % m1]!;
      }
    }
    // Phases restart at the window's first point: the caller replays the window through learn().
    for (let i = 0; i < this.periods.length; i++) this.phases[i] = 0;
    // Level: median of the first short cycle (or 16 points) once the seasons are taken out.
    const head = Math.min(n, Math.max(16, this.periods[0] ?? 0));
    const first = new Float64Array(head);
    for (let t = 0; t < head; t++) {
      let seasonal = 0;
      for (let i = 0; i < this.periods.length; i++) seasonal += this.seasons[i]![t % this.periods[i]!]!;
      first[t] = history[t]! - seasonal;
    }
    this.level = medianInPlace(first, head);
  }
}

function perPhaseMedian(history: Float64Array, trend: Float64Array, m: number): Float64Array {
  const n = history.length;
  const cycles = Math.ceil(n / m);
  const bucket = new Float64Array(cycles);
  const out = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let count = 0;
    for (let t = p; t < n; t += m) if (!Number.isNaN(trend[t]!)) bucket[count++] = history[t]! - trend[t]!;
    out[p] = count > 0 ? medianInPlace(bucket, count) : 0;
  }
  const centre = medianInPlace(Float64Array.from(out), m);
  for (let p = 0; p < m; p++) out[p] = out[p]! - centre;
  return out;
}
