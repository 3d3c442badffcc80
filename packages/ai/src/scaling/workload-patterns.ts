import * as z from 'zod/mini';
import { detectSeasonality } from '../forecast/seasonality-detection';
import { checkInput, invalid } from '../internal/validate';

export interface PatternOptions {
  /** Epoch ms of each sample; or give `stepMinutes` (and `start` for hours of the day). */
  timestamps?: readonly number[];
  stepMinutes?: number;
  /** Epoch ms of the first sample, with `stepMinutes`. */
  start?: number;
}

export interface WorkloadPatterns {
  trend: {
    direction: 'rising' | 'falling' | 'flat';
    /** Least-squares slope, in the series' unit per day. */
    slopePerDay: number;
    /** Change the slope makes over the whole window, in percent of the mean; under 5 % either way is flat. */
    changePercent: number;
  };
  seasonality: {
    /** The fundamental season in samples, or undefined when there is none. */
    seasonLength: number | undefined;
    periodMinutes: number | undefined;
    /** Autocorrelation at that season (0..1: higher is a steadier rhythm). */
    strength: number;
    /** Every detected season in minutes (e.g. daily 1440 and weekly 10080). */
    periodsMinutes: number[];
  };
  /** Mean per UTC hour of the day (NaN for an hour with no samples); empty when times are unknown. */
  hourlyProfile: number[];
  /** UTC hours whose mean is in the top quarter of the daily range, busiest first. */
  peakHours: number[];
  /** UTC hours in the bottom quarter of the daily range, quietest first. */
  quietHours: number[];
  mean: number;
  max: number;
}

const OptionsSchema = z.object({
  timestamps: z.optional(z.array(z.number())),
  stepMinutes: z.optional(z.number().check(z.positive('must be more than 0'))),
  start: z.optional(z.number()),
});

/**
 * Trend, seasonality and busy hours of a usage series: what a capacity planner reads before
 * choosing a schedule. Hours are UTC; they need `timestamps`, or `start` with `stepMinutes`.
 */
export function summarizePatterns(series: readonly number[], options: PatternOptions): WorkloadPatterns {
  const o = checkInput(OptionsSchema, options, 'pattern options');
  if (!Array.isArray(series) || series.length < 2) throw invalid('series', [{ path: ['series'], message: 'must be an array of at least 2 numbers' }]);
  if (o.timestamps && o.timestamps.length !== series.length) throw invalid('pattern options', [{ path: ['timestamps'], message: 'must have one time per sample' }]);
  if (!o.timestamps && o.stepMinutes === undefined) throw invalid('pattern options', [{ path: ['stepMinutes'], message: 'give timestamps or stepMinutes' }]);
  const stepMinutes = o.stepMinutes ?? medianStepMinutes(o.timestamps!);
  const times = o.timestamps ?? (o.start !== undefined ? series.map((_, i) => o.start! + i * stepMinutes * 60_000) : undefined);

  const points: Array<[number, number]> = [];
  series.forEach((v, i) => {
    if (Number.isFinite(v)) points.push([i, v]);
  });
  const n = points.length;
  const meanX = points.reduce((a, p) => a + p[0], 0) / n;
  const mean = points.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - mean);
    sxx += (x - meanX) * (x - meanX);
  }
  const slopePerStep = sxx > 0 ? sxy / sxx : 0;
  const changePercent = mean !== 0 ? ((slopePerStep * (series.length - 1)) / Math.abs(mean)) * 100 : 0;
  const direction = Math.abs(changePercent) < 5 ? 'flat' : changePercent > 0 ? 'rising' : 'falling';

  const seasons = detectSeasonality(series);
  const fundamental = seasons.periods[0];

  const hourlyProfile: number[] = [];
  let peakHours: number[] = [];
  let quietHours: number[] = [];
  if (times) {
    const sums = new Array<number>(24).fill(0);
    const counts = new Array<number>(24).fill(0);
    series.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const hour = new Date(times[i]!).getUTCHours();
      sums[hour]! += v;
      counts[hour]! += 1;
    });
    for (let h = 0; h < 24; h++) hourlyProfile.push(counts[h] ? sums[h]! / counts[h]! : NaN);
    const seen = hourlyProfile.map((v, h) => [h, v] as const).filter(([, v]) => !Number.isNaN(v));
    const lo = Math.min(...seen.map(([, v]) => v));
    const hi = Math.max(...seen.map(([, v]) => v));
    if (hi > lo) {
      peakHours = seen.filter(([, v]) => v >= lo + 0.75 * (hi - lo)).sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([h]) => h);
      quietHours = seen.filter(([, v]) => v <= lo + 0.25 * (hi - lo)).sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([h]) => h);
    }
  }
  return {
    trend: { direction, slopePerDay: slopePerStep * (1440 / stepMinutes), changePercent },
    seasonality: {
      seasonLength: seasons.seasonLength,
      periodMinutes: seasons.seasonLength !== undefined ? seasons.seasonLength * stepMinutes : undefined,
      strength: fundamental ? Math.max(0, fundamental.strength) : 0,
      periodsMinutes: seasons.periods.map((p) => p.period * stepMinutes),
    },
    hourlyProfile,
    peakHours,
    quietHours,
    mean,
    max: Math.max(...points.map((p) => p[1])),
  };
}

function medianStepMinutes(timestamps: readonly number[]): number {
  const gaps = timestamps
    .slice(1)
    .map((t, i) => t - timestamps[i]!)
    .sort((a, b) => a - b);
  const mid = gaps[gaps.length >> 1];
  if (!mid || mid <= 0) throw invalid('pattern options', [{ path: ['timestamps'], message: 'must increase' }]);
  return mid / 60_000;
}
