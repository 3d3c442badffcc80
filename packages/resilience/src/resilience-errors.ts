import { NovaCronError, type NovaCronErrorOptions } from '@novacron/core';

/** The bulkhead for this route group is full: all slots busy and the queue at its limit. */
export class BulkheadRejectedError extends NovaCronError {
  static override readonly kind: string = 'BulkheadRejectedError';
  readonly group: string;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  constructor(group: string, maxConcurrent: number, maxQueue: number, options: NovaCronErrorOptions = {}) {
    super(`Bulkhead "${group}" is full (${maxConcurrent} running, ${maxQueue} queued).`, { ...options, retryable: false });
    this.group = group;
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
  }
}

/** The client-side rate limiter would make this call wait longer than allowed. */
export class RateLimiterRejectedError extends NovaCronError {
  static override readonly kind: string = 'RateLimiterRejectedError';
  /** How long until the limiter would have let the call through, ms. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, maxWaitMs: number, options: NovaCronErrorOptions = {}) {
    super(`Rate limiter would delay this call ${Math.ceil(retryAfterMs)} ms, more than the allowed ${maxWaitMs} ms.`, {
      ...options,
      retryable: false,
    });
    this.retryAfterMs = retryAfterMs;
  }
}
