import { APIError, NovaCronError } from '../errors';
import { isLevelEnabled, type Logger, type LogLevel } from '../logger';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';
import type { RequestMetrics } from '../request-metrics';

/** Times every attempt per route template, and logs it (at debug; failed attempts at info, since a retry may still save the call). */
export class MetricsPolicy implements Policy {
  readonly name = 'metrics';
  private readonly logEach: boolean;
  private readonly logFailures: boolean;

  constructor(
    private readonly metrics: RequestMetrics,
    private readonly logger: Logger,
    level: LogLevel = 'debug',
  ) {
    // Decided once: building a log record per request costs even when the logger drops it.
    this.logEach = isLevelEnabled(level, 'debug');
    this.logFailures = isLevelEnabled(level, 'info');
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const started = performance.now();
    return next(request).then(
      (response) => {
        const ms = performance.now() - started;
        this.metrics.record(request.route, ms, statusClass(response.status), false);
        if (this.logEach) this.logger.debug({ route: request.route, status: response.status, ms, attempt: request.attempt, requestId: request.requestId }, 'request');
        return response;
      },
      (error: unknown) => {
        const ms = performance.now() - started;
        const outcome = error instanceof APIError ? statusClass(error.status) : error instanceof NovaCronError ? error.code : 'error';
        this.metrics.record(request.route, ms, outcome, true);
        if (this.logFailures) {
          this.logger.info(
            { route: request.route, outcome, ms, attempt: request.attempt, requestId: request.requestId, error: (error as Error).message },
            'request failed',
          );
        }
        throw error;
      },
    );
  }
}

function statusClass(status: number): string {
  return status >= 200 && status < 300 ? '2xx' : `${Math.floor(status / 100)}xx`;
}
