import { backoffDelay, ConfigError } from '@novacron/core';

export interface ReconnectBackoffOptions {
  /** Ceiling of the first delay, ms. Default 250. */
  baseDelayMs?: number;
  /** No delay is longer, ms; at most 30 000. Default 30 000. */
  maxDelayMs?: number;
  /** A connection that stayed up this long resets the attempt count, ms. Default 5 000. */
  stableAfterMs?: number;
  /** Source of randomness, for seeded tests. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter drawn afresh for every attempt (unlike partysocket,
 * whose random minimum is fixed per process, so a fleet of clients does not reconnect in step).
 */
export class ReconnectBackoff {
  private attempt = 0;
  private connectedAt: number | undefined;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly stableAfterMs: number;
  private readonly random: () => number;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 5_000;
    this.random = options.random ?? Math.random;
    if (!(this.baseDelayMs >= 0)) throw new ConfigError('reconnect.baseDelayMs', 'must be a non-negative number');
    if (!(this.maxDelayMs >= this.baseDelayMs) || this.maxDelayMs > 30_000) {
      throw new ConfigError('reconnect.maxDelayMs', 'must be between baseDelayMs and 30000');
    }
    if (!(this.stableAfterMs >= 0)) throw new ConfigError('reconnect.stableAfterMs', 'must be a non-negative number');
  }

  /** Call when a connection is established. */
  connected(now = Date.now()): void {
    this.connectedAt = now;
  }

  /** Delay before the next attempt; resets first if the last connection was stable. */
  next(now = Date.now()): number {
    if (this.connectedAt !== undefined && now - this.connectedAt >= this.stableAfterMs) this.attempt = 0;
    this.connectedAt = undefined;
    this.attempt++;
    return backoffDelay(this.attempt, { baseDelayMs: this.baseDelayMs, maxDelayMs: this.maxDelayMs, jitter: 'full' }, undefined, this.random);
  }

  get attempts(): number {
    return this.attempt;
  }
}
