export { placeVm } from './placement/place-vm';
export { NoFeasibleNodeError } from './placement/placement-error';
export {
  leastAllocatedScore,
  mostAllocatedScore,
  balancedAllocationScore,
  requestedToCapacityRatioScore,
  MAX_NODE_SCORE,
  type UtilizationScorePoint,
} from './placement/resource-scores';
export { BUILT_IN_FILTERS } from './placement/placement-filters';
export type * from './placement/placement-types';
export { HOURS_PER_MONTH, hourlyPrice, cheapestFitting, type PriceTable, type ResourceRate, type InstancePrice, type PricedSize, type HourlyPrice } from './cost/price-table';
export { optimizeCosts } from './cost/cost-optimizer';
export { projectBudget, type BudgetInput, type BudgetStatus, type BudgetAlert } from './cost/budget-forecast';
export { isNonProductionVm, findIdleSchedule } from './cost/idle-schedule';
export { demandAtPercentile, empiricalPercentile, intervalLevelFor, type DemandPercentile } from './cost/demand-percentile';
export type * from './cost/cost-types';
export { forecast, fitForecastModel, type ForecastResult, type ForecastModel } from './forecast/forecast';
export type { ForecastOptions, FitOptions } from './forecast/forecast-options';
export type { IntervalBand } from './forecast/prediction-intervals';
export { detectSeasonality, type SeasonalityOptions, type SeasonalityResult, type DetectedPeriod } from './forecast/seasonality-detection';
export { mase, smape, mape } from './forecast/accuracy-metrics';
export { planScaling, type ScalingOptions, type ScalingPlan, type ScalingAction } from './scaling/predictive-scaling';
export { summarizePatterns, type PatternOptions, type WorkloadPatterns } from './scaling/workload-patterns';
export { recommendVmScaling, type VmUsageSeries, type VmScalingOptions, type VmScalingRecommendation, type VmScalingAction } from './scaling/vm-scaling';
export { scanAnomalies, type DetectedAnomaly, type AnomalyKind, type EpisodeSeverity, type DetectorFactory, type DetectorVerdict, type StreamingDetector, type VmMetricSeries } from './remediation/anomaly-episodes';
export { createRemediator, type RemediationRule, type RemediationAction, type RemediationExecutor, type RemediationRecord, type Remediator, type RemediatorOptions } from './remediation/remediation-rules';
export { AiClient, serverHasNoAi, type AiMode, type AiClientOptions, type ScalingParams, type AnomalyParams, type CostOptimizationParams } from './client/ai-client';
export { httpDataSource, type AiDataSource } from './client/ai-data-source';
export { placementToCreateOptions } from './client/placement-to-create-options';
export * from './schemas/placement-wire';
export * from './schemas/scaling-wire';
export * from './schemas/anomaly-wire';
export * from './schemas/cost-wire';
export * from './schemas/fleet-wire';
export { createAnomalyDetector, type AnomalyDetector, type AnomalyResult, type AnomalySeverity } from './anomaly/streaming-detector';
export type { AnomalyDetectorOptions } from './anomaly/anomaly-options';
export { seasonalEsd, type SeasonalEsdOptions, type SeasonalEsdResult, type EsdAnomaly } from './anomaly/seasonal-esd';
