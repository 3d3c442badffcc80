import {
  ConfigError,
  RateLimitError,
  TimeoutPolicy,
  type Pipeline,
  type Policy,
  type PolicyPhase,
  type RetryBudget,
  type RetryPolicyOptions,
} from '@novacron/core';
import { BulkheadPolicy, type BulkheadPolicyOptions } from './bulkhead-policy';
import type { BreakerStatus } from './circuit-breaker';
import { CircuitBreakerPolicy, type CircuitBreakerPolicyOptions } from './circuit-breaker-policy';
import { FallbackPolicy, type FallbackFunction, type FallbackPolicyOptions } from './fallback-policy';
import { HedgingPolicy, type HedgingPolicyOptions } from './hedging-policy';
import { defaultEnv, envBoolean, envChoice, envNumber, type Env } from './internal/env-settings';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import { RateLimitPolicy, type RateLimitPolicyOptions } from './rate-limit-policy';
import { ResilienceEvents, type ResilienceEventName, type ResilienceListener } from './resilience-events';
import { ResilienceRetryPolicy } from './resilience-retry-policy';
import { RatioRetryBudget, TokenBucketRetryBudget, type RatioRetryBudgetOptions, type TokenBucketRetryBudgetOptions } from './retry-budget';
import type { SharedBreakerState, SharedBreakerStateFactory } from './shared-breaker-state';
import { AttemptTimeoutPolicy } from './attempt-timeout-policy';

export type RetryBudgetOption =
  | false
  | RetryBudget
  | ({ type?: 'token-bucket' } & TokenBucketRetryBudgetOptions)
  | ({ type: 'ratio' } & RatioRetryBudgetOptions);

export interface ResilienceRetryPresetOptions extends Omit<RetryPolicyOptions, 'budget'> {
  /** Default: a token bucket (500 tokens, 5 per retry, 10 per timeout, 1 back per success). */
  budget?: RetryBudgetOption;
}

export interface ResilienceBreakerPresetOptions extends Omit<CircuitBreakerPolicyOptions, 'events' | 'sharedState'> {
  /**
   * Share breaker state with other processes: a state, or a factory such as `redisBreakerState()`
   * from the Node-only `@novacron/resilience/redis`. NOVACRON_CIRCUIT_BREAKER_SHARED=false turns it off.
   */
  shared?: SharedBreakerState | SharedBreakerStateFactory;
}

export interface ResilienceOptions {
  /** Where NOVACRON_* settings are read from. Default process.env. Options always win over env. */
  env?: Env;
  /** Share one event bus between several presets. */
  events?: ResilienceEvents;
  retry?: false | ResilienceRetryPresetOptions;
  circuitBreaker?: false | ResilienceBreakerPresetOptions;
  /** Whole call, retries included, ms (a request's own `timeout` wins). false/0: none. Default 30 s (core's default). */
  timeout?: number | false;
  /** Each attempt, ms. false/0: none. Default 15 s. */
  attemptTimeout?: number | false;
  rateLimit?: false | Omit<RateLimitPolicyOptions, 'events'>;
  /** Off unless set (or NOVACRON_BULKHEAD_MAX_CONCURRENT). */
  bulkhead?: boolean | Omit<BulkheadPolicyOptions, 'events'>;
  /** Off unless set (or NOVACRON_HEDGING_DELAY_MS). */
  hedging?: boolean | Omit<HedgingPolicyOptions, 'events'>;
  fallback?: FallbackFunction | ({ fallback: FallbackFunction } & Omit<FallbackPolicyOptions, 'events'>);
}

export interface PlacedPolicy {
  policy: Policy;
  phase: PolicyPhase;
}

