import type { NovaCron } from '@novacron/example-shared';
import type { Vm } from '@novacron/sdk';
import { forecast, planScaling, summarizePatterns, type IntervalBand, type ScalingPlan } from '@novacron/sdk/ai';
import { SERVICE } from './service-fleet';

export const HISTORY_DAYS = 14;
export const FORECAST_HOURS = 48;
/** Share of a replica's vCPUs the plan lets demand use at the 95th percentile. */
export const TARGET_UTILIZATION = 0.6;
const HOUR = 3_600_000;

export interface ReplicaPattern {
  vmId: string;
  name: string;
  trend: 'rising' | 'falling' | 'flat';
  trendPercent: number;
  /** The daily (or other) rhythm found, in minutes, and how steady it is (0..1). */
  seasonMinutes: number | undefined;
  seasonStrength: number;
  peakHours: number[];
  quietHours: number[];
  /** Mean CPU % per UTC hour. */
  hourlyProfile: number[];
}

export interface DemandForecast {
  /** Epoch ms of each hourly sample of the service's demand (vCPUs in use, all replicas). */
  historyTimestamps: number[];
  history: number[];
  /** Epoch ms of each forecast hour, FORECAST_HOURS of them. */
  timestamps: number[];
  mean: number[];
  intervals: { 80: IntervalBand; 95: IntervalBand };
  model: string;
}

export interface DemandAnalysis {
  patterns: ReplicaPattern[];
  forecast: DemandForecast;
  plan: ScalingPlan;
}

/**
 * Reads two weeks of hourly metrics per replica, summarises each one's rhythm, forecasts the
 * service's total CPU demand 48 hours ahead with 80 % and 95 % intervals, and plans replicas for
 * the 95th percentile, 30 minutes ahead of need.
 */
export async function analyseDemand({ client }: NovaCron, replicas: Vm[], now: number): Promise<DemandAnalysis> {
  const to = Math.floor(now / HOUR) * HOUR;
  const from = to - HISTORY_DAYS * 24 * HOUR;
  const histories = await Promise.all(replicas.map((vm) => client.vms.metricsHistory(vm.id, { from: new Date(from), to: new Date(to), stepSeconds: 3600 })));

  const patterns = replicas.map((vm, i): ReplicaPattern => {
    const points = histories[i]!.points;
    const p = summarizePatterns(
      points.map((x) => x.cpuUsage),
      { timestamps: points.map((x) => Date.parse(x.timestamp)) },
    );
    return {
      vmId: vm.id,
      name: vm.name,
      trend: p.trend.direction,
      trendPercent: p.trend.changePercent,
      seasonMinutes: p.seasonality.periodMinutes,
      seasonStrength: p.seasonality.strength,
      peakHours: p.peakHours,
      quietHours: p.quietHours,
      hourlyProfile: p.hourlyProfile,
    };
  });

  // The service's demand: vCPUs in use across replicas, hour by hour (hours every replica covers).
  const byTime = new Map<number, number>();
  histories.forEach((h, i) => {
    for (const point of h.points) {
      const t = Date.parse(point.timestamp);
      byTime.set(t, (byTime.get(t) ?? 0) + (point.cpuUsage / 100) * (replicas[i]!.cpuShares ?? SERVICE.cpu));
    }
  });
  const historyTimestamps = [...byTime.keys()].sort((a, b) => a - b);
  const history = historyTimestamps.map((t) => round2(byTime.get(t)!));
  const last = historyTimestamps[historyTimestamps.length - 1] ?? to;

  const result = forecast(history, { horizon: FORECAST_HOURS, levels: [80, 95] });
  const plan = planScaling(history, {
    stepMinutes: 60,
    lastTimestamp: last,
    forecastHours: FORECAST_HOURS,
    percentile: 95,
    leadMinutes: 30,
    current: replicas.length,
    unitCapacity: SERVICE.cpu,
    targetUtilization: TARGET_UTILIZATION,
    min: replicas.length,
  });
  return {
    patterns,
    forecast: {
      historyTimestamps,
      history,
      timestamps: Array.from({ length: FORECAST_HOURS }, (_, i) => last + (i + 1) * HOUR),
      mean: result.mean,
      intervals: { 80: result.intervals[80]!, 95: result.intervals[95]! },
      model: result.model,
    },
    plan,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
