import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';
import { childTraceparent } from '../trace-context';

/**
 * Diagnostics on every attempt: request id, User-Agent, retry count, and W3C trace context. A
 * trace the caller is part of (a `traceparent` header or `context.traceparent`) is carried on
 * with a new span id per attempt; without one nothing is invented, as OpenTelemetry propagators do.
 */
export class RequestHeadersPolicy implements Policy {
  readonly name = 'request-headers';
  constructor(private readonly userAgent: string) {}

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const headers = request.headers;
    headers['x-request-id'] = request.requestId;
    headers['user-agent'] ??= this.userAgent;
    const parent = (request.context['traceparent'] as string | undefined) ?? headers['traceparent'];
    if (parent !== undefined) {
      request.context['traceparent'] = parent;
      headers['traceparent'] = childTraceparent(parent);
    }
    if (request.attempt > 1) headers['x-novacron-retry-count'] = String(request.attempt - 1);
    return next(request);
  }
}
