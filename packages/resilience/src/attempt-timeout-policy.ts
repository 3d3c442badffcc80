import { AbortError, TimeoutError, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';

export interface AttemptTimeoutPolicyOptions {
  /** Milliseconds per attempt; 0 or Infinity turns it off. */
  timeoutMs: number;
  events?: ResilienceEvents;
}

/**
 * A deadline for each attempt, in the perRetry phase. Like core's whole-call TimeoutPolicy it sets
 * no timer and makes no AbortController: it narrows `request.deadline` for this attempt (never past
 * the call's own deadline), the transport gives up at that instant, and the retry loop outside can
 * try again while the call's deadline allows. So the success path costs two Date.now() calls.
 */
export class AttemptTimeoutPolicy implements Policy {
  readonly name = 'attemptTimeout';
  readonly timeoutMs: number;
  private readonly events: ResilienceEvents | undefined;

  constructor(options: AttemptTimeoutPolicyOptions) {
    this.timeoutMs = requireNumber(options.timeoutMs, 'attemptTimeout', { min: 0, infinite: true });
    this.events = options.events;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const outer = request.deadline;
    const ms = this.timeoutMs;
    if (!(ms > 0 && ms < Infinity)) return outer === undefined ? next(request) : this.observe(request, next, outer, outer, 'timeout');
    const own = Date.now() + ms;
    if (outer !== undefined && outer <= own) return this.observe(request, next, outer, outer, 'timeout');
    return this.observe(request, next, own, outer, this.name);
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }

  private observe(request: NovaRequest, next: SendNext, deadline: number, outer: number | undefined, policy: string): Promise<NovaResponse> {
    request.deadline = deadline;
    return next(request).then(
      (response) => {
        request.deadline = outer;
        return response;
      },
      (error: unknown) => {
        request.deadline = outer;
        // Anything but the caller's abort that fails at the deadline failed because of it.
        if (error instanceof AbortError || Date.now() < deadline - 5) throw error;
        const timeout =
          error instanceof TimeoutError
            ? error
            : new TimeoutError(`The attempt did not finish within ${policy === this.name ? `${this.timeoutMs} ms` : 'the call deadline'} (${request.route}).`, {
                code: 'timeout',
                requestId: request.requestId || undefined,
                attempts: request.attempt,
                cause: error,
              });
        this.events?.emit({ event: 'timeout', policy, route: request.route, attempt: request.attempt, error: timeout });
        throw timeout;
      },
    );
  }
}
