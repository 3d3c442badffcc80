import { RetryPolicy, type RetryBudget, type RetryPolicyOptions } from '@novacron/core';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';

export interface ResilienceRetryOptions extends RetryPolicyOptions {
  /** Where `retry` and `retryBudgetExhausted` events go. */
  events?: ResilienceEvents;
}

/**
 * Core's RetryPolicy (the one retry loop and its rules) with this package's budget and events
 * plugged into its hooks; adds `execute()` for use without a pipeline.
 */
export class ResilienceRetryPolicy extends RetryPolicy {
  constructor(options: ResilienceRetryOptions = {}) {
    const { events, budget, onRetry, ...rest } = options;
    super({
      ...rest,
      budget: budget && events ? observedBudget(budget, events) : budget,
      onRetry:
        events || onRetry
          ? (event) => {
              events?.emit({
                event: 'retry',
                policy: 'retry',
                route: event.request.route,
                attempt: event.attempt,
                delayMs: event.delayMs,
                error: event.error,
              });
              onRetry?.(event);
            }
          : undefined,
    });
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }
}

function observedBudget(budget: RetryBudget, events: ResilienceEvents): RetryBudget {
  return {
    tryAcquire(request, error) {
      const granted = budget.tryAcquire(request, error);
      if (!granted) events.emit({ event: 'retryBudgetExhausted', policy: 'retry', route: request.route, attempt: request.attempt, error });
      return granted;
    },
    recordSuccess: (request) => budget.recordSuccess(request),
  };
}
