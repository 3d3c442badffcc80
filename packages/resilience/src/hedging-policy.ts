import { abortErrorFrom, AbortError, attemptRequest, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';

export interface HedgingPolicyOptions {
  /** Wait this long for an answer before sending another attempt, ms. Default 1000. */
  delayMs?: number;
  /** Extra attempts sent at most. Default 1. */
  maxHedgedAttempts?: number;
  /** Which requests may be hedged. Default: GET and HEAD (idempotent reads). */
  shouldHedge?: (request: NovaRequest) => boolean;
  events?: ResilienceEvents;
}

/**
 * Tail-latency cutter for idempotent reads: when the first attempt is slow, send another; the
 * first answer wins and the others are aborted. Failures are left to the retry policy outside.
 */
export class HedgingPolicy implements Policy {
  readonly name = 'hedging';
  readonly delayMs: number;
  readonly maxHedgedAttempts: number;
  private readonly shouldHedge: (request: NovaRequest) => boolean;
  private readonly events: ResilienceEvents | undefined;

  constructor(options: HedgingPolicyOptions = {}) {
    this.delayMs = requireNumber(options.delayMs ?? 1000, 'hedging.delayMs', { min: 0 });
    this.maxHedgedAttempts = requireNumber(options.maxHedgedAttempts ?? 1, 'hedging.maxHedgedAttempts', { min: 1, integer: true });
    this.shouldHedge = options.shouldHedge ?? ((request) => request.method === 'GET' || request.method === 'HEAD');
    this.events = options.events;
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (!this.shouldHedge(request)) return next(request);
    const parent = request.signal;
    if (parent?.aborted) return Promise.reject(abortErrorFrom(parent));
    return new Promise<NovaResponse>((resolve, reject) => {
      const attempts: AbortController[] = [];
      let running = 0;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (winner?: AbortController) => {
        settled = true;
        clearTimeout(timer);
        parent?.removeEventListener('abort', onParentAbort);
        for (const controller of attempts) if (controller !== winner) controller.abort(new AbortError('Another hedged attempt answered first.'));
      };
      const onParentAbort = () => {
        if (settled) return;
        finish();
        reject(abortErrorFrom(parent!));
      };
      const launch = () => {
        const controller = new AbortController();
        attempts.push(controller);
        running++;
        if (attempts.length > 1) this.events?.emit({ event: 'hedge', policy: this.name, route: request.route, attempt: attempts.length });
        next(attemptRequest(request, { signal: controller.signal })).then(
          (response) => {
            running--;
            if (settled) return;
            finish(controller);
            resolve(response);
          },
          (error: unknown) => {
            running--;
            if (settled || running > 0) return;
            finish();
            reject(error);
          },
        );
        if (attempts.length <= this.maxHedgedAttempts) timer = setTimeout(launch, this.delayMs);
      };
      parent?.addEventListener('abort', onParentAbort);
      launch();
    });
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }
}
