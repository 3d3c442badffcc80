import { abortableSleep } from './abortable-sleep';
import { APIError, NovaCronError } from './errors';
import type { Policy, SendNext } from './pipeline';
import { attemptRequest, type NovaRequest, type NovaResponse } from './request';
import { backoffDelay, DEFAULT_BACKOFF, isRetryable, type BackoffOptions } from './retry-rules';

/** Limits how many retries a client may make overall, so an outage does not multiply load. */
export interface RetryBudget {
  /** Take the cost of one retry; false when the budget is spent (the error is then thrown). */
  tryAcquire(request: NovaRequest, error: unknown): boolean;
  /** A call succeeded: the budget may refill. */
  recordSuccess(request: NovaRequest): void;
}

export interface RetryEvent {
  request: NovaRequest;
  error: unknown;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
}

export interface RetryPolicyOptions extends Partial<BackoffOptions> {
  /** Retries after the first attempt; a request's own `maxRetries` wins. Default 2. */
  maxRetries?: number;
  /** A server asking to wait longer than this gets its error surfaced instead. Default 60 s. */
  maxRetryAfterMs?: number;
  budget?: RetryBudget;
  onRetry?: (event: RetryEvent) => void;
  /** Injected for deterministic tests (a fake clock). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * The retry loop. Method-aware (POST/PATCH only with an Idempotency-Key), exponential backoff
 * with jitter, Retry-After honoured and capped, sleeps abortable. @novacron/resilience plugs its
 * budget and events into this policy rather than running a second loop.
 */
export class RetryPolicy implements Policy {
  readonly name: string = 'retry';
  readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly maxRetryAfterMs: number;
  private readonly budget: RetryBudget | undefined;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxRetries = options.maxRetries ?? 2;
    this.backoff = {
      baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
      jitter: options.jitter ?? DEFAULT_BACKOFF.jitter,
    };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.budget = options.budget;
    this.onRetry = options.onRetry;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    request.attempt = 1;
    // The first attempt runs without the loop's machinery; only a failure enters it.
    return next(attemptRequest(request)).then(
      (response) => this.succeeded(request, response),
      (error: unknown) => this.retryAfterFailure(error, request, next),
    );
  }

  private succeeded(request: NovaRequest, response: NovaResponse): NovaResponse {
    this.budget?.recordSuccess(request);
    return response;
  }

  private async retryAfterFailure(firstError: unknown, request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const maxRetries = request.maxRetries ?? this.maxRetries;
    let previousDelay = this.backoff.baseDelayMs;
    let error = firstError;
    for (let attempt = 1; ; attempt++) {
      if (error instanceof NovaCronError) error.attempts = attempt;
      const delay = this.delayFor(error, request, attempt, maxRetries, previousDelay);
      if (delay === undefined) throw error;
      previousDelay = delay;
      this.onRetry?.({ request, error, attempt, delayMs: delay });
      await this.sleep(delay, request.signal);
      request.attempt = attempt + 1;
      try {
        return this.succeeded(request, await next(attemptRequest(request)));
      } catch (retryError) {
        error = retryError;
      }
    }
  }

  /** The wait before the next attempt, or undefined when the error must be thrown now. */
  private delayFor(error: unknown, request: NovaRequest, attempt: number, maxRetries: number, previousDelay: number): number | undefined {
    if (attempt > maxRetries || request.signal?.aborted || !isRetryable(error, request)) return undefined;
    const hinted = error instanceof APIError ? error.retryAfterMs : undefined;
    if (hinted !== undefined && hinted > this.maxRetryAfterMs) return undefined;
    const delay = hinted ?? backoffDelay(attempt, this.backoff, previousDelay, this.random);
    // A retry that could not even start before the call's deadline is not worth its budget.
    if (request.deadline !== undefined && Date.now() + delay >= request.deadline) return undefined;
    if (this.budget && !this.budget.tryAcquire(request, error)) return undefined;
    return delay;
  }
}
