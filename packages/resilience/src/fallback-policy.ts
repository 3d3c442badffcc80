import { AbortError, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { isNeutralOutcome, isServerFailure } from './internal/failure-classification';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';

export type FallbackFunction = (error: unknown, request: NovaRequest) => unknown;

export interface FallbackPolicyOptions {
  /** Which errors get the fallback. Default: server-side failures and our own fast rejections (open circuit, full bulkhead, rate limiter), never a caller's abort or 4xx. */
  when?: (error: unknown, request: NovaRequest) => boolean;
  events?: ResilienceEvents;
}

/**
 * Answers with `fallback(error, request)` (e.g. the last cached value) instead of failing. The
 * response carries `x-novacron-fallback: true` so a caller can tell it was not the server's answer.
 */
export class FallbackPolicy implements Policy {
  readonly name = 'fallback';
  private readonly when: (error: unknown, request: NovaRequest) => boolean;
  private readonly events: ResilienceEvents | undefined;

  constructor(
    private readonly fallback: FallbackFunction,
    options: FallbackPolicyOptions = {},
  ) {
    this.when = options.when ?? ((error) => !(error instanceof AbortError) && (isServerFailure(error) || isNeutralOutcome(error)));
    this.events = options.events;
  }

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    try {
      return await next(request);
    } catch (error) {
      if (!this.when(error, request)) throw error;
      this.events?.emit({ event: 'fallback', policy: this.name, route: request.route, error });
      const body = await this.fallback(error, request);
      return { status: 200, headers: { 'x-novacron-fallback': 'true' }, body, requestId: undefined, request };
    }
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }
}
