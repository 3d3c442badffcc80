import type { PriceTable } from './price-table';

/** What the cost engines know about one VM: its size, where it runs and how busy it has been. */
export interface VmUsage {
  vmId: string;
  name?: string;
  tenantId?: string;
  provider: string;
  region?: string;
  /** The instance type it runs as, when it is one; otherwise it is priced from the rate card by size. */
  instanceType?: string;
  cpu: number;
  memoryMb: number;
  gpu?: number;
  diskGb?: number;
  tags?: Record<string, string>;
  /** CPU use in percent of `cpu`, oldest first, evenly spaced. */
  cpuUsage: readonly number[];
  /** Memory use in percent of `memoryMb`, on the same steps. */
  memoryUsage: readonly number[];
  /** Minutes between samples. */
  stepMinutes: number;
  /** Epoch milliseconds of the first sample; needed to find idle hours of the day. */
  start?: number;
  /** What it costs now per hour, when known better than the price table can say (e.g. a discount). */
  hourlyPrice?: number;
}

export type CostRecommendationType = 'rightsizing' | 'scheduling_optimization' | 'instance_type_change' | 'cross_cloud_migration';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface ResourceSpec {
  cpu: number;
  memoryMb: number;
  gpu?: number;
  instanceType?: string;
  provider?: string;
  region?: string;
}

export interface ShutdownSchedule {
  /** Hours (UTC, 0–23) the VM is stopped at and started at again; `stopAt` may be after `startAt` (over midnight). */
  stopAt: number;
  startAt: number;
  idleHoursPerDay: number;
  /** Also stopped all Saturday and Sunday (UTC) when the data shows both idle all day. */
  weekends: boolean;
  timezone: 'UTC';
}

export interface CostRecommendation {
  type: CostRecommendationType;
  vmId: string;
  /** Several VMs when one recommendation covers a group (a shared schedule); otherwise `[vmId]`. */
  vmIds: string[];
  title: string;
  /** Positive: money saved per month. Negative for an upsize that prevents under-provisioning. */
  monthlySavings: number;
  currentMonthlyCost: number;
  projectedMonthlyCost: number;
  /** One-time effort assumed to apply it (`implementationCost` option), in the table's currency. */
  implementationCost: number;
  /** First-year return: (12 × monthlySavings − implementationCost) / implementationCost; Infinity with no cost. */
  roi: number;
  /** Months until the saving repays the effort; Infinity when it never does. */
  paybackMonths: number;
  risk: RiskLevel;
  riskReason: string;
  currency: string;
  current: ResourceSpec;
  recommended?: ResourceSpec;
  /** Right-sizing: the percentile the demand was taken at and the demand found (absolute vCPU and MiB). */
  percentile?: number;
  demand?: { cpu: number; memoryMb: number; model: string };
  headroom?: number;
  schedule?: ShutdownSchedule;
}

export interface CostOptimizationOptions {
  prices: PriceTable;
  /** Demand percentile right-sizing provisions for. Default 95. Must be above 50 and below 100. */
  percentile?: number;
  /** Extra capacity on top of the demand percentile, as a fraction. Default 0.2 (20 %). */
  headroom?: number;
  /** Hours ahead the demand forecast looks. Default 48. */
  horizonHours?: number;
  /** Smallest monthly saving worth recommending. Default 1. */
  minMonthlySavings?: number;
  /** One-time cost assumed per recommendation type (defaults: rightsizing 20, instance_type_change 20, scheduling_optimization 10, cross_cloud_migration 200). */
  implementationCost?: Partial<Record<CostRecommendationType, number>>;
  /** Providers a VM may move to for a cheaper equivalent. Default: its own provider only. */
  allowProviders?: string[];
  /** Which VMs may be stopped on a schedule. Default: tag env/environment/stage is dev, development, test, testing, qa or staging. */
  isNonProduction?: (vm: VmUsage) => boolean;
  /** CPU percent under which an hour counts as idle (its p95 must be below). Default 5. */
  idleCpuPercent?: number;
  /** Shortest daily idle window worth a schedule. Default 4 hours. */
  minIdleHours?: number;
  /** Smallest vCPU and memory right-sizing goes to. Defaults 1 and 512. */
  minCpu?: number;
  minMemoryMb?: number;
}

export interface CostOptimizationReport {
  recommendations: CostRecommendation[];
  totalMonthlySavings: number;
  currency: string;
  /** VMs that could not be priced, with why. */
  skipped: Array<{ vmId: string; reason: string }>;
}
