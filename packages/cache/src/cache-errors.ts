import { NovaCronError, type NovaCronErrorOptions } from '@novacron/core';

/** Something went wrong inside the cache itself (never a Redis outage: those degrade to L1). */
export class CacheError extends NovaCronError {
  static override readonly kind: string = 'CacheError';
}

/**
 * The factory (the origin) failed and no value within its grace period was left to serve.
 * The origin's own error is on `.cause`.
 */
export class OriginUnavailableError extends CacheError {
  static override readonly kind: string = 'OriginUnavailableError';
  readonly key: string;
  constructor(key: string, options: NovaCronErrorOptions = {}) {
    super(`The origin for cache key "${key}" is unavailable and no value within grace is cached.`, {
      retryable: true,
      ...options,
    });
    this.key = key;
  }
}

/** The factory ran past its hard timeout and no value within grace was there to fall back on. */
export class FactoryTimeoutError extends OriginUnavailableError {
  static override readonly kind: string = 'FactoryTimeoutError';
  readonly timeoutMs: number;
  constructor(key: string, timeoutMs: number) {
    super(key, { code: 'factory_timeout' });
    this.message = `The factory for cache key "${key}" did not answer within ${timeoutMs} ms and no value within grace is cached.`;
    this.timeoutMs = timeoutMs;
  }
}
