import * as z from 'zod/mini';
import type { VmScalingRecommendation } from '../scaling/vm-scaling';

const numbers = z.array(z.number());

/**
 * `GET /api/v1/ai/scaling/{vmId}?forecast_hours=&percentile=&lead_minutes=`. `recommended_cpu` and
 * `recommended_memory` are what the old client reads (upstream-api §7.6); the rest says when and why.
 */
export const ScalingRecommendationWireSchema = z.looseObject({
  vm_id: z.string(),
  recommended_cpu: z.number(),
  recommended_memory: z.number(),
  forecast_hours: z.optional(z.number()),
  percentile: z.optional(z.number()),
  level: z.optional(z.number()),
  model: z.optional(z.string()),
  lead_minutes: z.optional(z.number()),
  current_cpu: z.optional(z.number()),
  current_memory: z.optional(z.number()),
  peak_at: z.optional(z.string()),
  scale_at: z.optional(z.string()),
  actions: z.optional(
    z.array(
      z.looseObject({
        at: z.string(),
        resource: z.enum(['cpu', 'memory']),
        kind: z.enum(['scale_up', 'scale_down']),
        from: z.number(),
        to: z.number(),
        late: z.optional(z.boolean()),
        reason: z.optional(z.string()),
      }),
    ),
  ),
  forecast: z.optional(
    z.looseObject({ timestamps: z.array(z.string()), cpu_mean: numbers, cpu_upper: numbers, memory_mean: numbers, memory_upper: numbers }),
  ),
});
export type ScalingRecommendationWire = z.infer<typeof ScalingRecommendationWireSchema>;

export function scalingToWire(r: VmScalingRecommendation): ScalingRecommendationWire {
  return {
    vm_id: r.vmId,
    recommended_cpu: r.recommendedCpu,
    recommended_memory: r.recommendedMemoryMb,
    forecast_hours: r.forecastHours,
    percentile: r.percentile,
    level: r.level,
    model: r.model,
    lead_minutes: r.leadMinutes,
    current_cpu: r.currentCpu,
    current_memory: r.currentMemoryMb,
    peak_at: r.peakAt,
    scale_at: r.scaleAt,
    actions: r.actions.map((a) => ({ at: a.at, resource: a.resource, kind: a.kind, from: a.from, to: a.to, late: a.late, reason: a.reason })),
    forecast: {
      timestamps: r.forecast.timestamps,
      cpu_mean: r.forecast.cpuMean,
      cpu_upper: r.forecast.cpuUpper,
      memory_mean: r.forecast.memoryMean,
      memory_upper: r.forecast.memoryUpper,
    },
  };
}

/** Fields an older server leaves out are filled neutrally (no actions, empty forecast), never guessed. */
export function scalingFromWire(w: ScalingRecommendationWire): VmScalingRecommendation {
  return {
    vmId: w.vm_id,
    forecastHours: w.forecast_hours ?? 0,
    percentile: w.percentile ?? 0,
    level: w.level ?? 0,
    model: w.model ?? 'unknown',
    leadMinutes: w.lead_minutes ?? 0,
    currentCpu: w.current_cpu ?? 0,
    currentMemoryMb: w.current_memory ?? 0,
    recommendedCpu: w.recommended_cpu,
    recommendedMemoryMb: w.recommended_memory,
    peakAt: w.peak_at ?? '',
    scaleAt: w.scale_at ?? '',
    actions: (w.actions ?? []).map((a) => ({ at: a.at, resource: a.resource, kind: a.kind, from: a.from, to: a.to, late: a.late ?? false, reason: a.reason ?? '' })),
    forecast: {
      timestamps: w.forecast?.timestamps ?? [],
      cpuMean: w.forecast?.cpu_mean ?? [],
      cpuUpper: w.forecast?.cpu_upper ?? [],
      memoryMean: w.forecast?.memory_mean ?? [],
      memoryUpper: w.forecast?.memory_upper ?? [],
    },
  };
}
