import { abortErrorFrom, TimeoutError, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';

export interface TimeoutPolicyOptions {
  /** `call`: the whole call, retries included (perCall phase; a request's own `timeout` wins). `attempt`: each attempt (perRetry phase). */
  scope: 'call' | 'attempt';
  /** Milliseconds; 0 or Infinity turns it off. */
  timeoutMs: number;
  /** Default `totalTimeout` for scope call, `attemptTimeout` for scope attempt. */
  name?: string;
  events?: ResilienceEvents;
}

/**
 * Gives the layers below an AbortSignal that fires at the deadline and rejects with TimeoutError
 * right then, even if the layer below ignores the signal. One timer and one listener per call,
 * both removed when the call settles.
 */
export class TimeoutPolicy implements Policy {
  readonly name: string;
  readonly scope: 'call' | 'attempt';
  readonly timeoutMs: number;
  private readonly events: ResilienceEvents | undefined;

  constructor(options: TimeoutPolicyOptions) {
    this.scope = options.scope;
    this.name = options.name ?? (options.scope === 'call' ? 'totalTimeout' : 'attemptTimeout');
    this.timeoutMs = requireNumber(options.timeoutMs, options.scope === 'call' ? 'timeout' : 'attemptTimeout', { min: 0, infinite: true });
    this.events = options.events;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const ms = this.scope === 'call' ? (request.timeout ?? this.timeoutMs) : this.timeoutMs;
    if (!(ms > 0 && ms < Infinity)) return next(request);
    const parent = request.signal;
    if (parent?.aborted) return Promise.reject(abortErrorFrom(parent));
    return new Promise<NovaResponse>((resolve, reject) => {
      const controller = new AbortController();
      let done = false;
      const onParentAbort = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const error = abortErrorFrom(parent!);
        controller.abort(error);
        reject(error);
      };
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        parent?.removeEventListener('abort', onParentAbort);
        const error = new TimeoutError(`${this.scope === 'call' ? 'Call' : 'Attempt'} timed out after ${ms} ms (${request.route}).`, {
          requestId: request.requestId || undefined,
          attempts: request.attempt,
        });
        this.events?.emit({ event: 'timeout', policy: this.name, route: request.route, attempt: request.attempt, error });
        controller.abort(error);
        reject(error);
      }, ms);
      parent?.addEventListener('abort', onParentAbort);
      next({ ...request, signal: controller.signal }).then(
        (response) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          parent?.removeEventListener('abort', onParentAbort);
          resolve(response);
        },
        (error: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          parent?.removeEventListener('abort', onParentAbort);
          reject(error);
        },
      );
    });
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }
}
