import { ValidationError } from '@novacron/core';
import { projectBudget } from '../src/index';

describe('projectBudget', () => {
  it('projects by run rate with under a week of data and alerts per threshold', () => {
    const status = projectBudget({ budget: 1000, dailySpend: [40, 40, 40, 40, 40], daysInPeriod: 30 });
    expect(status.method).toBe('run-rate');
    expect(status.spentToDate).toBe(200);
    expect(status.projected).toBe(1200);
    expect(status.percentProjected).toBeCloseTo(120, 10);
    // day 25 is the first whose running total reaches 1000
    expect(status.exhaustedOnDay).toBe(25);
    expect(status.alerts.map((a) => [a.threshold, a.kind, a.severity])).toEqual([
      [50, 'forecasted', 'info'],
      [80, 'forecasted', 'warning'],
      [100, 'forecasted', 'critical'],
    ]);
  });

  it('reports crossed thresholds as actual and stays quiet under budget', () => {
    const over = projectBudget({ budget: 100, dailySpend: [30, 30], daysInPeriod: 4, thresholds: [50, 100] });
    expect(over.alerts.map((a) => `${a.threshold}:${a.kind}`)).toEqual(['50:actual', '100:forecasted']);
    const calm = projectBudget({ budget: 1000, dailySpend: [10, 10, 10], daysInPeriod: 30 });
    expect(calm.alerts).toEqual([]);
    expect(calm.exhaustedOnDay).toBeUndefined();
  });

  it('forecasts the rest of the period from a week or more of history, with a cautious upper projection', () => {
    // weekdays 100, weekends 20, three weeks of history then ten days of this month
    const day = (i: number) => (i % 7 >= 5 ? 20 : 100);
    const history = Array.from({ length: 21 }, (_, i) => day(i));
    const dailySpend = Array.from({ length: 10 }, (_, i) => day(21 + i));
    const status = projectBudget({ budget: 3000, dailySpend, history, daysInPeriod: 30 });
    expect(status.method).toBe('forecast');
    const truth = Array.from({ length: 30 }, (_, i) => day(21 + i)).reduce((a, b) => a + b, 0);
    expect(Math.abs(status.projected - truth) / truth).toBeLessThan(0.05);
    expect(status.projectedUpper).toBeGreaterThanOrEqual(status.projected);
  });

  it('rejects impossible input before projecting', () => {
    expect(() => projectBudget({ budget: 100, dailySpend: [1, 2, 3], daysInPeriod: 2 })).toThrow(ValidationError);
    expect(() => projectBudget({ budget: 0, dailySpend: [], daysInPeriod: 30 })).toThrow(/budget/);
    expect(() => projectBudget({ budget: 10, dailySpend: [-1], daysInPeriod: 30 })).toThrow(/dailySpend\.0/);
  });
});
