import * as z from 'zod/mini';
import { checkInput } from '../internal/validate';

export const DEFAULT_LEVELS: readonly number[] = [80, 95];

const seasonLength = z.optional(z.int().check(z.minimum(2, 'must be an integer of 2 or more')));
const levels = z.optional(
  z.array(z.number().check(z.gt(0, 'must be more than 0'), z.lt(100, 'must be less than 100'))),
);

const FitOptionsSchema = z.object({ seasonLength });
const ForecastOptionsSchema = z.object({
  horizon: z.int().check(z.minimum(1, 'must be an integer of 1 or more'), z.maximum(100_000, 'must be at most 100000')),
  seasonLength,
  levels,
});
const HorizonSchema = z.object({ horizon: ForecastOptionsSchema.shape.horizon, levels });

export interface FitOptions {
  /** A hint: the season length to try (e.g. 24 for hourly data). Detected from the data when absent. */
  seasonLength?: number;
}

export interface ForecastOptions extends FitOptions {
  /** Steps ahead to forecast (1 or more). */
  horizon: number;
  /** Prediction interval levels in percent (default [80, 95]). */
  levels?: number[];
}

export function parseFitOptions(options: unknown): FitOptions {
  return checkInput(FitOptionsSchema, options ?? {}, 'forecast options');
}

export function parseForecastOptions(options: unknown): ForecastOptions {
  return checkInput(ForecastOptionsSchema, options, 'forecast options');
}

export function parseHorizon(horizon: unknown, levels: unknown): { horizon: number; levels: number[] } {
  const parsed = checkInput(HorizonSchema, { horizon, levels }, 'forecast options');
  return { horizon: parsed.horizon, levels: parsed.levels ?? [...DEFAULT_LEVELS] };
}
