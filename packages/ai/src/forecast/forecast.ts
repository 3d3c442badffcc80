import { laggedNaiveForecast } from './baseline-forecasts';
import type { FittedEts } from './ets-fit';
import { forecastFromTrace } from './ets-model';
import { parseFitOptions, parseForecastOptions, parseHorizon, type FitOptions, type ForecastOptions } from './forecast-options';
import { candidateSpecs, minimumSeasonalLength, selectModel } from './model-selection';
import { predictionIntervals, type IntervalBand } from './prediction-intervals';
import { detectPeriods } from './seasonality-detection';
import { prepareSeries, type PreparedSeries, type SeriesInput } from './series-preparation';

export interface ForecastResult {
  /** Point forecasts for steps 1..horizon after the last input position. */
  mean: number[];
  /** Prediction intervals keyed by level in percent (80, 95, …). */
  intervals: Record<number, IntervalBand>;
  /** The model used, e.g. `ETS(A,Ad,A)[24]`, `seasonal-naive[24]`, `naive`. */
  model: string;
  /** Season lengths the model uses ([] when none). */
  periods: number[];
}

export interface ForecastModel {
  readonly model: string;
  readonly periods: readonly number[];
  /** AICc of the selected ETS model; undefined for the naive fallbacks. */
  readonly aicc: number | undefined;
  /** In-sample one-step-ahead fitted values, aligned with the cleaned series (leading/trailing gaps cut). */
  readonly fitted: readonly number[];
  forecast(horizon: number, levels?: number[]): ForecastResult;
}

/**
 * Fit once, forecast many times: cleans the series, finds its seasons (the `seasonLength` hint
 * first), fits the ETS candidates and keeps the lowest AICc; very short series fall back to
 * seasonal naive (with a hint) or naive.
 */
export function fitForecastModel(series: SeriesInput, options: FitOptions = {}): ForecastModel {
  const { seasonLength } = parseFitOptions(options);
  const prepared = prepareSeries(series);
  const y = prepared.values;
  // Told the series is seasonal but given too little of it for Holt–Winters: repeat the last cycle.
  if (seasonLength !== undefined && y.length > seasonLength && y.length < minimumSeasonalLength(seasonLength)) {
    return laggedModel(prepared, seasonLength);
  }
  const periods = seasonPeriods(y, seasonLength);
  const fit = selectModel(y, candidateSpecs(y.length, periods, prepared.strictlyPositive));
  return fit ? etsModel(fit, prepared) : laggedModel(prepared, 1);
}

/** Fit and forecast in one call. */
export function forecast(series: SeriesInput, options: ForecastOptions): ForecastResult {
  const parsed = parseForecastOptions(options);
  return fitForecastModel(series, { seasonLength: parsed.seasonLength }).forecast(parsed.horizon, parsed.levels);
}

function seasonPeriods(y: Float64Array, hint: number | undefined): number[] {
  const detected = detectPeriods(y).periods.map((p) => p.period);
  if (hint === undefined) return detected;
  const longer = detected.filter((p) => p > hint && p % hint === 0);
  return [hint, ...longer.slice(-1)];
}

function etsModel(fit: FittedEts, prepared: PreparedSeries): ForecastModel {
  const y = prepared.values;
  return {
    model: fit.name,
    periods: [...fit.spec.periods],
    aicc: fit.aicc,
    fitted: Array.from(fit.trace.fitted),
    forecast(horizon, levels) {
      const parsed = parseHorizon(horizon, levels);
      const offset = prepared.trailingGap;
      const mean: number[] = [];
      for (let i = 0; i < parsed.horizon; i++) mean.push(forecastFromTrace(fit.trace, fit.spec, fit.params, y.length, i + offset + 1));
      const intervals = predictionIntervals(fit, y, mean, offset, parsed.levels);
      return finish(prepared, { mean, intervals, model: fit.name, periods: [...fit.spec.periods] });
    },
  };
}

function laggedModel(prepared: PreparedSeries, lag: number): ForecastModel {
  const y = prepared.values;
  const name = lag > 1 ? `seasonal-naive[${lag}]` : 'naive';
  const periods = lag > 1 ? [lag] : [];
  const fitted = Array.from(y, (v, t) => (t >= lag ? y[t - lag]! : v));
  return {
    model: name,
    periods,
    aicc: undefined,
    fitted,
    forecast(horizon, levels) {
      const parsed = parseHorizon(horizon, levels);
      const result = laggedNaiveForecast(y, lag, parsed.horizon, prepared.trailingGap, parsed.levels);
      return finish(prepared, { ...result, model: name, periods: [...periods] });
    },
  };
}

/** Series that never went below zero get forecasts and bounds that do not either. */
function finish(prepared: PreparedSeries, result: ForecastResult): ForecastResult {
  if (!prepared.nonNegative) return result;
  const clip = (values: number[]): number[] => values.map((v) => Math.max(0, v));
  const intervals: Record<number, IntervalBand> = {};
  for (const [level, band] of Object.entries(result.intervals)) intervals[Number(level)] = { lower: clip(band.lower), upper: clip(band.upper) };
  return { ...result, mean: clip(result.mean), intervals };
}
