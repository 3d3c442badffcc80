import { planScaling, type ScalingPlan } from './predictive-scaling';

export interface VmUsageSeries {
  vmId: string;
  /** vCPUs and MiB the VM has now. */
  cpu: number;
  memoryMb: number;
  /** Percent of `cpu` and `memoryMb` in use, oldest first, evenly spaced. */
  cpuUsage: readonly number[];
  memoryUsage: readonly number[];
  stepMinutes: number;
  /** Epoch ms of the last sample. */
  lastTimestamp: number;
}

export interface VmScalingOptions {
  /** Default 24. */
  forecastHours?: number;
  /** Default 95. */
  percentile?: number;
  /** Default 15. */
  leadMinutes?: number;
  /** Share of the vCPUs the planned CPU demand may use. Default 0.7. */
  cpuTarget?: number;
  /** Share of the memory the planned memory demand may use. Default 0.8. */
  memoryTarget?: number;
}

export interface VmScalingAction {
  /** ISO 8601. */
  at: string;
  resource: 'cpu' | 'memory';
  kind: 'scale_up' | 'scale_down';
  from: number;
  to: number;
  late: boolean;
  reason: string;
}

export interface VmScalingRecommendation {
  vmId: string;
  forecastHours: number;
  percentile: number;
  level: number;
  model: string;
  leadMinutes: number;
  currentCpu: number;
  currentMemoryMb: number;
  /** vCPUs for the busiest forecast step at the percentile. */
  recommendedCpu: number;
  /** MiB (256 MiB steps) for the busiest forecast step at the percentile. */
  recommendedMemoryMb: number;
  /** When CPU demand peaks (ISO 8601), and when to have scaled by (peak − lead). */
  peakAt: string;
  scaleAt: string;
  actions: VmScalingAction[];
  forecast: { timestamps: string[]; cpuMean: number[]; cpuUpper: number[]; memoryMean: number[]; memoryUpper: number[] };
}

/**
 * Vertical scaling for one VM: CPU demand (vCPUs in use = percent × size) and memory demand (MiB in
 * use) are each forecast and planned at the percentile, CPU in whole vCPUs at `cpuTarget`, memory in
 * 256 MiB steps at `memoryTarget`, never below 1 vCPU and 256 MiB.
 */
export function recommendVmScaling(input: VmUsageSeries, options: VmScalingOptions = {}): VmScalingRecommendation {
  const common = {
    stepMinutes: input.stepMinutes,
    lastTimestamp: input.lastTimestamp,
    forecastHours: options.forecastHours ?? 24,
    percentile: options.percentile ?? 95,
    leadMinutes: options.leadMinutes ?? 15,
    ...(seasonFor(input) !== undefined && { seasonLength: seasonFor(input) }),
  };
  const cpu = planScaling(
    input.cpuUsage.map((p) => (p / 100) * input.cpu),
    { ...common, unitCapacity: 1, targetUtilization: options.cpuTarget ?? 0.7, current: input.cpu, min: 1 },
  );
  const memory = planScaling(
    input.memoryUsage.map((p) => (p / 100) * input.memoryMb),
    { ...common, unitCapacity: 1, unitStep: 256, targetUtilization: options.memoryTarget ?? 0.8, current: input.memoryMb, min: 256 },
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const actions = [...toActions(cpu, 'cpu'), ...toActions(memory, 'memory')].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.resource < b.resource ? -1 : 1));
  return {
    vmId: input.vmId,
    forecastHours: common.forecastHours,
    percentile: cpu.percentile,
    level: cpu.level,
    model: cpu.model,
    leadMinutes: common.leadMinutes,
    currentCpu: input.cpu,
    currentMemoryMb: input.memoryMb,
    recommendedCpu: cpu.recommended,
    recommendedMemoryMb: memory.recommended,
    peakAt: iso(cpu.peak.at),
    scaleAt: iso(cpu.peak.at - common.leadMinutes * 60_000),
    actions,
    forecast: { timestamps: cpu.timestamps.map(iso), cpuMean: cpu.mean, cpuUpper: cpu.upper, memoryMean: memory.mean, memoryUpper: memory.upper },
  };
}

function seasonFor(input: VmUsageSeries): number | undefined {
  const daily = Math.round(1440 / input.stepMinutes);
  return daily >= 2 && input.cpuUsage.length > 2 * daily ? daily : undefined;
}

function toActions(plan: ScalingPlan, resource: 'cpu' | 'memory'): VmScalingAction[] {
  return plan.actions.map((a) => ({ at: new Date(a.at).toISOString(), resource, kind: a.kind, from: a.from, to: a.to, late: a.late, reason: a.reason }));
}
