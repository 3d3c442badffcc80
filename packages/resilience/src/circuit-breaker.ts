import { CircuitOpenError, ConfigError } from '@novacron/core';
import { CircuitState, ConsecutiveBreaker, SamplingBreaker, type IBreaker } from 'cockatiel';
import { isNeutralOutcome, isServerFailure } from './internal/failure-classification';
import { requireNumber } from './internal/setting-checks';
import { WindowedCounts } from './internal/windowed-counts';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** `consecutive`: open after `threshold` failures in a row. `sampling`: open on a failure rate over a window. Default consecutive. */
  strategy?: 'consecutive' | 'sampling';
  /** Consecutive failures that open the circuit. Default 5. */
  threshold?: number;
  /** Sampling: share of failed calls (0 < x < 1) that opens the circuit. Default 0.5. */
  failureRateThreshold?: number;
  /** Window for the failure rate, the slow-call rate and the status counts, ms. Default 10 s. */
  samplingDurationMs?: number;
  /** Calls needed in the window before a rate (failure or slow) may open the circuit. Default 20. */
  minimumThroughput?: number;
  /** A call taking at least this long is slow. Unset: slow calls never open the circuit. */
  slowCallDurationMs?: number;
  /** Share of slow calls (0 < x ≤ 1) in the window that opens the circuit. Default 0.5. */
  slowCallRateThreshold?: number;
  /** How long the circuit stays open before probing, ms. Default 10 s. */
  halfOpenAfterMs?: number;
  /** Each reopen without a close in between doubles the open time, up to this. Default 60 s. */
  maxHalfOpenAfterMs?: number;
  /** Probe calls let through in half-open; all must succeed to close. Others fail fast. Default 1. */
  halfOpenProbes?: number;
  /** Which errors count as failures. Default: 5xx, 408, connection errors, timeouts (never a caller's 4xx). */
  isFailure?: (error: unknown) => boolean;
  now?: () => number;
}

export interface BreakerStatus {
  route: string;
  state: CircuitStateName;
  /** Failed calls in the sampling window. */
  failures: number;
  /** Failures in a row (what the consecutive strategy counts). */
  consecutiveFailures: number;
  /** Calls that ended (success or failure) in the sampling window. */
  calls: number;
  slowCalls: number;
  /** Opens since the circuit was last closed (drives the growing open time). */
  opens: number;
  openedAt: Date | undefined;
  /** When the next probe may go (open), undefined when closed or probing. */
  nextProbeAt: Date | undefined;
  probesInFlight: number;
}

export interface BreakerStateChange {
  route: string;
  from: CircuitStateName;
  to: CircuitStateName;
  /** Epoch ms the circuit stays open until, for `to: 'open'`. */
  openUntil?: number;
  remote: boolean;
}

const CALLS = 0;
const FAILURES = 1;
const SLOW = 2;

/**
 * One circuit (for one route template). Failure counting is cockatiel's (ConsecutiveBreaker /
 * SamplingBreaker); the state machine is ours because cockatiel 3 lets one half-open call through
 * and makes the rest wait for it, has no slow-call rate, and cannot be opened from outside.
 */
export class CircuitBreaker {
  private stateName: CircuitStateName = 'closed';
  /** Bumped on every transition, so a call that started in an older state cannot steer the new one. */
  private generation = 0;
  private openUntil = 0;
  private openedAt = 0;
  private opens = 0;
  private probesAdmitted = 0;
  private probeSuccesses = 0;
  private consecutiveFailures = 0;
  private readonly counter: IBreaker;
  private readonly counts: WindowedCounts;
  private readonly now: () => number;
  private readonly isFailure: (error: unknown) => boolean;
  private readonly slowCallMs: number;
  private readonly slowRate: number;
  private readonly minimumThroughput: number;
  private readonly halfOpenAfterMs: number;
  private readonly maxHalfOpenAfterMs: number;
  private readonly probes: number;

