import { APIError, NovaCronError } from '../errors';
import type { Logger } from '../logger';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';
import type { RequestMetrics } from '../request-metrics';

/** Times every attempt per route template, and logs it (at debug; failed attempts at info, since a retry may still save the call). */
export class MetricsPolicy implements Policy {
  readonly name = 'metrics';
  constructor(
    private readonly metrics: RequestMetrics,
    private readonly logger: Logger,
  ) {}

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const started = performance.now();
    try {
      const response = await next(request);
      const ms = performance.now() - started;
      this.metrics.record(request.route, ms, statusClass(response.status), false);
      this.logger.debug({ route: request.route, status: response.status, ms, attempt: request.attempt, requestId: request.requestId }, 'request');
      return response;
    } catch (error) {
      const ms = performance.now() - started;
      const outcome = error instanceof APIError ? statusClass(error.status) : error instanceof NovaCronError ? error.code : 'error';
      this.metrics.record(request.route, ms, outcome, true);
      this.logger.info(
        { route: request.route, outcome, ms, attempt: request.attempt, requestId: request.requestId, error: (error as Error).message },
        'request failed',
      );
      throw error;
    }
  }
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
