import * as z from 'zod/mini';
import type { CostRecommendation, CostRecommendationType, RiskLevel } from '../cost/cost-types';

/**
 * `GET /api/v1/ai/cost-optimization?tenant_id=&percentile=&monthly_budget=` answers a bare array
 * of recommendations, as the old client reads it (`recommendations.length`, `risk_level`,
 * `monthly_savings`, `recommended_specs`, `target_provider`, `schedule_config`; upstream-api §7.6).
 */
const SpecWire = z.looseObject({
  cpu_shares: z.number(),
  memory_mb: z.number(),
  instance_type: z.optional(z.nullable(z.string())),
  provider: z.optional(z.nullable(z.string())),
  region: z.optional(z.nullable(z.string())),
});

export const CostRecommendationWireSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  risk_level: z.string(),
  monthly_savings: z.number(),
  vm_id: z.optional(z.nullable(z.string())),
  vm_ids: z.optional(z.array(z.string())),
  risk_reason: z.optional(z.string()),
  current_monthly_cost: z.optional(z.number()),
  projected_monthly_cost: z.optional(z.number()),
  implementation_cost: z.optional(z.number()),
  roi: z.optional(z.nullable(z.number())),
  payback_months: z.optional(z.nullable(z.number())),
  currency: z.optional(z.string()),
  current_specs: z.optional(SpecWire),
  recommended_specs: z.optional(z.nullable(SpecWire)),
  target_provider: z.optional(z.nullable(z.string())),
  target_region: z.optional(z.nullable(z.string())),
  target_cluster: z.optional(z.nullable(z.string())),
  percentile: z.optional(z.nullable(z.number())),
  headroom: z.optional(z.nullable(z.number())),
  demand: z.optional(z.nullable(z.looseObject({ cpu: z.number(), memory_mb: z.number(), model: z.string() }))),
  schedule_type: z.optional(z.nullable(z.string())),
  schedule_config: z.optional(
    z.nullable(z.looseObject({ stop_at: z.number(), start_at: z.number(), idle_hours_per_day: z.number(), weekends: z.boolean(), timezone: z.string() })),
  ),
});
export type CostRecommendationWire = z.infer<typeof CostRecommendationWireSchema>;
export const CostRecommendationListWireSchema = z.array(CostRecommendationWireSchema);

// JSON has no Infinity: an effort-free saving has an unbounded ROI, sent as null.
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function costRecommendationToWire(r: CostRecommendation): CostRecommendationWire {
  const spec = (s: NonNullable<CostRecommendation['recommended']>) => ({
    cpu_shares: s.cpu,
    memory_mb: s.memoryMb,
    instance_type: s.instanceType ?? null,
    provider: s.provider ?? null,
    region: s.region ?? null,
  });
  return {
    type: r.type,
    title: r.title,
    risk_level: r.risk,
    risk_reason: r.riskReason,
    monthly_savings: r.monthlySavings,
    vm_id: r.vmId,
    vm_ids: r.vmIds,
    current_monthly_cost: r.currentMonthlyCost,
    projected_monthly_cost: r.projectedMonthlyCost,
    implementation_cost: r.implementationCost,
    roi: finiteOrNull(r.roi),
    payback_months: finiteOrNull(r.paybackMonths),
    currency: r.currency,
    current_specs: spec(r.current),
    recommended_specs: r.recommended ? spec(r.recommended) : null,
    target_provider: r.type === 'cross_cloud_migration' ? (r.recommended?.provider ?? null) : null,
    target_region: r.type === 'cross_cloud_migration' ? (r.recommended?.region ?? null) : null,
    target_cluster: null,
    percentile: r.percentile ?? null,
    headroom: r.headroom ?? null,
    demand: r.demand ? { cpu: r.demand.cpu, memory_mb: r.demand.memoryMb, model: r.demand.model } : null,
    schedule_type: r.schedule ? 'shutdown' : null,
    schedule_config: r.schedule
      ? { stop_at: r.schedule.stopAt, start_at: r.schedule.startAt, idle_hours_per_day: r.schedule.idleHoursPerDay, weekends: r.schedule.weekends, timezone: r.schedule.timezone }
      : null,
  };
}

/** A type or risk level from a newer server is passed through as it came, not dropped. */
export function costRecommendationFromWire(w: CostRecommendationWire): CostRecommendation {
  const spec = (s: z.infer<typeof SpecWire>) => ({
    cpu: s.cpu_shares,
    memoryMb: s.memory_mb,
    ...(s.instance_type && { instanceType: s.instance_type }),
    ...(s.provider && { provider: s.provider }),
    ...(s.region && { region: s.region }),
  });
  const vmId = w.vm_id ?? w.vm_ids?.[0] ?? '';
  return {
    type: w.type as CostRecommendationType,
    vmId,
    vmIds: w.vm_ids ?? (vmId ? [vmId] : []),
    title: w.title,
    monthlySavings: w.monthly_savings,
    currentMonthlyCost: w.current_monthly_cost ?? 0,
    projectedMonthlyCost: w.projected_monthly_cost ?? 0,
    implementationCost: w.implementation_cost ?? 0,
    roi: w.roi ?? Infinity,
    paybackMonths: w.payback_months ?? Infinity,
    risk: w.risk_level as RiskLevel,
    riskReason: w.risk_reason ?? '',
    currency: w.currency ?? 'USD',
    current: w.current_specs ? spec(w.current_specs) : { cpu: 0, memoryMb: 0 },
    ...(w.recommended_specs && { recommended: spec(w.recommended_specs) }),
    ...(w.percentile != null && { percentile: w.percentile }),
    ...(w.headroom != null && { headroom: w.headroom }),
    ...(w.demand && { demand: { cpu: w.demand.cpu, memoryMb: w.demand.memory_mb, model: w.demand.model } }),
    ...(w.schedule_config && {
      schedule: {
        stopAt: w.schedule_config.stop_at,
        startAt: w.schedule_config.start_at,
        idleHoursPerDay: w.schedule_config.idle_hours_per_day,
        weekends: w.schedule_config.weekends,
        timezone: 'UTC' as const,
      },
    }),
  };
}
