export { AttemptTimeoutPolicy, type AttemptTimeoutPolicyOptions } from './attempt-timeout-policy';
export { BulkheadPolicy, routeGroup, type BulkheadPolicyOptions } from './bulkhead-policy';
export { CircuitBreaker, type BreakerStateChange, type BreakerStatus, type CircuitBreakerOptions, type CircuitStateName } from './circuit-breaker';
export { CircuitBreakerPolicy, type CircuitBreakerPolicyOptions } from './circuit-breaker-policy';
export { FallbackPolicy, type FallbackFunction, type FallbackPolicyOptions } from './fallback-policy';
export { HedgingPolicy, type HedgingPolicyOptions } from './hedging-policy';
export type { ExecuteOptions, Operation, OperationContext } from './internal/standalone';
export { RateLimitPolicy, type RateLimitPolicyOptions } from './rate-limit-policy';
export { BulkheadRejectedError, RateLimiterRejectedError } from './resilience-errors';
export {
  ResilienceEvents,
  type MetricSample,
  type ResilienceEvent,
  type ResilienceEventName,
  type ResilienceListener,
} from './resilience-events';
export {
  installResilience,
  resilience,
  Resilience,
  type PlacedPolicy,
  type ResilienceBreakerPresetOptions,
  type ResilienceOptions,
  type ResilienceRetryPresetOptions,
  type RetryBudgetOption,
} from './resilience-preset';
export { ResilienceRetryPolicy, type ResilienceRetryOptions } from './resilience-retry-policy';
export {
  RatioRetryBudget,
  TokenBucketRetryBudget,
  type RatioRetryBudgetOptions,
  type TokenBucketRetryBudgetOptions,
} from './retry-budget';
export type {
  SharedBreakerChange,
  SharedBreakerState,
  SharedBreakerStateContext,
  SharedBreakerStateFactory,
} from './shared-breaker-state';
