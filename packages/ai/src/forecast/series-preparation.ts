import { invalid } from '../internal/validate';

/** A series ready for fitting: gaps filled, leading and trailing gaps cut off and counted. */
export interface PreparedSeries {
  values: Float64Array;
  /** Positions after the last finite input value: the forecast must step over them. */
  trailingGap: number;
  /** How many inner gaps were filled by linear interpolation. */
  filled: number;
  nonNegative: boolean;
  strictlyPositive: boolean;
}

export type SeriesInput = ReadonlyArray<number | null | undefined>;

/**
 * NaN, ±Infinity, null and undefined are gaps. Inner gaps are interpolated linearly; leading gaps
 * are dropped (models learn phase from the data, not from absolute time); trailing gaps are kept
 * as a count so the horizon still starts right after the input's last position.
 */
export function prepareSeries(series: unknown, what = 'series'): PreparedSeries {
  if (!Array.isArray(series) && !ArrayBuffer.isView(series)) {
    throw invalid(what, [{ path: [what], message: 'expected an array of numbers' }]);
  }
  const input = series as ArrayLike<unknown>;
  let first = -1;
  let last = -1;
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (first < 0) first = i;
      last = i;
    } else if (v !== null && v !== undefined && typeof v !== 'number') {
      throw invalid(what, [{ path: [what, i], message: `expected a number or null, got ${typeof v}` }]);
    }
  }
  if (first < 0) {
    const message = input.length === 0 ? 'is empty' : 'has no finite value';
    throw invalid(what, [{ path: [what], message }]);
  }
  const values = new Float64Array(last - first + 1);
  let filled = 0;
  let previous = first;
  for (let i = first; i <= last; i++) {
    const v = input[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      const gap = i - previous - 1;
      if (gap > 0) {
        const from = input[previous] as number;
        for (let j = 1; j <= gap; j++) values[previous - first + j] = from + ((v - from) * j) / (gap + 1);
        filled += gap;
      }
      values[i - first] = v;
      previous = i;
    }
  }
  let nonNegative = true;
  let strictlyPositive = true;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0) nonNegative = false;
    if (!(values[i]! > 0)) strictlyPositive = false;
  }
  return { values, trailingGap: input.length - 1 - last, filled, nonNegative, strictlyPositive };
}
