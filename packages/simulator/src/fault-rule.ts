/**
 * A fault to inject in front of the handlers. Every field narrows or adds to the rule; a rule with
 * no `route`/`method` applies to every route.
 */
export interface FaultRule {
  /** `'POST /vms'` (a route key as in `stats().byRoute`; without a method any method), or a RegExp tested on the request path. */
  route?: string | RegExp;
  method?: string;
  /** Wait this long (real ms) before anything else happens. */
  latencyMs?: number;
  /**
   * Called when a matching request reaches its faults (after `latencyMs`; for a write with an
   * Idempotency-Key, once that key is held); the request waits until the returned promise settles.
   * For a test that needs a request in flight at a known point, without waiting on a timer.
   */
  hold?: () => Promise<unknown>;
  /** Answer this status with an error body instead of running the handler. */
  status?: number;
  /** Fire only on this share of matching requests (0..1), drawn from the seeded stream. */
  errorRate?: number;
  /** Answer 503 (or `status`, e.g. 429) with `Retry-After: <seconds>`. */
  retryAfter?: number;
  /** Destroy the socket with no answer: `'before'` the handler runs, or `'after'` the change was committed and stored for idempotency. */
  reset?: 'before' | 'after';
  /** Apply to the next N requests it fires on, then retire. */
  times?: number;
  /** Run the handler, then send a Content-Length larger than the body and close: a truncated response. */
  truncate?: boolean;
  /** Answer 200 with a body that is not JSON, without running the handler. */
  malformed?: boolean;
}

export interface FaultControls {
  inject(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  /** The rules still active. */
  list(): Array<FaultRule & { id: string }>;
}
