export { createFederationClient, type FederationClient, type FederationClientOptions } from './federation-client';
export { ClustersResource, type ClusterAssessment, type ClusterRequirements, type ListClustersParams } from './clusters-resource';
export { RuntimeClusterResource, type RuntimeNode } from './runtime-cluster-resource';
export { InventoryResource, type InventoryParams } from './inventory-resource';
export { CatalogResource, type PriceQuery } from './catalog-resource';
export { CostsResource, type MoveCost, type ServerCostComparisonInput } from './costs-resource';
export { CrossCloudMigrationsResource, isTerminalMigration, type ListCrossCloudMigrationsParams } from './cross-cloud-migrations-resource';
export { ComplianceResource, type ComplianceViolationEvent } from './compliance-resource';
export { PlansResource, type PlanChecks } from './plans-resource';
export {
  Catalog,
  computeRoi,
  HOURS_PER_MONTH,
  NEAREST_MATCH_RULE,
  VCPU_TO_GIB_WEIGHT,
  type CostOptions,
  type Match,
  type MonthlyCostRow,
  type NormalizedRates,
  type Roi,
  type RoiInput,
} from './catalog';
export { normalizeSpec, type VmSpec } from './vm-spec';
export { normalizeRateCard, RATE_UNITS, type NormalizedRateCard, type RateCardInput } from './rate-card';
export { ProviderRegistry, BUILT_IN_PROVIDERS, type ProviderPlugin, type ProviderRegion } from './provider-registry';
export { complianceViolations, assertCompliant, validateRules, type ComplianceRule, type ComplianceSubject, type ComplianceViolation, type PlacementTarget } from './compliance';
export { buildWaves, buildMigrationPlan, parseMigrationPlan, type MigrationPlan, type PlannedMove, type PlanInput, type PlanMoveInput, type PlanContext } from './migration-plan';
export { validatePlan, assertPlanValid, estimateCost, type CostEstimate, type PlanValidationOptions, type PlanValidationResult } from './plan-validation';
export { assessPlanRisk, type MoveRisk, type PlanRisk, type RiskLevel } from './plan-risk';
export { planEvacuation, type EvacuationOptions, type EvacuationResult } from './evacuation';
export { PlanExecutor, type ExecutePlanOptions, type PlanProgressEvent, type PlanReport } from './plan-executor';
export { initialState, type LeaseResult, type PlanExecutionState, type PlanStatus, type PlanStore, type VmExecutionState, type VmExecutionStatus } from './plan-store';
export { MemoryPlanStore } from './memory-plan-store';
export * from './errors';
export * from './schemas';
