import { invalid } from '../internal/validate';

/**
 * Forecast accuracy as the M4 competition scored it (Mcompetitions/M4-methods, `smape_cal` and
 * `mase_cal`): sMAPE in percent, MASE scaled by the in-sample seasonal-naive error.
 */

/** sMAPE = mean of 200·|y − ŷ| / (|y| + |ŷ|), in %; a step where both are 0 counts as 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    sum += denominator === 0 ? 0 : (200 * Math.abs(actual[i]! - forecast[i]!)) / denominator;
  }
  return sum / actual.length;
}

/**
 * MASE = mean |y − ŷ| ÷ mean in-sample |x_t − x_{t−m}| (m = seasonLength, 1 for non-seasonal).
 * Below 1 beats the in-sample seasonal naive; Infinity when the in-sample series never changes.
 */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[], seasonLength = 1): number {
  checkPair(actual, forecast);
  if (!Number.isInteger(seasonLength) || seasonLength < 1) {
    throw invalid('accuracy input', [{ path: ['seasonLength'], message: 'must be an integer of 1 or more' }]);
  }
  if (insample.length <= seasonLength) {
    throw invalid('accuracy input', [{ path: ['insample'], message: `needs more than seasonLength (${seasonLength}) points` }]);
  }
  let scale = 0;
  for (let t = seasonLength; t < insample.length; t++) scale += Math.abs(insample[t]! - insample[t - seasonLength]!);
  scale /= insample.length - seasonLength;
  let error = 0;
  for (let i = 0; i < actual.length; i++) error += Math.abs(actual[i]! - forecast[i]!);
  error /= actual.length;
  return scale === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / scale;
}

/** MAPE = mean 100·|y − ŷ| / |y|, in %. Undefined at y = 0: such steps are skipped. */
export function mape(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += (100 * Math.abs(actual[i]! - forecast[i]!)) / Math.abs(actual[i]!);
    count++;
  }
  return count ? sum / count : Number.NaN;
}

function checkPair(actual: readonly number[], forecast: readonly number[]): void {
  if (!Array.isArray(actual) || !Array.isArray(forecast) || actual.length === 0 || actual.length !== forecast.length) {
    throw invalid('accuracy input', [{ path: ['forecast'], message: 'actual and forecast must be non-empty arrays of equal length' }]);
  }
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i]) || !Number.isFinite(forecast[i])) {
      throw invalid('accuracy input', [{ path: [i], message: 'values must be finite numbers' }]);
    }
  }
}
