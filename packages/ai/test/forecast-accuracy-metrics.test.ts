import { ValidationError } from '@novacron/core';
import { mape, mase, smape } from '../src/index';

describe('accuracy metrics (M4 definitions)', () => {
  it('sMAPE is the mean of 200·|y − ŷ| / (|y| + |ŷ|), with 0/0 steps counted as 0', () => {
    // steps: 200·10/210, 200·0/100, 0 (both zero), 200·5/5 = 200
    const expected = ((200 * 10) / 210 + 0 + 0 + 200) / 4;
    expect(smape([100, 50, 0, 5], [110, 50, 0, 0])).toBeCloseTo(expected, 12);
    expect(smape([1, 2, 3], [1, 2, 3])).toBe(0);
  });

  it('MASE scales by the in-sample seasonal-naive mean absolute error', () => {
    const insample = [1, 2, 3, 4, 2, 3, 4, 5]; // lag-4 differences: 1,1,1,1 → scale 1
    expect(mase([6, 6], [5, 8], insample, 4)).toBeCloseTo((1 + 2) / 2, 12);
    // lag-1 differences: 1,1,1,2,1,1,1 → scale 8/7
    expect(mase([6, 6], [5, 8], insample)).toBeCloseTo(1.5 / (8 / 7), 12);
    // the seasonal naive forecast itself scores around 1 in-sample
    expect(mase([2, 3], [2, 3], insample, 4)).toBe(0);
  });

  it('MASE is infinite when the in-sample series never changes but the forecast errs', () => {
    expect(mase([2], [3], [5, 5, 5])).toBe(Number.POSITIVE_INFINITY);
    expect(mase([5], [5], [5, 5, 5])).toBe(0);
  });

  it('MAPE skips zero actuals', () => {
    expect(mape([100, 0, 50], [90, 3, 55])).toBeCloseTo((10 + 10) / 2, 12);
  });

  it('rejects mismatched, empty or non-finite input and a short in-sample series', () => {
    expect(() => smape([1, 2], [1])).toThrow(ValidationError);
    expect(() => smape([], [])).toThrow(ValidationError);
    expect(() => smape([1, Number.NaN], [1, 2])).toThrow(ValidationError);
    expect(() => mase([1], [1], [1, 2], 2)).toThrow(ValidationError);
    expect(() => mase([1], [1], [1, 2, 3], 0)).toThrow(ValidationError);
  });
});
