import { AbortError, APIError, CircuitOpenError, ConnectionError, NovaCronError } from '@novacron/core';
import { BulkheadRejectedError, RateLimiterRejectedError } from '../resilience-errors';

/**
 * Whether an error says the *server side* is unwell: 5xx, 408, connection failures and timeouts.
 * A 4xx is the caller's mistake (or, for 429, the rate limiter's business) and never trips a breaker.
 */
export function isServerFailure(error: unknown): boolean {
  if (error instanceof APIError) return error.status >= 500 || error.status === 408;
  if (error instanceof ConnectionError) return true; // includes TimeoutError
  if (error instanceof NovaCronError) return false;
  // A non-SDK error from a standalone operation: count it, unless it is an abort.
  return !(error instanceof Error && error.name === 'AbortError');
}

/** Outcomes that say nothing about the server's health: the caller gave up, or we never sent. */
export function isNeutralOutcome(error: unknown): boolean {
  return (
    error instanceof AbortError ||
    error instanceof CircuitOpenError ||
    error instanceof BulkheadRejectedError ||
    error instanceof RateLimiterRejectedError ||
    (error instanceof Error && error.name === 'AbortError' && !(error instanceof NovaCronError))
  );
}
