import * as z from 'zod/mini';

const QuoteWireSchema = z.object({
  provider: z.string(),
  region: z.nullable(z.string()),
  instance_type: z.nullable(z.string()),
  hourly: z.nullable(z.number()),
  monthly: z.nullable(z.number()),
  reason: z.nullable(z.string()),
});

/** The server's answer to `POST /federation/cost-comparison`. */
export const CostComparisonWireSchema = z.looseObject({
  currency: z.string(),
  hours_per_month: z.number(),
  source: QuoteWireSchema,
  target: QuoteWireSchema,
  monthly_savings: z.nullable(z.number()),
  egress: z.object({ data_gb: z.number(), per_gb: z.nullable(z.number()), cost: z.nullable(z.number()), reason: z.nullable(z.string()) }),
  payback_months: z.nullable(z.number()),
  rule: z.optional(z.string()),
});
export type CostComparisonWire = z.infer<typeof CostComparisonWireSchema>;

export interface CostQuote {
  provider: string;
  region: string | null;
  instanceType: string | null;
  hourly: number | null;
  monthly: number | null;
  reason: string | null;
}

export interface ServerCostComparison {
  currency: string;
  hoursPerMonth: number;
  source: CostQuote;
  target: CostQuote;
  monthlySavings: number | null;
  egress: { dataGb: number; perGb: number | null; cost: number | null; reason: string | null };
  paybackMonths: number | null;
  rule: string | null;
}

const quote = (q: z.infer<typeof QuoteWireSchema>): CostQuote => ({
  provider: q.provider,
  region: q.region,
  instanceType: q.instance_type,
  hourly: q.hourly,
  monthly: q.monthly,
  reason: q.reason,
});

export function costComparisonFromWire(w: CostComparisonWire): ServerCostComparison {
  return {
    currency: w.currency,
    hoursPerMonth: w.hours_per_month,
    source: quote(w.source),
    target: quote(w.target),
    monthlySavings: w.monthly_savings,
    egress: { dataGb: w.egress.data_gb, perGb: w.egress.per_gb, cost: w.egress.cost, reason: w.egress.reason },
    paybackMonths: w.payback_months,
    rule: w.rule ?? null,
  };
}
