import {
  AnomalyWireSchema,
  CostRecommendationWireSchema,
  NoFeasibleNodeError,
  PlacementRecommendationWireSchema,
  PlacementRequestWireSchema,
  ScalingRecommendationWireSchema,
  anomalyToWire,
  candidatesFromFleet,
  costRecommendationToWire,
  createAnomalyDetector,
  optimizeCosts,
  placeVm,
  placementInputFromWire,
  placementResultToWire,
  projectBudget,
  recommendVmScaling,
  scanAnomalies,
  scalingToWire,
  usageFromFleet,
  type CostRecommendation,
  type DetectedAnomaly,
  type VmUsage,
} from '@novacron/ai';
import { ValidationError } from '@novacron/core';
import * as z from 'zod';
import type { Principal } from '../auth/auth-service';
import { HttpError } from '../http/http-error';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { anomalyInjections, type AnomalyInjection } from '../world/ai-anomaly-injections';
import { aiHistory, fleetVm, SIMULATOR_PRICES, tenantVms } from '../world/ai-fleet';
import type { World } from '../world/world';

/** Seven days of 15-minute points: enough for a daily season and a week's trend. */
const HISTORY_POINTS = 672;
const HISTORY_STEP_SECONDS = 900;

const ScalingQuerySchema = z.object({
  forecast_hours: z.coerce.number().positive().max(744).optional(),
  percentile: z.coerce.number().gt(50).lt(100).optional(),
  lead_minutes: z.coerce.number().min(0).optional(),
});

const AnomalyQuerySchema = z.object({
  time_window: z.coerce.number().int().positive().max(86_400).optional(),
  vm_id: z.string().optional(),
});

/** History before the window that teaches the detector what normal looks like. */
const ANOMALY_WARMUP_SECONDS = 6 * 3600;
const ANOMALY_STEP_SECONDS = 60;

const CostQuerySchema = z.object({
  tenant_id: z.string().optional(),
  percentile: z.coerce.number().gt(50).lt(100).optional(),
  monthly_budget: z.coerce.number().positive().optional(),
});

const InjectionBodySchema = z.object({
  vm_id: z.string().min(1),
  kind: z.enum(['spike', 'level_shift', 'drift']),
  metric: z.enum(['cpu', 'memory', 'both']).optional(),
  magnitude: z.number().min(-100).max(100).optional(),
  /** ISO 8601; default the world's now. */
  start: z.string().optional(),
  duration_seconds: z.number().positive().optional(),
});
const InjectionSchema = z.object({
  id: z.string(),
  vm_id: z.string(),
  kind: z.string(),
  metric: z.string(),
  magnitude: z.number(),
  start: z.string(),
  duration_seconds: z.number().nullable(),
});

// The engines' wire schemas are zod/mini; the route table types bodies and responses as classic
// zod. Both parse with the same functional core (and toJSONSchema reads either), so the cast is safe.
const asRouteSchema = <T>(schema: unknown) => schema as z.ZodType<T>;

function placementError(error: unknown): never {
  if (error instanceof NoFeasibleNodeError) {
    // The contract's error details are {path, message}: the node is the path, the filter leads the message.
    throw new HttpError(409, 'no_feasible_node', error.message, {}, error.rejected.map((r) => ({ path: r.nodeId, message: `${r.filter}: ${r.reason}` })));
  }
  if (error instanceof ValidationError) throw new HttpError(400, 'validation_error', error.message);
  throw error;
}

function recordTenant(principal: Principal): string {
  return principal.tenantId || 'default';
}

/** Sends one event per threshold crossed (actual or forecast) per tenant and month, as AWS Budgets notifies once. */
const budgetAlertsSent = new WeakMap<World, Set<string>>();

function raiseBudgetAlerts(world: World, tenantId: string, monthlyBudget: number, fleet: VmUsage[], recommendations: CostRecommendation[]): void {
  const now = new Date(world.nowMs());
  const day = now.getUTCDate();
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const dailyCost = fleet.reduce((sum, vm) => sum + hourly(vm) * 24, 0);
  const status = projectBudget({ budget: monthlyBudget, dailySpend: new Array<number>(day).fill(dailyCost), daysInPeriod: daysInMonth });
  let sent = budgetAlertsSent.get(world);
  if (!sent) budgetAlertsSent.set(world, (sent = new Set()));
  for (const alert of status.alerts) {
    const key = `${tenantId}:${now.getUTCFullYear()}-${now.getUTCMonth()}:${alert.threshold}:${alert.kind}`;
    if (sent.has(key)) continue;
    sent.add(key);
    world.publish({
      type: 'cost.budget_alert',
      resourceType: 'budget',
      resourceId: tenantId,
      resourceVersion: world.nextVersion(),
      tenantId,
      data: {
        threshold: alert.threshold,
        kind: alert.kind,
        severity: alert.severity,
        message: alert.message,
        budget: status.budget,
        spent_to_date: status.spentToDate,
        projected: status.projected,
        potential_savings: recommendations.reduce((sum, r) => sum + Math.max(0, r.monthlySavings), 0),
      },
    });
  }
}

