import { AbortError, TimeoutError } from '../errors';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';

/**
 * A deadline for the whole call, retries and backoff sleeps included. It sets no timer: it
 * stamps `request.deadline`, the transport waits at most until then, and the retry policy does not
 * sleep past it. So the hot path pays for one Date.now(), and nothing is left behind to leak.
 */
export class TimeoutPolicy implements Policy {
  readonly name: string;
  constructor(
    private readonly defaultTimeoutMs: number,
    options: { name?: string } = {},
  ) {
    this.name = options.name ?? 'timeout';
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const ms = request.timeout ?? this.defaultTimeoutMs;
    if (!(ms > 0) || !Number.isFinite(ms)) return next(request);
    const deadline = Date.now() + ms;
    if (request.deadline !== undefined && request.deadline <= deadline) return next(request);
    request.deadline = deadline;
    return next(request).catch((error: unknown) => {
      // Whatever failed once the deadline passed (a socket wait, a retry cut short) failed because of it.
      if (request.deadline === deadline && Date.now() >= deadline - 5 && !(error instanceof AbortError)) {
        throw new TimeoutError(`The call did not finish within ${ms} ms.`, { code: 'timeout', requestId: request.requestId, attempts: request.attempt, cause: error });
      }
      throw error;
    });
  }
}
