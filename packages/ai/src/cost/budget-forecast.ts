import * as z from 'zod/mini';
import { forecast } from '../forecast/forecast';
import { checkInput, invalid } from '../internal/validate';
import { intervalLevelFor } from './demand-percentile';
import { roundMoney } from './vm-pricing';

export interface BudgetInput {
  /** The period's budget. */
  budget: number;
  /** Spend per day of the current period so far, day 1 first. */
  dailySpend: readonly number[];
  /** Days in the period (e.g. 30 or 31 for a month). */
  daysInPeriod: number;
  /** Earlier days' spend (previous periods), oldest first: more history makes a better forecast. */
  history?: readonly number[];
  /** Percent of the budget at which an alert fires, as AWS Budgets does. Default [50, 80, 100]. */
  thresholds?: number[];
  /** The forecast percentile for the cautious projection. Default 95. */
  percentile?: number;
}

export interface BudgetAlert {
  threshold: number;
  /** `actual`: spend so far has crossed it; `forecasted`: the projection will. */
  kind: 'actual' | 'forecasted';
  severity: 'info' | 'warning' | 'critical';
  message: string;
}

export interface BudgetStatus {
  budget: number;
  spentToDate: number;
  /** Spent so far plus the forecast mean of the remaining days. */
  projected: number;
  /** Spent so far plus the forecast's p-th percentile bound of each remaining day (cautious). */
  projectedUpper: number;
  percentile: number;
  percentUsed: number;
  percentProjected: number;
  /** The first day (1-based) on which the projection reaches the budget, if it does within the period. */
  exhaustedOnDay: number | undefined;
  /** `forecast` with a week or more of daily data, else `run-rate` (mean day so far × days left). */
  method: 'forecast' | 'run-rate';
  alerts: BudgetAlert[];
}

const BudgetInputSchema = z.object({
  budget: z.number().check(z.positive('must be more than 0')),
  dailySpend: z.array(z.number().check(z.nonnegative('must be 0 or more'))),
  daysInPeriod: z.int().check(z.positive('must be 1 or more'), z.lte(366, 'must be at most 366')),
  history: z.optional(z.array(z.number().check(z.nonnegative('must be 0 or more')))),
  thresholds: z.optional(z.array(z.number().check(z.positive('must be more than 0')))),
  percentile: z.optional(z.number().check(z.gt(50, 'must be more than 50'), z.lt(100, 'must be less than 100'))),
});

/** Projects a period's spend from its daily spend so far and raises an alert per threshold crossed (actual) or about to be (forecasted). */
export function projectBudget(input: BudgetInput): BudgetStatus {
  const p = checkInput(BudgetInputSchema, input, 'budget input');
  if (p.dailySpend.length > p.daysInPeriod) throw invalid('budget input', [{ path: ['dailySpend'], message: `has ${p.dailySpend.length} days, more than daysInPeriod (${p.daysInPeriod})` }]);
  const percentile = p.percentile ?? 95;
  const spent = p.dailySpend.reduce((a, b) => a + b, 0);
  const remaining = p.daysInPeriod - p.dailySpend.length;
  const series = [...(p.history ?? []), ...p.dailySpend];
  let ahead: number[] = [];
  let aheadUpper: number[] = [];
  let method: BudgetStatus['method'] = 'run-rate';
  if (remaining > 0 && series.length >= 7) {
    const level = intervalLevelFor(percentile);
    const result = forecast(series, { horizon: remaining, levels: [level], ...(series.length >= 21 && { seasonLength: 7 }) });
    ahead = result.mean.map((v) => Math.max(0, v));
    aheadUpper = (result.intervals[level]?.upper ?? result.mean).map((v) => Math.max(0, v));
    method = 'forecast';
  } else if (remaining > 0) {
    const rate = p.dailySpend.length ? spent / p.dailySpend.length : series.length ? series.reduce((a, b) => a + b, 0) / series.length : 0;
    ahead = new Array<number>(remaining).fill(rate);
    aheadUpper = ahead;
  }
  const projected = spent + ahead.reduce((a, b) => a + b, 0);
  const projectedUpper = spent + aheadUpper.reduce((a, b) => a + b, 0);
  let exhaustedOnDay: number | undefined;
  let running = 0;
  const days = [...p.dailySpend, ...ahead];
  for (let d = 0; d < days.length; d++) {
    running += days[d]!;
    if (running >= p.budget) {
      exhaustedOnDay = d + 1;
      break;
    }
  }
  const alerts: BudgetAlert[] = [];
  for (const threshold of [...(p.thresholds ?? [50, 80, 100])].sort((a, b) => a - b)) {
    const limit = (threshold / 100) * p.budget;
    const severity = threshold >= 100 ? 'critical' : threshold >= 80 ? 'warning' : 'info';
    if (spent >= limit) alerts.push({ threshold, kind: 'actual', severity, message: `spent ${roundMoney(spent)} of ${p.budget}: ${threshold} % reached` });
    else if (projected >= limit)
      alerts.push({ threshold, kind: 'forecasted', severity, message: `projected ${roundMoney(projected)} of ${p.budget}: ${threshold} % will be reached` });
  }
  return {
    budget: p.budget,
    spentToDate: roundMoney(spent),
    projected: roundMoney(projected),
    projectedUpper: roundMoney(projectedUpper),
    percentile,
    percentUsed: (spent / p.budget) * 100,
    percentProjected: (projected / p.budget) * 100,
    exhaustedOnDay,
    method,
    alerts,
  };
}