/** The policies the preset built, their shared events, and what a client needs to run them. */
export class Resilience {
  readonly events: ResilienceEvents;
  readonly fallback: FallbackPolicy | undefined;
  readonly rateLimit: RateLimitPolicy | undefined;
  /** Core's whole-call TimeoutPolicy (`timeout`), set to the configured deadline. */
  readonly totalTimeout: TimeoutPolicy | undefined;
  readonly bulkhead: BulkheadPolicy | undefined;
  readonly retry: ResilienceRetryPolicy | undefined;
  readonly retryBudget: RetryBudget | undefined;
  readonly hedging: HedgingPolicy | undefined;
  readonly circuitBreaker: CircuitBreakerPolicy | undefined;
  readonly attemptTimeout: AttemptTimeoutPolicy | undefined;
  readonly sharedState: SharedBreakerState | undefined;
  /** Outermost first: the order a request meets them. */
  readonly policies: readonly PlacedPolicy[];
  private readonly timeoutOff: boolean;
  private composed: ((request: Parameters<Policy['send']>[0], next: Parameters<Policy['send']>[1]) => ReturnType<Policy['send']>) | undefined;

  constructor(options: ResilienceOptions = {}) {
    const env = options.env ?? defaultEnv();
    const events = (this.events = options.events ?? new ResilienceEvents());

    if (options.fallback) {
      const { fallback, ...rest } = typeof options.fallback === 'function' ? { fallback: options.fallback } : options.fallback;
      this.fallback = new FallbackPolicy(fallback, { ...rest, events });
    }

    if (options.rateLimit !== false) {
      const o = options.rateLimit ?? {};
      this.rateLimit = new RateLimitPolicy({
        ...o,
        requestsPerSecond: o.requestsPerSecond ?? envNumber(env, 'NOVACRON_RATE_LIMIT_RPS', { above: 0, infinite: true }),
        burst: o.burst ?? envNumber(env, 'NOVACRON_RATE_LIMIT_BURST', { min: 1 }),
        maxWaitMs: o.maxWaitMs ?? envNumber(env, 'NOVACRON_RATE_LIMIT_MAX_WAIT_MS', { min: 0, infinite: true }),
        events,
      });
    }

    const timeout = pick(options.timeout, () => envNumber(env, 'NOVACRON_TIMEOUT', { min: 0, infinite: true }), 30_000);
    if (timeout) this.totalTimeout = new TimeoutPolicy(timeout);
    this.timeoutOff = timeout === 0;

    const bulkheadEnv = envNumber(env, 'NOVACRON_BULKHEAD_MAX_CONCURRENT', { min: 1, integer: true });
    if (options.bulkhead ?? bulkheadEnv !== undefined) {
      const o = typeof options.bulkhead === 'object' ? options.bulkhead : {};
      this.bulkhead = new BulkheadPolicy({
        ...o,
        maxConcurrent: o.maxConcurrent ?? bulkheadEnv,
        maxQueue: o.maxQueue ?? envNumber(env, 'NOVACRON_BULKHEAD_QUEUE', { min: 0, integer: true, infinite: true }),
        events,
      });
    }

    if (options.retry !== false) {
      const o = options.retry ?? {};
      const { budget, ...retryOptions } = o;
      this.retryBudget = resolveBudget(budget, env);
      const rateLimit = this.rateLimit;
      this.retry = new ResilienceRetryPolicy({
        ...retryOptions,
        maxRetries:
          o.maxRetries ?? envNumber(env, 'NOVACRON_MAX_RETRIES', { min: 0, integer: true }),
        baseDelayMs: o.baseDelayMs ?? envNumber(env, 'NOVACRON_RETRY_BASE_DELAY_MS', { min: 0 }),
        maxDelayMs: o.maxDelayMs ?? envNumber(env, 'NOVACRON_RETRY_MAX_DELAY_MS', { min: 0 }),
        jitter: o.jitter ?? envChoice(env, 'NOVACRON_RETRY_JITTER', ['full', 'decorrelated', 'none'] as const),
        maxRetryAfterMs: o.maxRetryAfterMs ?? envNumber(env, 'NOVACRON_RETRY_MAX_RETRY_AFTER_MS', { min: 0, infinite: true }),
        budget: this.retryBudget,
        events,
        // The limiter sits outside the retry loop; tell it about every 429, not just the last one.
        onRetry: (event) => {
          if (rateLimit && event.error instanceof RateLimitError) rateLimit.throttled(event.error.retryAfterMs, event.request.route);
          o.onRetry?.(event);
        },
      });
    }

    const hedgingEnv = envNumber(env, 'NOVACRON_HEDGING_DELAY_MS', { min: 0 });
    if (options.hedging ?? hedgingEnv !== undefined) {
      const o = typeof options.hedging === 'object' ? options.hedging : {};
      this.hedging = new HedgingPolicy({
        ...o,
        delayMs: o.delayMs ?? hedgingEnv,
        maxHedgedAttempts: o.maxHedgedAttempts ?? envNumber(env, 'NOVACRON_HEDGING_MAX_ATTEMPTS', { min: 1, integer: true }),
        events,
      });
    }

    const breakerOn = options.circuitBreaker === undefined ? (envBoolean(env, 'NOVACRON_CIRCUIT_BREAKER') ?? true) : options.circuitBreaker !== false;
    if (breakerOn) {
      const o = options.circuitBreaker || {};
      const { shared, ...breakerOptions } = o;
      const sharedOn = envBoolean(env, 'NOVACRON_CIRCUIT_BREAKER_SHARED') ?? shared !== undefined;
      if (sharedOn && shared === undefined) {
        // The preset cannot build a Redis connection itself: ioredis must never reach a browser bundle.
        throw new ConfigError(
          'NOVACRON_CIRCUIT_BREAKER_SHARED',
          "needs circuitBreaker.shared, e.g. redisBreakerState() from '@novacron/resilience/redis' (Node only)",
        );
      }
      if (sharedOn && shared) this.sharedState = typeof shared === 'function' ? shared({ env, events }) : shared;
      this.circuitBreaker = new CircuitBreakerPolicy({
        ...breakerOptions,
        strategy: o.strategy ?? envChoice(env, 'NOVACRON_CIRCUIT_BREAKER_STRATEGY', ['consecutive', 'sampling'] as const),
        threshold: o.threshold ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_THRESHOLD', { min: 1, integer: true }),
        failureRateThreshold: o.failureRateThreshold ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_FAILURE_RATE', { above: 0, below: 1 }),
        samplingDurationMs: o.samplingDurationMs ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_WINDOW_MS', { min: 1 }),
        minimumThroughput: o.minimumThroughput ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_MIN_THROUGHPUT', { min: 1, integer: true }),
        slowCallDurationMs: o.slowCallDurationMs ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_SLOW_CALL_MS', { min: 1 }),
        slowCallRateThreshold: o.slowCallRateThreshold ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_SLOW_CALL_RATE', { above: 0, max: 1 }),
        halfOpenAfterMs: o.halfOpenAfterMs ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS', { min: 1 }),
        maxHalfOpenAfterMs: o.maxHalfOpenAfterMs ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_MAX_HALF_OPEN_AFTER_MS', { min: 1 }),
        halfOpenProbes: o.halfOpenProbes ?? envNumber(env, 'NOVACRON_CIRCUIT_BREAKER_HALF_OPEN_PROBES', { min: 1, integer: true }),
        events,
        sharedState: this.sharedState,
      });
    }

    const attemptTimeout = pick(options.attemptTimeout, () => envNumber(env, 'NOVACRON_ATTEMPT_TIMEOUT', { min: 0, infinite: true }), 15_000);
    if (attemptTimeout) this.attemptTimeout = new AttemptTimeoutPolicy({ timeoutMs: attemptTimeout, events });

    const placed: PlacedPolicy[] = [];
    const place = (policy: Policy | undefined, phase: PolicyPhase) => policy && placed.push({ policy, phase });
    place(this.fallback, 'perCall');
    place(this.rateLimit, 'perCall');
    place(this.totalTimeout, 'perCall');
    place(this.bulkhead, 'perCall');
    place(this.retry, 'retry');
    place(this.hedging, 'perRetry');
    place(this.circuitBreaker, 'perRetry');
    place(this.attemptTimeout, 'perRetry');
    this.policies = placed;
  }

