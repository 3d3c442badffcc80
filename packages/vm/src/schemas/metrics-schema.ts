import * as z from 'zod/mini';

const sample = {
  /** Percent, 0..100. */
  cpu_usage: z.number().check(z.minimum(0), z.maximum(100)),
  /** Percent, 0..100. */
  memory_usage: z.number().check(z.minimum(0), z.maximum(100)),
  /** Percent, 0..100. */
  disk_usage: z.number().check(z.minimum(0), z.maximum(100)),
  network_rx_bytes: z.number().check(z.nonnegative()),
  network_tx_bytes: z.number().check(z.nonnegative()),
  iops: z.number().check(z.nonnegative()),
};

/**
 * Current metrics. Upstream's canonical server answers only `{id, cpu_usage, memory_usage}`, so
 * everything else is optional here and `null` in the SDK's type rather than guessed.
 */
export const VmMetricsWireSchema = z
  .looseObject({
    vm_id: z.optional(z.string()),
    id: z.optional(z.string()),
    timestamp: z.optional(z.string()),
    cpu_usage: sample.cpu_usage,
    memory_usage: sample.memory_usage,
    disk_usage: z.optional(sample.disk_usage),
    network_rx_bytes: z.optional(sample.network_rx_bytes),
    network_tx_bytes: z.optional(sample.network_tx_bytes),
    iops: z.optional(sample.iops),
  })
  .check(z.refine((m) => m.vm_id !== undefined || m.id !== undefined, 'vm_id (or upstream id) is required'));
export type VmMetricsWire = z.infer<typeof VmMetricsWireSchema>;

export const MetricsPointWireSchema = z.looseObject({ timestamp: z.string(), ...sample });
export type MetricsPointWire = z.infer<typeof MetricsPointWireSchema>;

export const VmMetricsHistoryWireSchema = z.looseObject({
  vm_id: z.string(),
  step_seconds: z.int().check(z.positive()),
  points: z.array(MetricsPointWireSchema),
});
export type VmMetricsHistoryWire = z.infer<typeof VmMetricsHistoryWireSchema>;

export interface MetricsPoint {
  timestamp: string;
  cpuUsage: number;
  memoryUsage: number;
  diskUsage: number;
  networkRxBytes: number;
  networkTxBytes: number;
  iops: number;
}

export interface VmMetrics {
  vmId: string;
  /** When the sample was taken; null from a server that does not say. */
  timestamp: string | null;
  cpuUsage: number;
  memoryUsage: number;
  diskUsage: number | null;
  networkRxBytes: number | null;
  networkTxBytes: number | null;
  iops: number | null;
}

export interface VmMetricsHistory {
  vmId: string;
  stepSeconds: number;
  points: MetricsPoint[];
}

export function metricsPointFromWire(wire: MetricsPointWire): MetricsPoint {
  return {
    timestamp: wire.timestamp,
    cpuUsage: wire.cpu_usage,
    memoryUsage: wire.memory_usage,
    diskUsage: wire.disk_usage,
    networkRxBytes: wire.network_rx_bytes,
    networkTxBytes: wire.network_tx_bytes,
    iops: wire.iops,
  };
}

export function metricsPointToWire(point: MetricsPoint): MetricsPointWire {
  return {
    timestamp: point.timestamp,
    cpu_usage: point.cpuUsage,
    memory_usage: point.memoryUsage,
    disk_usage: point.diskUsage,
    network_rx_bytes: point.networkRxBytes,
    network_tx_bytes: point.networkTxBytes,
    iops: point.iops,
  };
}

export function vmMetricsFromWire(wire: VmMetricsWire): VmMetrics {
  return {
    vmId: (wire.vm_id ?? wire.id)!,
    timestamp: wire.timestamp ?? null,
    cpuUsage: wire.cpu_usage,
    memoryUsage: wire.memory_usage,
    diskUsage: wire.disk_usage ?? null,
    networkRxBytes: wire.network_rx_bytes ?? null,
    networkTxBytes: wire.network_tx_bytes ?? null,
    iops: wire.iops ?? null,
  };
}

export function vmMetricsToWire(metrics: VmMetrics): VmMetricsWire {
  return {
    vm_id: metrics.vmId,
    cpu_usage: metrics.cpuUsage,
    memory_usage: metrics.memoryUsage,
    ...(metrics.timestamp !== null && { timestamp: metrics.timestamp }),
    ...(metrics.diskUsage !== null && { disk_usage: metrics.diskUsage }),
    ...(metrics.networkRxBytes !== null && { network_rx_bytes: metrics.networkRxBytes }),
    ...(metrics.networkTxBytes !== null && { network_tx_bytes: metrics.networkTxBytes }),
    ...(metrics.iops !== null && { iops: metrics.iops }),
  };
}

export function vmMetricsHistoryFromWire(wire: VmMetricsHistoryWire): VmMetricsHistory {
  return { vmId: wire.vm_id, stepSeconds: wire.step_seconds, points: wire.points.map(metricsPointFromWire) };
}

export function vmMetricsHistoryToWire(history: VmMetricsHistory): VmMetricsHistoryWire {
  return { vm_id: history.vmId, step_seconds: history.stepSeconds, points: history.points.map(metricsPointToWire) };
}

/** Query of `GET /vms/{id}/metrics/history`: ISO 8601 or epoch milliseconds; step in seconds. */
export const MetricsHistoryQueryWireSchema = z.object({
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  step: z.optional(z.string().check(z.regex(/^\d+$/, 'step must be a whole number of seconds'))),
});
