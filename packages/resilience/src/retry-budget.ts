import { TimeoutError, type NovaRequest, type RetryBudget } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { WindowedCounts } from './internal/windowed-counts';

const TAKEN = 'novacron.retryBudget.taken';

export interface TokenBucketRetryBudgetOptions {
  /** Tokens when full. Default 500. */
  capacity?: number;
  /** Tokens one retry costs. Default 5. */
  retryCost?: number;
  /** Tokens a retry after a timeout costs (timeouts are the costliest failures to pile on). Default 10. */
  timeoutCost?: number;
  /** Tokens a first-attempt success puts back. Default 1. */
  successRefund?: number;
}

/**
 * AWS-style retry quota: retries draw from a shared bucket and successes refill it, so a healthy
 * client retries freely while during an outage retries stop once the bucket is dry, and the load
 * on the server stays close to the load without retries.
 */
export class TokenBucketRetryBudget implements RetryBudget {
  readonly capacity: number;
  private readonly retryCost: number;
  private readonly timeoutCost: number;
  private readonly successRefund: number;
  private tokens: number;

  constructor(options: TokenBucketRetryBudgetOptions = {}) {
    this.capacity = requireNumber(options.capacity ?? 500, 'retry.budget.capacity', { above: 0 });
    this.retryCost = requireNumber(options.retryCost ?? 5, 'retry.budget.retryCost', { above: 0 });
    this.timeoutCost = requireNumber(options.timeoutCost ?? 10, 'retry.budget.timeoutCost', { above: 0 });
    this.successRefund = requireNumber(options.successRefund ?? 1, 'retry.budget.successRefund', { min: 0 });
    this.tokens = this.capacity;
  }

  get available(): number {
    return this.tokens;
  }

  tryAcquire(request: NovaRequest, error: unknown): boolean {
    const cost = error instanceof TimeoutError ? this.timeoutCost : this.retryCost;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    request.context[TAKEN] = cost;
    return true;
  }

  recordSuccess(request: NovaRequest): void {
    // A retry that worked gives its cost back (the outage is over); a plain success trickles in.
    const taken = request.attempt > 1 ? request.context[TAKEN] : undefined;
    const refund = typeof taken === 'number' ? taken : this.successRefund;
    this.tokens = Math.min(this.capacity, this.tokens + refund);
  }
}

export interface RatioRetryBudgetOptions {
  /** Retries may be at most this share of attempts in the window. Default 0.1. */
  ratio?: number;
  /** Window length, ms. Default 10 s. */
  windowMs?: number;
  /** Retries always allowed per second, so a quiet client can still retry. Default 1. */
  minRetriesPerSecond?: number;
  now?: () => number;
}

/** Finagle-style budget: retries stay under a fixed share of the traffic over a sliding window. */
export class RatioRetryBudget implements RetryBudget {
  private readonly ratio: number;
  private readonly floor: number;
  private readonly counts: WindowedCounts;

  constructor(options: RatioRetryBudgetOptions = {}) {
    this.ratio = requireNumber(options.ratio ?? 0.1, 'retry.budget.ratio', { min: 0 });
    const windowMs = requireNumber(options.windowMs ?? 10_000, 'retry.budget.windowMs', { above: 0 });
    this.floor = requireNumber(options.minRetriesPerSecond ?? 1, 'retry.budget.minRetriesPerSecond', { min: 0 }) * (windowMs / 1000);
    this.counts = new WindowedCounts(2, windowMs, options.now ?? Date.now);
  }

  tryAcquire(_request: NovaRequest, _error: unknown): boolean {
    this.counts.add(ATTEMPTS);
    const allowed = this.floor + this.ratio * this.counts.total(ATTEMPTS);
    if (this.counts.total(RETRIES) + 1 > allowed) return false;
    this.counts.add(RETRIES);
    return true;
  }

  recordSuccess(_request: NovaRequest): void {
    this.counts.add(ATTEMPTS);
  }
}

const ATTEMPTS = 0;
const RETRIES = 1;
