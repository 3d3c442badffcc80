import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';
import { childTraceparent } from '../trace-context';

/** Diagnostics on every attempt: request id, User-Agent, W3C traceparent, retry count. */
export class RequestHeadersPolicy implements Policy {
  readonly name = 'request-headers';
  constructor(private readonly userAgent: string) {}

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const headers = request.headers;
    headers['x-request-id'] = request.requestId;
    headers['user-agent'] ??= this.userAgent;
    headers['traceparent'] = childTraceparent(request.context['traceparent'] as string | undefined);
    if (request.attempt > 1) headers['x-novacron-retry-count'] = String(request.attempt - 1);
    return next(request);
  }
}
