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
export { forecast, fitForecastModel, type ForecastResult, type ForecastModel } from './forecast/forecast';
export type { ForecastOptions, FitOptions } from './forecast/forecast-options';
export type { IntervalBand } from './forecast/prediction-intervals';
export { detectSeasonality, type SeasonalityOptions, type SeasonalityResult, type DetectedPeriod } from './forecast/seasonality-detection';
export { mase, smape, mape } from './forecast/accuracy-metrics';
