import * as z from 'zod/mini';
import { checkInput } from '../internal/validate';

const positiveInt = (min: number) => z.int().check(z.minimum(min, `must be an integer of ${min} or more`));

const AnomalyDetectorOptionsSchema = z.object({
  metric: z.optional(z.string()),
  seasonLength: z.optional(positiveInt(2)),
  detectSeason: z.optional(z.boolean()),
  seasonDetectionWindow: z.optional(positiveInt(16)),
  warmup: z.optional(positiveInt(3)),
  threshold: z.optional(z.number().check(z.gt(0, 'must be more than 0'))),
  sensitivity: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lte(1, 'must be at most 1'))),
  criticalRatio: z.optional(z.number().check(z.gt(1, 'must be more than 1'))),
  levelShiftConfirmation: z.optional(positiveInt(1)),
  levelWeight: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lt(1, 'must be less than 1'))),
  seasonWeight: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lt(1, 'must be less than 1'))),
  residualWindow: z.optional(positiveInt(16)),
});

export interface AnomalyDetectorOptions {
  /** Name of the metric, echoed in every result. */
  metric?: string;
  /** Points per season (24 for hourly data with a daily cycle). Detected from history when absent. */
  seasonLength?: number;
  /** Look for a season in the first `seasonDetectionWindow` points when none is given (default true). */
  detectSeason?: boolean;
  /** History kept for season detection (default 1008: 3.5 days of 5-minute or 6 weeks of hourly points). */
  seasonDetectionWindow?: number;
  /** Points learnt before any is scored (default 2 seasons when seasonLength is given, else 30). */
  warmup?: number;
  /** Robust σ beyond which a point is anomalous (default 4.5). Overrides sensitivity. */
  threshold?: number;
  /** 0 < sensitivity ≤ 1 maps to threshold 7.5 − 6·sensitivity (default 0.5 → 4.5). */
  sensitivity?: number;
  /** A point is critical at criticalRatio × threshold σ (default 1.5). */
  criticalRatio?: number;
  /** Consecutive out-of-band points on one side that confirm a level shift and rebase (default 6). */
  levelShiftConfirmation?: number;
  /** How fast the level follows the data (default 0.05). */
  levelWeight?: number;
  /** How fast the seasonal offsets follow the data, per cycle (default 0.1). */
  seasonWeight?: number;
  /** Residuals kept for the robust σ (default 512). */
  residualWindow?: number;
}

export interface ResolvedDetectorOptions {
  metric: string | undefined;
  seasonLength: number | undefined;
  detectSeason: boolean;
  seasonDetectionWindow: number;
  warmup: number;
  threshold: number;
  criticalRatio: number;
  levelShiftConfirmation: number;
  levelWeight: number;
  seasonWeight: number;
  residualWindow: number;
}

export function resolveDetectorOptions(options: unknown): ResolvedDetectorOptions {
  const o = checkInput(AnomalyDetectorOptionsSchema, options ?? {}, 'anomaly detector options');
  const seasonLength = o.seasonLength;
  return {
    metric: o.metric,
    seasonLength,
    detectSeason: o.detectSeason ?? true,
    seasonDetectionWindow: Math.max(o.seasonDetectionWindow ?? 1008, 2 * (seasonLength ?? 0)),
    warmup: o.warmup ?? (seasonLength !== undefined ? 2 * seasonLength : 30),
    threshold: o.threshold ?? 7.5 - 6 * (o.sensitivity ?? 0.5),
    criticalRatio: o.criticalRatio ?? 1.5,
    levelShiftConfirmation: o.levelShiftConfirmation ?? 6,
    levelWeight: o.levelWeight ?? 0.05,
    seasonWeight: o.seasonWeight ?? 0.1,
    residualWindow: o.residualWindow ?? 512,
  };
}