  constructor(
    readonly route: string,
    options: CircuitBreakerOptions = {},
    private readonly onStateChange?: (change: BreakerStateChange) => void,
  ) {
    this.now = options.now ?? Date.now;
    this.isFailure = options.isFailure ?? isServerFailure;
    const windowMs = requireNumber(options.samplingDurationMs ?? 10_000, 'circuitBreaker.samplingDurationMs', { min: 1 });
    this.minimumThroughput = requireNumber(options.minimumThroughput ?? 20, 'circuitBreaker.minimumThroughput', { min: 1 });
    if (options.strategy === 'sampling') {
      const rate = requireNumber(options.failureRateThreshold ?? 0.5, 'circuitBreaker.failureRateThreshold', { above: 0, below: 1 });
      this.counter = new SamplingBreaker({ threshold: rate, duration: windowMs, minimumRps: (this.minimumThroughput * 1000) / windowMs });
    } else if (options.strategy === undefined || options.strategy === 'consecutive') {
      this.counter = new ConsecutiveBreaker(requireNumber(options.threshold ?? 5, 'circuitBreaker.threshold', { min: 1, integer: true }));
    } else {
      throw new ConfigError('circuitBreaker.strategy', `expected "consecutive" or "sampling", got ${JSON.stringify(options.strategy)}`);
    }
    this.slowCallMs = options.slowCallDurationMs === undefined ? Infinity : requireNumber(options.slowCallDurationMs, 'circuitBreaker.slowCallDurationMs', { min: 1 });
    this.slowRate = requireNumber(options.slowCallRateThreshold ?? 0.5, 'circuitBreaker.slowCallRateThreshold', { above: 0, max: 1 });
    this.halfOpenAfterMs = requireNumber(options.halfOpenAfterMs ?? 10_000, 'circuitBreaker.halfOpenAfterMs', { min: 1 });
    this.maxHalfOpenAfterMs = Math.max(
      this.halfOpenAfterMs,
      requireNumber(options.maxHalfOpenAfterMs ?? 60_000, 'circuitBreaker.maxHalfOpenAfterMs', { min: 1 }),
    );
    this.probes = requireNumber(options.halfOpenProbes ?? 1, 'circuitBreaker.halfOpenProbes', { min: 1, integer: true });
    this.counts = new WindowedCounts(3, windowMs, this.now);
  }

  get state(): CircuitStateName {
    if (this.stateName === 'open' && this.now() >= this.openUntil) this.transition('half-open', false);
    return this.stateName;
  }

