import * as z from 'zod/mini';
import type { DetectedAnomaly } from '../remediation/anomaly-episodes';

/**
 * `GET /api/v1/ai/anomalies?time_window=<seconds>&vm_id=` answers a bare array, as the old client
 * reads it (`anomalies.length`, then `{type, vm_id, severity, description, metrics}` each).
 */
export const AnomalyWireSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  vm_id: z.string(),
  severity: z.string(),
  description: z.string(),
  metrics: z.looseObject({ cpu_usage: z.number(), memory_usage: z.number() }),
  kind: z.optional(z.string()),
  metric: z.optional(z.string()),
  started_at: z.optional(z.string()),
  ended_at: z.optional(z.string()),
  value: z.optional(z.number()),
  expected: z.optional(z.number()),
  lower: z.optional(z.number()),
  upper: z.optional(z.number()),
  score: z.optional(z.number()),
  points: z.optional(z.number()),
});
export type AnomalyWire = z.infer<typeof AnomalyWireSchema>;
export const AnomalyListWireSchema = z.array(AnomalyWireSchema);

export function anomalyToWire(a: DetectedAnomaly): AnomalyWire {
  return {
    id: a.id,
    type: a.type,
    vm_id: a.vmId,
    severity: a.severity,
    description: a.description,
    metrics: { cpu_usage: a.metrics.cpuUsage, memory_usage: a.metrics.memoryUsage },
    kind: a.kind,
    metric: a.metric,
    started_at: a.startedAt,
    ended_at: a.endedAt,
    value: a.value,
    expected: a.expected,
    lower: a.lower,
    upper: a.upper,
    score: a.score,
    points: a.points,
  };
}

/** Fields an older server omits stay neutral: the old `type` stands in for the kind, times are empty. */
export function anomalyFromWire(w: AnomalyWire): DetectedAnomaly {
  const metric = w.metric === 'memory' ? 'memory' : 'cpu';
  return {
    id: w.id,
    vmId: w.vm_id,
    metric,
    kind: (w.kind ?? `${metric}_high`) as DetectedAnomaly['kind'],
    type: w.type as DetectedAnomaly['type'],
    severity: w.severity as DetectedAnomaly['severity'],
    startedAt: w.started_at ?? '',
    endedAt: w.ended_at ?? w.started_at ?? '',
    value: w.value ?? NaN,
    expected: w.expected ?? NaN,
    lower: w.lower ?? NaN,
    upper: w.upper ?? NaN,
    score: w.score ?? NaN,
    points: w.points ?? 1,
    description: w.description,
    metrics: { cpuUsage: w.metrics.cpu_usage, memoryUsage: w.metrics.memory_usage },
  };
}
