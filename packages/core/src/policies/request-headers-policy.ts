import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';
import { childTraceparent } from '../trace-context';

/**
 * Diagnostics on every attempt (the request id and User-Agent are set once per call): the retry
 * count, and W3C trace context. A
 * trace the caller is part of (a `traceparent` header or `context.traceparent`) is carried on
 * with a new span id per attempt; without one nothing is invented, as OpenTelemetry propagators do.
 */
export class RequestHeadersPolicy implements Policy {
  readonly name = 'request-headers';
  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const headers = request.headers;
    const parent = (request.context['traceparent'] as string | undefined) ?? headers['traceparent'];
    if (parent !== undefined) {
      request.context['traceparent'] = parent;
      headers['traceparent'] = childTraceparent(parent);
    }
    if (request.attempt > 1) headers['x-novacron-retry-count'] = String(request.attempt - 1);
    return next(request);
  }
}