  on(event: ResilienceEventName | '*', listener: ResilienceListener): () => void {
    return this.events.on(event, listener);
  }

  /** Every circuit breaker with its state, failure counts and next probe time. */
  breakers(): BreakerStatus[] {
    return this.circuitBreaker?.breakers() ?? [];
  }

  /** Put the policies into a core Pipeline: core's default `retry` is replaced by name. */
  install(pipeline: Pipeline): Pipeline {
    // Ours replace core's policies of the same name (`timeout`, `retry`); a second install replaces the first.
    for (const { policy } of this.policies) if (policy.name !== 'retry' && pipeline.has(policy.name)) pipeline.remove(policy.name);
    if (this.timeoutOff) pipeline.remove('timeout');
    for (const { policy, phase } of this.policies) if (phase === 'perCall') pipeline.add(policy, { phase });
    if (this.retry) {
      if (pipeline.has('retry')) pipeline.replace('retry', this.retry);
      else pipeline.add(this.retry, { phase: 'retry' });
    } else {
      pipeline.remove('retry');
    }
    // Hedging and the breaker go first in perRetry (an open circuit should not even refresh a token);
    // the attempt timeout goes last, right around the transport.
    const firstPerRetry = pipeline.list().find((entry) => entry.phase === 'perRetry')?.name;
    for (const policy of [this.hedging, this.circuitBreaker]) {
      if (!policy) continue;
      pipeline.add(policy, firstPerRetry ? { before: firstPerRetry } : { phase: 'perRetry' });
    }
    if (this.attemptTimeout) pipeline.add(this.attemptTimeout, { phase: 'perRetry' });
    return pipeline;
  }

