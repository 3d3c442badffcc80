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