/** Publishes each anomaly once per world: `anomaly.detected`, and `performance.degraded` for a high or critical rise. */
const anomaliesSent = new WeakMap<World, Set<string>>();

function raiseAnomalyEvents(world: World, tenantId: string, found: DetectedAnomaly[]): void {
  let sent = anomaliesSent.get(world);
  if (!sent) anomaliesSent.set(world, (sent = new Set()));
  for (const anomaly of found) {
    if (sent.has(anomaly.id)) continue;
    sent.add(anomaly.id);
    const vm = world.vms.all().find((r) => r.vm.id === anomaly.vmId)?.vm;
    const base = { resourceType: 'vm', resourceId: anomaly.vmId, tenantId, cloudProvider: vm?.cloud_provider, region: vm?.region };
    world.publish({ ...base, type: 'anomaly.detected', resourceVersion: world.nextVersion(), data: { anomaly: anomalyToWire(anomaly) } });
    if (anomaly.type !== 'usage_drop' && (anomaly.severity === 'high' || anomaly.severity === 'critical')) {
      world.publish({
        ...base,
        type: 'performance.degraded',
        resourceVersion: world.nextVersion(),
        data: { vm_id: anomaly.vmId, reason: anomaly.description, metrics: { cpu_usage: anomaly.metrics.cpuUsage, memory_usage: anomaly.metrics.memoryUsage } },
      });
    }
  }
}

function hourly(vm: VmUsage): number {
  const rate = SIMULATOR_PRICES.rates!.find((r) => r.provider === vm.provider);
  return rate ? vm.cpu * rate.vcpuHour + (vm.memoryMb / 1024) * rate.memoryGibHour : 0;
}