  /** Run `fn` through every policy, without a core client. */
  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    this.composed ??= this.policies.reduceRight<NonNullable<Resilience['composed']>>(
      (inner, { policy }) => (request, next) => policy.send(request, (r) => inner(r, next)),
      (request, next) => next(request),
    );
    return executeStandalone(this.composed, fn, options);
  }

  /** Close the shared-state connections (if any). */
  async close(): Promise<void> {
    await this.sharedState?.close();
  }
}

/** The standard resilience policies, configured from options and NOVACRON_* variables. */
export function resilience(options?: ResilienceOptions): Resilience {
  return new Resilience(options);
}

/** Build the preset (or take a built one) and install it into `pipeline`. */
export function installResilience(pipeline: Pipeline, options: ResilienceOptions | Resilience = {}): Resilience {
  const preset = options instanceof Resilience ? options : new Resilience(options);
  preset.install(pipeline);
  return preset;
}

function pick(option: number | false | undefined, fromEnv: () => number | undefined, fallback: number): number {
  if (option === false) return 0;
  if (option !== undefined) {
    if (!(typeof option === 'number' && option >= 0)) throw new ConfigError('timeout', `expected milliseconds ≥ 0, got ${String(option)}`);
    return option;
  }
  return fromEnv() ?? fallback;
}

function resolveBudget(option: RetryBudgetOption | undefined, env: Env): RetryBudget | undefined {
  if (option === false) return undefined;
  if (option && 'tryAcquire' in option) return option;
  const kind = option?.type ?? envChoice(env, 'NOVACRON_RETRY_BUDGET', ['token-bucket', 'ratio', 'off'] as const);
  if (kind === 'off') return undefined;
  const ratio = envNumber(env, 'NOVACRON_RETRY_BUDGET_RATIO', { min: 0, max: 1 });
  if (kind === 'ratio' || (kind === undefined && ratio !== undefined)) {
    const o = (option ?? {}) as RatioRetryBudgetOptions;
    return new RatioRetryBudget({ ...o, ratio: o.ratio ?? ratio });
  }
  const o = (option ?? {}) as TokenBucketRetryBudgetOptions;
  return new TokenBucketRetryBudget({ ...o, capacity: o.capacity ?? envNumber(env, 'NOVACRON_RETRY_BUDGET_TOKENS', { above: 0 }) });
}
