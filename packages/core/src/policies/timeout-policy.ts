import { TimeoutError } from '../errors';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';

/**
 * A deadline for the whole call, retries and backoff sleeps included. It swaps the request's
 * signal for one that fires on the caller's abort or on the deadline, whichever comes first, and
 * removes its timer and listener when the call settles (so a million calls leave nothing behind).
 */
export class TimeoutPolicy implements Policy {
  readonly name: string;
  constructor(
    private readonly defaultTimeoutMs: number,
    options: { name?: string } = {},
  ) {
    this.name = options.name ?? 'timeout';
  }

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const ms = request.timeout ?? this.defaultTimeoutMs;
    if (!(ms > 0) || !Number.isFinite(ms)) return next(request);
    const outer = request.signal;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new TimeoutError(`The call did not finish within ${ms} ms.`, { code: 'timeout', requestId: request.requestId }));
    }, ms);
    const onOuterAbort = () => controller.abort(outer!.reason);
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener('abort', onOuterAbort, { once: true });
    }
    request.signal = controller.signal;
    try {
      return await next(request);
    } catch (error) {
      // Whatever failed after the deadline fired (a sleep, the socket) failed because of it.
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError && !outer?.aborted) {
        const timeout = controller.signal.reason as TimeoutError;
        timeout.attempts = request.attempt;
        throw timeout;
      }
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      request.signal = outer;
    }
  }
}