export const aiRoutes: RouteDefinition[] = [
  defineRoute<z.infer<typeof PlacementRequestWireSchema>>({
    method: 'POST',
    path: '/ai/placement',
    mount: 'api',
    access: 'viewer',
    operationId: 'aiPlacement',
    summary: "Where to place a VM: filters then weighted scorers over the fleet; the old client's {vm_specs, constraints, cloud_provider, region} works as sent",
    tag: 'ai',
    body: asRouteSchema(PlacementRequestWireSchema),
    responses: {
      200: { description: 'the chosen node, confidence, alternatives with pros and cons, scores and rejections', schema: asRouteSchema(PlacementRecommendationWireSchema) },
      409: { description: 'no node passes the filters; details has one {path: node id, message: "filter: reason"} per node' },
    },
    handle: ({ world, body, principal }) => {
      const { request, options } = placementInputFromWire(body);
      const vms = tenantVms(world, recordTenant(principal)).map(fleetVm);
      try {
        const result = placeVm(request, candidatesFromFleet(world.nodes.list(), vms), { ...options, prices: SIMULATOR_PRICES });
        return { status: 200, body: placementResultToWire(result) };
      } catch (error) {
        return placementError(error);
      }
    },
  }),
  defineRoute<undefined, z.infer<typeof ScalingQuerySchema>>({
    method: 'GET',
    path: '/ai/scaling/{vmId}',
    mount: 'api',
    access: 'viewer',
    operationId: 'aiScaling',
    summary: "When and how far to scale a VM: its CPU and memory forecast at a percentile, a lead time ahead of the peak (the old client's recommended_cpu/recommended_memory included)",
    tag: 'ai',
    query: ScalingQuerySchema,
    responses: { 200: { description: 'the scaling recommendation', schema: asRouteSchema(ScalingRecommendationWireSchema) } },
    handle: ({ world, params, query, principal }) => {
      const { vm } = world.vms.get(recordTenant(principal), params.vmId!);
      const history = aiHistory(world, vm, HISTORY_POINTS, HISTORY_STEP_SECONDS);
      const points = history.points;
      const recommendation = recommendVmScaling(
        {
          vmId: vm.id,
          cpu: vm.cpu_shares,
          memoryMb: vm.memory_mb,
          cpuUsage: points.map((p) => p.cpu_usage),
          memoryUsage: points.map((p) => p.memory_usage),
          stepMinutes: HISTORY_STEP_SECONDS / 60,
          lastTimestamp: Date.parse(points[points.length - 1]!.timestamp),
        },
        {
          forecastHours: query.forecast_hours ?? 24,
          ...(query.percentile !== undefined && { percentile: query.percentile }),
          ...(query.lead_minutes !== undefined && { leadMinutes: query.lead_minutes }),
        },
      );
      return { status: 200, body: scalingToWire(recommendation) };
    },
  }),
  defineRoute<undefined, z.infer<typeof AnomalyQuerySchema>>({
    method: 'GET',
    path: '/ai/anomalies',
    mount: 'api',
    access: 'viewer',
    operationId: 'aiAnomalies',
    summary: "Anomaly episodes in the last time_window seconds (default 3600) of one VM's or every running VM's metrics (a bare array, as the old client reads it); raises anomaly.detected and performance.degraded",
    tag: 'ai',
    query: AnomalyQuerySchema,
    responses: { 200: { description: 'anomalies, oldest first', schema: asRouteSchema(AnomalyWireSchema), array: true } },
    handle: ({ world, query, principal }) => {
      const tenantId = recordTenant(principal);
      const vms = query.vm_id !== undefined ? [world.vms.get(tenantId, query.vm_id).vm] : tenantVms(world, tenantId).filter((vm) => vm.state === 'running');
      const window = query.time_window ?? 3600;
      const points = Math.floor((window + ANOMALY_WARMUP_SECONDS) / ANOMALY_STEP_SECONDS) + 1;
      const found: DetectedAnomaly[] = [];
      for (const vm of vms) {
        const history = aiHistory(world, vm, points, ANOMALY_STEP_SECONDS);
        const timestamps = history.points.map((p) => Date.parse(p.timestamp));
        const windowStart = timestamps[timestamps.length - 1]! - window * 1000;
        found.push(
          ...scanAnomalies(
            { vmId: vm.id, timestamps, cpu: history.points.map((p) => p.cpu_usage), memory: history.points.map((p) => p.memory_usage) },
            windowStart,
            () => createAnomalyDetector(),
          ),
        );
      }
      raiseAnomalyEvents(world, tenantId, found);
      return { status: 200, body: found.map(anomalyToWire) };
    },
  }),
  defineRoute<undefined, z.infer<typeof CostQuerySchema>>({
    method: 'GET',
    path: '/ai/cost-optimization',
    mount: 'api',
    access: 'viewer',
    operationId: 'aiCostOptimization',
    summary: "Cost recommendations for the caller's tenant (a bare array, as the old client reads it); with monthly_budget, raises cost.budget_alert events",
    tag: 'ai',
    query: CostQuerySchema,
    responses: { 200: { description: 'recommendations, largest monthly saving first', schema: asRouteSchema(CostRecommendationWireSchema), array: true } },
    handle: ({ world, query, principal }) => {
      // As upstream, the tenant comes from the token; tenant_id is accepted and ignored.
      const tenantId = recordTenant(principal);
      const nodes = new Map(world.nodes.list().map((n) => [n.id, n]));
      const fleet = tenantVms(world, tenantId).map((vm) =>
        usageFromFleet(fleetVm(vm), vm.node_id ? nodes.get(vm.node_id) : undefined, aiHistory(world, vm, HISTORY_POINTS, HISTORY_STEP_SECONDS)),
      );
      const report = optimizeCosts(fleet, { prices: SIMULATOR_PRICES, ...(query.percentile !== undefined && { percentile: query.percentile }) });
      if (query.monthly_budget !== undefined) raiseBudgetAlerts(world, tenantId, query.monthly_budget, fleet, report.recommendations);
      return { status: 200, body: report.recommendations.map(costRecommendationToWire) };
    },
  }),
  defineRoute<z.infer<typeof InjectionBodySchema>>({
    method: 'POST',
    path: '/ai/anomaly-injections',
    mount: 'api',
    access: 'admin',
    operationId: 'aiInjectAnomaly',
    summary: "Simulator control: lay a spike, level shift or drift over a VM's metrics as the AI routes see them",
    tag: 'ai',
    body: InjectionBodySchema,
    responses: { 201: { description: 'the injection', schema: InjectionSchema } },
    handle: ({ world, body, principal }) => {
      world.vms.get(recordTenant(principal), body.vm_id);
      const start = body.start === undefined ? world.nowMs() : Date.parse(body.start);
      if (Number.isNaN(start)) throw new HttpError(400, 'validation_error', 'start: must be an ISO 8601 time');
      const injection: AnomalyInjection = {
        id: world.newId('inj'),
        vmId: body.vm_id,
        kind: body.kind,
        metric: body.metric ?? 'cpu',
        magnitude: body.magnitude ?? 40,
        start,
        durationSeconds: body.duration_seconds,
      };
      anomalyInjections(world).push(injection);
      return { status: 201, body: injectionToWire(injection) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/ai/anomaly-injections',
    mount: 'api',
    access: 'admin',
    operationId: 'aiClearAnomalyInjections',
    summary: 'Simulator control: remove every anomaly injection',
    tag: 'ai',
    responses: { 200: { description: 'how many were removed', schema: z.object({ removed: z.number() }) } },
    handle: ({ world }) => {
      const list = anomalyInjections(world);
      const removed = list.length;
      list.length = 0;
      return { status: 200, body: { removed } };
    },
  }),
];

function injectionToWire(i: AnomalyInjection) {
  return {
    id: i.id,
    vm_id: i.vmId,
    kind: i.kind,
    metric: i.metric,
    magnitude: i.magnitude,
    start: new Date(i.start).toISOString(),
    duration_seconds: i.durationSeconds ?? null,
  };
}
