import type { MetricsPointWire } from '@novacron/vm';
import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError } from '../http/http-error';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { ALERT_SEVERITIES, ALERT_STATUSES } from '../world/alert-service';
import { metricsPoint } from '../world/metrics-generator';
import { scopeOf } from '../world/tenant-scope';
import type { World } from '../world/world';

const HOUR_SECONDS = 3_600;
const SERIES_POINTS = 6;

const AnalysisSchema = z.object({
  average: z.number(),
  peak: z.number(),
  trend: z.enum(['rising', 'falling', 'stable']),
  series: z.array(z.number()).describe('fleet average at each of timeLabels'),
});

/** Upstream's camelCase summary (there hard-coded), computed here from the tenant's running VMs. */
const MonitoringSummarySchema = z.object({
  currentCpuUsage: z.number(),
  currentMemoryUsage: z.number(),
  currentDiskUsage: z.number(),
  currentNetworkUsage: z.number().describe('MB/s in and out, fleet average'),
  cpuChangePercentage: z.number().describe('against one hour earlier'),
  memoryChangePercentage: z.number(),
  diskChangePercentage: z.number(),
  networkChangePercentage: z.number(),
  timeLabels: z.array(z.string()),
  cpuAnalysis: AnalysisSchema,
  memoryAnalysis: AnalysisSchema,
});

const VmMonitoringSchema = z.object({
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

const AlertSchema = z.object({
  id: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  title: z.string(),
  description: z.string(),
  source: z.string().describe('vm or node'),
  resource_id: z.string(),
  vm_id: z.string().nullable(),
  node_id: z.string().nullable(),
  metric: z.string().describe('cpu, memory, disk, vm_failed or node_down'),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  tenant_id: z.string(),
  started_at: z.string(),
  updated_at: z.string(),
  resolved_at: z.string().nullable(),
  acknowledged: z.boolean(),
  acknowledged_by: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
});

const VmListQuerySchema = z.object({ ...paginationQuery });
const AlertListQuerySchema = z.object({
  severity: z.enum(ALERT_SEVERITIES).optional(),
  status: z.enum(ALERT_STATUSES).optional(),
  vm_id: z.string().optional(),
  acknowledged: z.enum(['true', 'false']).optional(),
  ...paginationQuery,
});

export const monitoringRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'GET',
    path: '/monitoring/metrics',
    mount: 'api',
    access: 'viewer',
    operationId: 'monitoringSummary',
    summary: "Fleet metrics of the tenant's running VMs now, their change over the last hour and a six-hour series",
    tag: 'monitoring',
    responses: { 200: { description: 'summary (camelCase, as upstream)', schema: MonitoringSummarySchema } },
    handle: ({ world, principal }) => ({ status: 200, body: summary(world, principal.tenantId) }),
  }),
  defineRoute<undefined, z.infer<typeof VmListQuerySchema>>({
    method: 'GET',
    path: '/monitoring/vms',
    mount: 'api',
    access: 'viewer',
    operationId: 'monitoringVms',
    summary: "Current metrics of each of the tenant's VMs",
    tag: 'monitoring',
    query: VmListQuerySchema,
    responses: { 200: { description: 'a page of VM metrics (camelCase, as upstream)', schema: VmMonitoringSchema, paginated: true } },
    handle: ({ world, principal, query }) => {
      const nowSeconds = world.nowMs() / 1000;
      const rows = world.vms.list(principal.tenantId, {}).map((vm) => {
        const point = metricsPoint(world.seed, vm.id, nowSeconds, vm.state === 'running');
        return {
          vmId: vm.id,
          name: vm.name,
          cpuUsage: point.cpu_usage,
          memoryUsage: point.memory_usage,
          diskUsage: point.disk_usage,
          networkRx: point.network_rx_bytes,
          networkTx: point.network_tx_bytes,
          iops: point.iops,
          status: vm.state,
        };
      });
      return paginatedReply(rows, query);
    },
  }),
  defineRoute<undefined, z.infer<typeof AlertListQuerySchema>>({
    method: 'GET',
    path: '/monitoring/alerts',
    mount: 'api',
    access: 'viewer',
    operationId: 'listAlerts',
    summary: 'Alerts from metric thresholds, failed VMs and offline nodes, oldest first (evaluated at the simulated clock first)',
    tag: 'monitoring',
    query: AlertListQuerySchema,
    responses: { 200: { description: 'a page of alerts', schema: AlertSchema, paginated: true } },
    handle: ({ world, principal, query }) => {
      world.alerts.evaluate();
      const acknowledged = query.acknowledged === undefined ? undefined : query.acknowledged === 'true';
      return paginatedReply(world.alerts.list(scopeOf(principal), { severity: query.severity, status: query.status, vmId: query.vm_id, acknowledged }), query);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/monitoring/alerts/{id}/acknowledge',
    mount: 'api',
    access: 'operator',
    operationId: 'acknowledgeAlert',
    summary: 'Mark an alert as acknowledged (deferred upstream); it keeps firing until its condition ends',
    tag: 'monitoring',
    responses: { 200: { description: 'the alert', schema: AlertSchema }, 404: { description: 'no such alert in your tenant', schema: ErrorWireSchema } },
    handle: ({ world, principal, params }) => {
      if (!params.id) throw new HttpError(400, 'validation_error', 'id is required');
      return { status: 200, body: world.alerts.acknowledge(scopeOf(principal), params.id, principal.username) };
    },
  }),
];

