import { APIError, NovaCronError } from './errors';
import type { NovaRequest } from './request';

/**
 * The SDK's retry rules, in one place. The default retry policy and @novacron/resilience both
 * decide with these functions, so "may this be retried, and when" has exactly one answer.
 */

/** GET/HEAD/PUT/DELETE are idempotent by HTTP; POST/PATCH only when they carry an Idempotency-Key. */
export function isIdempotent(request: Pick<NovaRequest, 'method' | 'idempotencyKey'>): boolean {
  switch (request.method) {
    case 'GET':
    case 'HEAD':
    case 'PUT':
    case 'DELETE':
      return true;
    default:
      return request.idempotencyKey !== undefined;
  }
}

/** Whether `error` from this request may be tried again. */
export function isRetryable(error: unknown, request: Pick<NovaRequest, 'method' | 'idempotencyKey'>): boolean {
  if (!(error instanceof NovaCronError) || !error.retryable) return false;
  if (error instanceof APIError && error.headers['x-should-retry'] === 'false') return false;
  return isIdempotent(request);
}

export type Jitter = 'full' | 'decorrelated' | 'none';

export interface BackoffOptions {
  /** First delay before jitter, ms. */
  baseDelayMs: number;
  /** No delay is ever longer, ms. */
  maxDelayMs: number;
  jitter: Jitter;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 500, maxDelayMs: 8_000, jitter: 'full' };

/**
 * Delay before retry number `retry` (1 for the first retry).
 * Full jitter: uniform in [0, min(max, base·2^(n-1))]. Decorrelated: uniform in [base, 3·previous], capped.
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  previousDelayMs = options.baseDelayMs,
  random: () => number = Math.random,
): number {
  const { baseDelayMs, maxDelayMs, jitter } = options;
  if (jitter === 'decorrelated') {
    const upper = Math.max(baseDelayMs, previousDelayMs * 3);
    return Math.min(maxDelayMs, baseDelayMs + random() * (upper - baseDelayMs));
  }
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return jitter === 'full' ? random() * ceiling : ceiling;
}

/**
 * Milliseconds the server asked to wait: `retry-after-ms`, then `Retry-After` as seconds or an
 * HTTP date. Undefined when absent or unparsable; never negative.
 */
export function parseRetryAfter(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers['retry-after'];
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
