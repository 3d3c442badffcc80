import * as z from 'zod/mini';

/**
 * `/monitoring/*` wire shapes. Upstream's canonical monitoring payloads are camelCase (unlike the
 * rest of the API), so the summary and per-VM rows keep their wire names; alerts are this
 * contract's own (upstream serves `[]`) and snake_case like every other resource.
 */
const MetricAnalysisWireSchema = z.looseObject({
  average: z.optional(z.number()),
  peak: z.optional(z.number()),
  trend: z.optional(z.string()),
  series: z.optional(z.array(z.number())),
});

export const MonitoringSummaryWireSchema = z.looseObject({
  currentCpuUsage: z.number(),
  currentMemoryUsage: z.number(),
  currentDiskUsage: z.number(),
  currentNetworkUsage: z.number(),
  cpuChangePercentage: z.number(),
  memoryChangePercentage: z.number(),
  diskChangePercentage: z.number(),
  networkChangePercentage: z.number(),
  timeLabels: z.array(z.string()),
  // Upstream hard-codes these and documents no shape: anything is accepted, objects are read.
  cpuAnalysis: z.optional(z.unknown()),
  memoryAnalysis: z.optional(z.unknown()),
});
export type MonitoringSummaryWire = z.infer<typeof MonitoringSummaryWireSchema>;

export interface MetricAnalysis {
  average: number | null;
  peak: number | null;
  /** `rising`, `falling` or `stable`. */
  trend: string | null;
  /** One value per `timeLabels` entry. */
  series: number[];
}

export interface MonitoringSummary {
  currentCpuUsage: number;
  currentMemoryUsage: number;
  currentDiskUsage: number;
  currentNetworkUsage: number;
  cpuChangePercentage: number;
  memoryChangePercentage: number;
  diskChangePercentage: number;
  networkChangePercentage: number;
  timeLabels: string[];
  /** Null when the server sends no analysis object (upstream's is free-form). */
  cpuAnalysis: MetricAnalysis | null;
  memoryAnalysis: MetricAnalysis | null;
}

function analysisFromWire(value: unknown): MetricAnalysis | null {
  const parsed = z.safeParse(MetricAnalysisWireSchema, value);
  if (!parsed.success) return null;
  return { average: parsed.data.average ?? null, peak: parsed.data.peak ?? null, trend: parsed.data.trend ?? null, series: [...(parsed.data.series ?? [])] };
}

export function monitoringSummaryFromWire(wire: MonitoringSummaryWire): MonitoringSummary {
  return {
    currentCpuUsage: wire.currentCpuUsage,
    currentMemoryUsage: wire.currentMemoryUsage,
    currentDiskUsage: wire.currentDiskUsage,
    currentNetworkUsage: wire.currentNetworkUsage,
    cpuChangePercentage: wire.cpuChangePercentage,
    memoryChangePercentage: wire.memoryChangePercentage,
    diskChangePercentage: wire.diskChangePercentage,
    networkChangePercentage: wire.networkChangePercentage,
    timeLabels: [...wire.timeLabels],
    cpuAnalysis: analysisFromWire(wire.cpuAnalysis),
    memoryAnalysis: analysisFromWire(wire.memoryAnalysis),
  };
}

export const VmMonitoringWireSchema = z.looseObject({
  vmId: z.string(),
  name: z.string(),
  cpuUsage: z.number(),
  memoryUsage: z.number(),
  diskUsage: z.number(),
  networkRx: z.number(),
  networkTx: z.number(),
  iops: z.number(),
  status: z.string(),
});
export type VmMonitoringWire = z.infer<typeof VmMonitoringWireSchema>;

/** One VM's current numbers as the monitoring view lists them. */
export interface VmMonitoring {
  vmId: string;
  name: string;
  cpuUsage: number;
  memoryUsage: number;
  diskUsage: number;
  networkRx: number;
  networkTx: number;
  iops: number;
  status: string;
}

export function vmMonitoringFromWire(wire: VmMonitoringWire): VmMonitoring {
  return {
    vmId: wire.vmId,
    name: wire.name,
    cpuUsage: wire.cpuUsage,
    memoryUsage: wire.memoryUsage,
    diskUsage: wire.diskUsage,
    networkRx: wire.networkRx,
    networkTx: wire.networkTx,
    iops: wire.iops,
    status: wire.status,
  };
}

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const AlertWireSchema = z.looseObject({
  id: z.string(),
  severity: z.string(),
  status: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  source: z.optional(z.string()),
  resource_id: z.optional(z.string()),
  vm_id: z.optional(z.nullable(z.string())),
  node_id: z.optional(z.nullable(z.string())),
  metric: z.optional(z.string()),
  value: z.optional(z.nullable(z.number())),
  threshold: z.optional(z.nullable(z.number())),
  labels: z.optional(z.record(z.string(), z.string())),
  tenant_id: z.optional(z.string()),
  started_at: z.string(),
  updated_at: z.optional(z.string()),
  resolved_at: z.optional(z.nullable(z.string())),
  acknowledged: z.optional(z.boolean()),
  acknowledged_by: z.optional(z.nullable(z.string())),
  acknowledged_at: z.optional(z.nullable(z.string())),
});
export type AlertWire = z.infer<typeof AlertWireSchema>;

export interface Alert {
  id: string;
  /** `warning` or `critical` from this contract; other servers may send other words. */
  severity: string;
  /** `firing` or `resolved`. */
  status: string;
  title: string;
  description: string;
  /** `vm` or `node`. */
  source: string | null;
  resourceId: string | null;
  vmId: string | null;
  nodeId: string | null;
  /** `cpu`, `memory`, `disk`, `vm_failed`, `node_down`. */
  metric: string | null;
  value: number | null;
  threshold: number | null;
  labels: Record<string, string>;
  tenantId: string | null;
  startedAt: string;
  updatedAt: string | null;
  resolvedAt: string | null;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export function alertFromWire(wire: AlertWire): Alert {
  return {
    id: wire.id,
    severity: wire.severity,
    status: wire.status,
    title: wire.title,
    description: wire.description ?? '',
    source: wire.source ?? null,
    resourceId: wire.resource_id ?? null,
    vmId: wire.vm_id ?? null,
    nodeId: wire.node_id ?? null,
    metric: wire.metric ?? null,
    value: wire.value ?? null,
    threshold: wire.threshold ?? null,
    labels: { ...wire.labels },
    tenantId: wire.tenant_id ?? null,
    startedAt: wire.started_at,
    updatedAt: wire.updated_at ?? null,
    resolvedAt: wire.resolved_at ?? null,
    acknowledged: wire.acknowledged ?? false,
    acknowledgedBy: wire.acknowledged_by ?? null,
    acknowledgedAt: wire.acknowledged_at ?? null,
  };
}
