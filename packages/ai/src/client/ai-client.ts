import { APIError, ConfigError, requireId, type CoreClient, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { createAnomalyDetector } from '../anomaly/streaming-detector';
import { optimizeCosts } from '../cost/cost-optimizer';
import type { CostOptimizationOptions, CostRecommendation } from '../cost/cost-types';
import type { PriceTable } from '../cost/price-table';
import { checkInput } from '../internal/validate';
import { placeVm } from '../placement/place-vm';
import { checkPlacementOptions, checkPlacementRequest } from '../placement/placement-input';
import type { PlacementOptions } from '../placement/placement-types';
import { scanAnomalies, type DetectedAnomaly, type DetectorFactory } from '../remediation/anomaly-episodes';
import { recommendVmScaling, type VmScalingRecommendation } from '../scaling/vm-scaling';
import { anomalyFromWire, AnomalyListWireSchema } from '../schemas/anomaly-wire';
import { costRecommendationFromWire, CostRecommendationListWireSchema } from '../schemas/cost-wire';
import { candidatesFromFleet, usageFromFleet, type FleetNodeWire } from '../schemas/fleet-wire';
import {
  placementInputFromWire,
  placementInputToWire,
  placementRecommendationFromWire,
  placementResultToRecommendation,
  PlacementRecommendationWireSchema,
  type PlacementInput,
  type PlacementRecommendation,
} from '../schemas/placement-wire';
import { scalingFromWire, ScalingRecommendationWireSchema } from '../schemas/scaling-wire';
import { httpDataSource, type AiDataSource } from './ai-data-source';

/**
 * `server`: only the server's `/api/v1/ai/*` endpoints. `local`: the same engines in-process on data
 * from `data` (by default read from the server's nodes, VMs and metrics). `auto` (the default): the
 * server, and local when the server has no AI — it answers 501, or a 404 that is not about a
 * resource (a plain-text "404 page not found", or any 404 on a route with no id in its path).
 */
export type AiMode = 'server' | 'local' | 'auto';

export interface AiClientOptions {
  mode?: AiMode;
  data?: AiDataSource;
  /** Prices for local cost optimization and the local placement cost scorer. */
  prices?: PriceTable;
  /** Defaults for local placement: strategy, weights, plugin filters and scorers. */
  placement?: PlacementOptions;
  /** Local cost optimization settings (percentile, headroom, providers, …). */
  cost?: Omit<CostOptimizationOptions, 'prices'>;
  /** The streaming detector local anomaly scans use, one per VM and metric. Default `() => createAnomalyDetector()`. */
  detector?: DetectorFactory;
  /** Epoch ms "now" for local windows. Default Date.now. */
  clock?: () => number;
  /** Metrics history local scaling and cost read: hours back and seconds per point. Defaults 168 and 900. */
  historyHours?: number;
  historyStepSeconds?: number;
}

export interface ScalingParams {
  /** Hours ahead (1..744). Default 24. */
  forecastHours?: number;
  /** Forecast percentile to plan for (50 < p < 100). Default 95. */
  percentile?: number;
  /** Minutes before a peak to scale. Default 15. */
  leadMinutes?: number;
}

export interface AnomalyParams {
  /** Seconds back from now. Default 3600. */
  timeWindow?: number;
  vmId?: string;
}

export interface CostOptimizationParams {
  tenantId?: string;
  percentile?: number;
}

const ScalingParamsSchema = z.object({
  forecastHours: z.optional(z.number().check(z.positive('must be more than 0'), z.lte(744, 'must be at most 744'))),
  percentile: z.optional(z.number().check(z.gt(50, 'must be more than 50'), z.lt(100, 'must be less than 100'))),
  leadMinutes: z.optional(z.number().check(z.gte(0, 'must be 0 or more'))),
});
const AnomalyParamsSchema = z.object({
  timeWindow: z.optional(z.int().check(z.positive('must be a whole number of seconds, more than 0'), z.lte(30 * 86_400, 'must be at most 30 days'))),
  vmId: z.optional(z.string()),
});
const CostParamsSchema = z.object({
  tenantId: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  percentile: z.optional(z.number().check(z.gt(50, 'must be more than 50'), z.lt(100, 'must be less than 100'))),
});

/** How much history before the window teaches a local detector what normal is. */
const WARMUP_SECONDS = 6 * 3600;
const ANOMALY_STEP_SECONDS = 60;

/** Placement, predictive scaling, anomaly detection and cost optimization, from the server or computed locally. */
export class AiClient {
  readonly mode: AiMode;
  /** Where the last answer came from. */
  lastSource: 'server' | 'local' | undefined;
  private readonly data: AiDataSource;
  private readonly clock: () => number;

  constructor(
    private readonly core: CoreClient,
    private readonly options: AiClientOptions = {},
  ) {
    const mode = options.mode ?? 'auto';
    if (mode !== 'server' && mode !== 'local' && mode !== 'auto') throw new ConfigError('mode', "must be 'server', 'local' or 'auto'");
    if (options.placement) checkPlacementOptions(options.placement);
    this.mode = mode;
    this.data = options.data ?? httpDataSource(core);
    this.clock = options.clock ?? Date.now;
  }

  /** Where to put a VM. Bad input is a ValidationError before anything is sent. */
  async placement(input: PlacementInput, options?: RequestOptions): Promise<PlacementRecommendation> {
    const wire = placementInputToWire(input);
    const { request, options: scoring } = placementInputFromWire(wire);
    checkPlacementRequest(request);
    checkPlacementOptions(scoring);
    return this.run(
      false,
      async () =>
        placementRecommendationFromWire(await this.core.request({ method: 'POST', path: '/ai/placement', body: wire, schema: PlacementRecommendationWireSchema }, options), 'server'),
      async () => {
        const [nodes, vms] = await Promise.all([this.data.nodes(options), this.data.vms(options)]);
        const result = placeVm(request, candidatesFromFleet(nodes, vms), { ...this.options.placement, ...scoring, ...(this.options.prices && { prices: this.options.prices }) });
        return placementResultToRecommendation(result, 'local');
      },
    );
  }

  /** When and how far to scale a VM ahead of its forecast peak. */
  async scaling(vmId: string, params: ScalingParams = {}, options?: RequestOptions): Promise<VmScalingRecommendation> {
    const id = requireId(vmId, 'vm id');
    const p = checkInput(ScalingParamsSchema, params, 'scaling parameters');
    return this.run(
      true,
      async () =>
        scalingFromWire(
          await this.core.request(
            {
              method: 'GET',
              path: '/ai/scaling/{vmId}',
              params: { vmId: id },
              query: { forecast_hours: p.forecastHours ?? 24, percentile: p.percentile, lead_minutes: p.leadMinutes },
              schema: ScalingRecommendationWireSchema,
            },
            options,
          ),
        ),
      async () => {
        const vm = await this.data.vm(id, options);
        const step = this.options.historyStepSeconds ?? 900;
        const to = this.clock();
        const history = await this.data.metricsHistory(id, { from: new Date(to - (this.options.historyHours ?? 168) * 3_600_000), to: new Date(to), stepSeconds: step }, options);
        const points = history.points;
        return recommendVmScaling(
          {
            vmId: id,
            cpu: vm.cpu_shares ?? 1,
            memoryMb: vm.memory_mb ?? 1024,
            cpuUsage: points.map((x) => x.cpu_usage),
            memoryUsage: points.map((x) => x.memory_usage),
            stepMinutes: history.step_seconds / 60,
            lastTimestamp: points.length ? Date.parse(points[points.length - 1]!.timestamp) : to,
          },
          { forecastHours: p.forecastHours ?? 24, ...(p.percentile !== undefined && { percentile: p.percentile }), ...(p.leadMinutes !== undefined && { leadMinutes: p.leadMinutes }) },
        );
      },
    );
  }

  /** Anomaly episodes in the last `timeWindow` seconds, for one VM or every VM the caller can see. */
  async anomalies(params: AnomalyParams = {}, options?: RequestOptions): Promise<DetectedAnomaly[]> {
    const p = checkInput(AnomalyParamsSchema, params, 'anomaly parameters');
    const vmId = p.vmId === undefined ? undefined : requireId(p.vmId, 'vm id');
    const timeWindow = p.timeWindow ?? 3600;
    return this.run(
      vmId !== undefined,
      async () =>
        (
          await this.core.request(
            { method: 'GET', path: '/ai/anomalies', query: { time_window: timeWindow, vm_id: vmId }, schema: AnomalyListWireSchema },
            options,
          )
        ).map(anomalyFromWire),
      async () => {
        const detector = this.options.detector ?? (() => createAnomalyDetector());
        const vms = vmId !== undefined ? [await this.data.vm(vmId, options)] : (await this.data.vms(options)).filter((vm) => vm.state === undefined || vm.state === 'running');
        const to = this.clock();
        const windowStart = to - timeWindow * 1000;
        const found: DetectedAnomaly[] = [];
        for (const vm of vms) {
          const history = await this.data.metricsHistory(
            vm.id,
            { from: new Date(windowStart - WARMUP_SECONDS * 1000), to: new Date(to), stepSeconds: ANOMALY_STEP_SECONDS },
            options,
          );
          const timestamps = history.points.map((x) => Date.parse(x.timestamp));
          found.push(
            ...scanAnomalies({ vmId: vm.id, timestamps, cpu: history.points.map((x) => x.cpu_usage), memory: history.points.map((x) => x.memory_usage) }, windowStart, detector),
          );
        }
        return found;
      },
    );
  }

  /** Right-sizing, schedules and cheaper equivalents for a tenant's VMs, largest saving first. */
  async costOptimization(params: CostOptimizationParams = {}, options?: RequestOptions): Promise<CostRecommendation[]> {
    const p = checkInput(CostParamsSchema, params, 'cost optimization parameters');
    return this.run(
      false,
      async () =>
        (
          await this.core.request(
            { method: 'GET', path: '/ai/cost-optimization', query: { tenant_id: p.tenantId, percentile: p.percentile }, schema: CostRecommendationListWireSchema },
            options,
          )
        ).map(costRecommendationFromWire),
      async () => {
        const prices = this.options.prices;
        if (!prices) throw new ConfigError('prices', 'local cost optimization needs a price table');
        const [nodes, vms] = await Promise.all([this.data.nodes(options), this.data.vms(options)]);
        const byId = new Map<string, FleetNodeWire>(nodes.map((n) => [n.id, n]));
        const step = this.options.historyStepSeconds ?? 900;
        const to = this.clock();
        const from = new Date(to - (this.options.historyHours ?? 168) * 3_600_000);
        const usage = [];
        for (const vm of vms.filter((v) => p.tenantId === undefined || v.tenant_id === undefined || v.tenant_id === p.tenantId)) {
          const history = await this.data.metricsHistory(vm.id, { from, to: new Date(to), stepSeconds: step }, options);
          usage.push(usageFromFleet(vm, vm.node_id ? byId.get(vm.node_id) : undefined, history));
        }
        return optimizeCosts(usage, { ...this.options.cost, ...(p.percentile !== undefined && { percentile: p.percentile }), prices }).recommendations;
      },
    );
  }

  private async run<T>(pathHasId: boolean, server: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.mode === 'local') return this.from('local', local);
    if (this.mode === 'server') return this.from('server', server);
    try {
      return await this.from('server', server);
    } catch (error) {
      if (!serverHasNoAi(error, pathHasId)) throw error;
      return this.from('local', local);
    }
  }

  private async from<T>(source: 'server' | 'local', run: () => Promise<T>): Promise<T> {
    const value = await run();
    this.lastSource = source;
    return value;
  }
}

/**
 * A 501, or a 404 that is about the route rather than a resource: on a route without an id any 404
 * means the endpoint is missing; with an id (a VM) only a non-JSON 404 does, so "VM not found" is
 * passed to the caller, not papered over by a local answer about a VM that does not exist.
 */
export function serverHasNoAi(error: unknown, pathHasId: boolean): boolean {
  if (!(error instanceof APIError)) return false;
  if (error.status === 501) return true;
  if (error.status !== 404) return false;
  return !pathHasId || typeof error.body !== 'object' || error.body === null;
}
