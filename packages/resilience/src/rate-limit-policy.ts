import { abortableSleep, RateLimitError, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import { RateLimiterRejectedError } from './resilience-errors';
import type { ResilienceEvents } from './resilience-events';

export interface RateLimitPolicyOptions {
  /** Steady rate, requests per second. Default Infinity: only the server's 429s slow us down. */
  requestsPerSecond?: number;
  /** Calls that may go at once after a quiet spell. Default max(1, requestsPerSecond). */
  burst?: number;
  /** A call that would wait longer than this is rejected with RateLimiterRejectedError, ms. Default 30 s. */
  maxWaitMs?: number;
  /** Pause after a 429 without Retry-After, ms. Default 1000. */
  defaultPauseMs?: number;
  /** A 429 halves the rate, never below this share of the configured rate; successes bring it back. Default 0.1. */
  minRateFactor?: number;
  events?: ResilienceEvents;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Client-side token bucket. Callers reserve a token and sleep until it is theirs, so waiting
 * needs no queue or timer of its own. When the server answers 429 the limiter pauses everyone
 * until Retry-After and halves its rate, then recovers additively as calls succeed.
 */
export class RateLimitPolicy implements Policy {
  readonly name = 'rateLimit';
  readonly configuredRate: number;
  private rate: number;
  private readonly burst: number;
  private readonly maxWaitMs: number;
  private readonly defaultPauseMs: number;
  private readonly minRate: number;
  private readonly events: ResilienceEvents | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;

  constructor(options: RateLimitPolicyOptions = {}) {
    this.configuredRate = requireNumber(options.requestsPerSecond ?? Infinity, 'rateLimit.requestsPerSecond', { above: 0, infinite: true });
    this.rate = this.configuredRate;
    this.burst = requireNumber(options.burst ?? Math.max(1, Math.min(this.configuredRate, 1e9)), 'rateLimit.burst', { min: 1 });
    this.maxWaitMs = requireNumber(options.maxWaitMs ?? 30_000, 'rateLimit.maxWaitMs', { min: 0, infinite: true });
    this.defaultPauseMs = requireNumber(options.defaultPauseMs ?? 1000, 'rateLimit.defaultPauseMs', { min: 0 });
    this.minRate = this.configuredRate * requireNumber(options.minRateFactor ?? 0.1, 'rateLimit.minRateFactor', { above: 0, max: 1 });
    this.events = options.events;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** The rate in force now (lower than configured after 429s). */
  get currentRate(): number {
    return this.rate;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const wait = this.reserve(request);
    if (wait <= 0) return this.forward(request, next);
    this.events?.emit({ event: 'rateLimitDelayed', policy: this.name, route: request.route, delayMs: wait });
    return this.sleep(wait, request.signal).then(
      () => this.afterWait(request, next),
      (error: unknown) => {
        this.unreserve();
        throw error;
      },
    );
  }

  /** A 429 may have arrived while this call slept: then it waits out the new pause too. */
  private afterWait(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const paused = this.pausedUntil - this.now();
    if (paused <= 0) return this.forward(request, next);
    return this.sleep(paused, request.signal).then(() => this.afterWait(request, next));
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }

  /** The server said 429: stop sending until `retryAfterMs` has passed and slow down. */
  throttled(retryAfterMs: number | undefined, route = '*'): void {
    const now = this.now();
    const newEpisode = this.pausedUntil <= now;
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.defaultPauseMs));
    // The retry loop and this policy may both report the same 429: slow down once per episode.
    if (this.rate < Infinity && newEpisode) {
      this.refill(now);
      this.rate = Math.max(this.minRate, this.rate / 2);
      // No credit piles up during the pause: after it, one call goes, the rest at the reduced rate.
      if (this.tokens >= 0) this.tokens = Math.min(this.burst, 1);
      this.refilledAt = this.pausedUntil;
    }
    this.events?.emit({ event: 'rateLimitThrottled', policy: this.name, route, delayMs: retryAfterMs });
  }

  private forward(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    return next(request).then(
      (response) => {
        if (this.rate < this.configuredRate) this.rate = Math.min(this.configuredRate, this.rate + this.configuredRate * 0.05);
        return response;
      },
      (error: unknown) => {
        if (error instanceof RateLimitError) this.throttled(error.retryAfterMs, request.route);
        throw error;
      },
    );
  }

  /** Takes a token (possibly going into debt) and returns how long the caller must wait, ms. */
  private reserve(request: NovaRequest): number {
    const now = this.now();
    const paused = this.pausedUntil > now ? this.pausedUntil - now : 0;
    if (this.rate === Infinity) return this.checkWait(paused, request);
    this.refill(now);
    this.tokens -= 1;
    // Tokens are counted as of `refilledAt`, which is in the future while a 429 pause lasts.
    const wait = Math.max(paused, Math.max(0, this.refilledAt - now) + (this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.rate));
    try {
      return this.checkWait(wait, request);
    } catch (error) {
      this.tokens += 1;
      throw error;
    }
  }

  private checkWait(wait: number, request: NovaRequest): number {
    if (wait <= this.maxWaitMs) return wait;
    this.events?.emit({ event: 'rateLimitRejected', policy: this.name, route: request.route, delayMs: wait });
    throw new RateLimiterRejectedError(wait, this.maxWaitMs);
  }

  private unreserve(): void {
    if (this.rate < Infinity) this.tokens = Math.min(this.burst, this.tokens + 1);
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
  }
}