function summary(world: World, tenantId: string): z.infer<typeof MonitoringSummarySchema> {
  const running = world.vms.list(tenantId, { state: 'running' });
  const nowSeconds = Math.floor(world.nowMs() / 1000);
  const at = (seconds: number) => fleetAverage(running.map((vm) => metricsPoint(world.seed, vm.id, seconds)));
  const series = Array.from({ length: SERIES_POINTS }, (_, i) => nowSeconds - (SERIES_POINTS - 1 - i) * HOUR_SECONDS);
  const points = series.map(at);
  const now = points[points.length - 1]!;
  const hourAgo = points[points.length - 2]!;
  return {
    currentCpuUsage: now.cpu,
    currentMemoryUsage: now.memory,
    currentDiskUsage: now.disk,
    currentNetworkUsage: now.network,
    cpuChangePercentage: change(now.cpu, hourAgo.cpu),
    memoryChangePercentage: change(now.memory, hourAgo.memory),
    diskChangePercentage: change(now.disk, hourAgo.disk),
    networkChangePercentage: change(now.network, hourAgo.network),
    timeLabels: series.map((s) => new Date(s * 1000).toISOString()),
    cpuAnalysis: analysis(points.map((p) => p.cpu)),
    memoryAnalysis: analysis(points.map((p) => p.memory)),
  };
}

function fleetAverage(samples: MetricsPointWire[]): { cpu: number; memory: number; disk: number; network: number } {
  if (samples.length === 0) return { cpu: 0, memory: 0, disk: 0, network: 0 };
  const mean = (pick: (s: MetricsPointWire) => number) => round2(samples.reduce((sum, s) => sum + pick(s), 0) / samples.length);
  return {
    cpu: mean((s) => s.cpu_usage),
    memory: mean((s) => s.memory_usage),
    disk: mean((s) => s.disk_usage),
    network: mean((s) => (s.network_rx_bytes + s.network_tx_bytes) / 1_000_000),
  };
}

function change(now: number, before: number): number {
  return before === 0 ? 0 : round2(((now - before) / before) * 100);
}

function analysis(series: number[]): z.infer<typeof AnalysisSchema> {
  const first = series[0] ?? 0;
  const last = series[series.length - 1] ?? 0;
  const delta = last - first;
  return {
    average: round2(series.reduce((a, b) => a + b, 0) / Math.max(1, series.length)),
    peak: Math.max(0, ...series),
    trend: Math.abs(delta) < 2 ? 'stable' : delta > 0 ? 'rising' : 'falling',
    series,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