  execute<T>(fn: () => Promise<T>, onRejected?: (error: CircuitOpenError) => void): Promise<T> {
    // A promise chain rather than an async frame: this runs on every call of the default client.
    let generation: number;
    try {
      generation = this.admit();
    } catch (error) {
      // Refused without being run: the circuit is open, or half-open with its probes in flight.
      onRejected?.(error as CircuitOpenError);
      return Promise.reject(error);
    }
    const started = this.now();
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(fn());
    } catch (error) {
      this.onError(generation, started, error);
      return Promise.reject(error);
    }
    return pending.then(
      (result) => {
        this.onSuccess(generation, started);
        return result;
      },
      (error: unknown) => {
        this.onError(generation, started, error);
        throw error;
      },
    );
  }

  /** Open the circuit until `until` (epoch ms) because another process saw the outage. */
  openFromRemote(until: number): void {
    if (until <= this.now()) return;
    if (this.stateName === 'open') {
      this.openUntil = Math.max(this.openUntil, until);
      return;
    }
    this.openUntil = until;
    this.transition('open', true);
  }

  /** Another process closed its circuit: stop waiting and let the next call probe. */
  closeFromRemote(): void {
    if (this.stateName === 'open') this.openUntil = Math.min(this.openUntil, this.now());
  }

  status(): BreakerStatus {
    const state = this.state;
    return {
      route: this.route,
      state,
      failures: this.counts.total(FAILURES),
      consecutiveFailures: this.consecutiveFailures,
      calls: this.counts.total(CALLS),
      slowCalls: this.counts.total(SLOW),
      opens: this.opens,
      openedAt: state === 'closed' ? undefined : new Date(this.openedAt),
      nextProbeAt: state === 'open' ? new Date(this.openUntil) : undefined,
      probesInFlight: state === 'half-open' ? this.probesAdmitted - this.probeSuccesses : 0,
    };
  }

  /** Lets the call through (returns the generation it runs in) or throws CircuitOpenError. */
  private admit(): number {
    switch (this.stateName) {
      case 'closed':
        return this.generation;
      case 'open':
        if (this.now() < this.openUntil) throw this.openError(new Date(this.openUntil));
        this.transition('half-open', false);
      // fall through: this caller is the first to arrive after the break
      case 'half-open':
        if (this.probesAdmitted >= this.probes) throw this.openError(undefined);
        this.probesAdmitted++;
        return this.generation;
    }
  }

  private onSuccess(generation: number, started: number): void {
    if (generation !== this.generation) return;
    const now = this.now();
    const slow = now - started >= this.slowCallMs;
    if (this.stateName === 'half-open') {
      if (slow) return this.open(now);
      if (++this.probeSuccesses >= this.probes) this.close();
      return;
    }
    this.consecutiveFailures = 0;
    this.counter.success(CircuitState.Closed);
    this.counts.add(CALLS);
    if (slow) {
      this.counts.add(SLOW);
      this.checkSlowRate(now);
    }
  }

  private onError(generation: number, started: number, error: unknown): void {
    if (generation !== this.generation) return;
    if (isNeutralOutcome(error)) {
      if (this.stateName === 'half-open') this.probesAdmitted--;
      return;
    }
    // Not the server's fault (a 4xx): the server answered, so for the circuit it is a success.
    if (!this.isFailure(error)) return this.onSuccess(generation, started);
    const now = this.now();
    if (this.stateName === 'half-open') return this.open(now);
    this.consecutiveFailures++;
    this.counts.add(CALLS);
    this.counts.add(FAILURES);
    if (now - started >= this.slowCallMs) this.counts.add(SLOW);
    if (this.counter.failure(CircuitState.Closed)) this.open(now);
    else this.checkSlowRate(now);
  }

  private checkSlowRate(now: number): void {
    const calls = this.counts.total(CALLS);
    if (calls >= this.minimumThroughput && this.counts.total(SLOW) >= this.slowRate * calls) this.open(now);
  }

  private open(now: number): void {
    this.opens++;
    const duration = Math.min(this.maxHalfOpenAfterMs, this.halfOpenAfterMs * 2 ** (this.opens - 1));
    this.openUntil = now + duration;
    this.transition('open', false);
  }

  private close(): void {
    this.opens = 0;
    this.consecutiveFailures = 0;
    // Tell cockatiel's counter the circuit recovered: it clears its window.
    this.counter.success(CircuitState.HalfOpen);
    this.counts.reset();
    this.transition('closed', false);
  }

  private transition(to: CircuitStateName, remote: boolean): void {
    const from = this.stateName;
    this.stateName = to;
    this.generation++;
    if (to === 'open') this.openedAt = this.now();
    if (to === 'half-open') {
      this.probesAdmitted = 0;
      this.probeSuccesses = 0;
    }
    this.onStateChange?.({ route: this.route, from, to, openUntil: to === 'open' ? this.openUntil : undefined, remote });
  }

  private openError(retryAt: Date | undefined): CircuitOpenError {
    const when = retryAt ? `open until ${retryAt.toISOString()}` : 'half-open and its probe calls are in flight';
    return new CircuitOpenError(`Circuit for "${this.route}" is ${when}.`, { retryAt, route: this.route });
  }
}
