import { Agent, type Dispatcher } from 'undici';
import { toTransportError, type Transport } from '../transport';

export interface UndiciTransportOptions {
  /** A dispatcher of the caller's (a proxy agent, a MockAgent); otherwise one keep-alive Agent per client. */
  dispatcher?: Dispatcher;
  /** Upper bound for headers and body timeouts; the SDK's own timeout is normally shorter. */
  timeoutMs?: number;
  connections?: number;
}

/**
 * Node transport on undici. An `Agent` keeps one keep-alive pool per origin; requests go through
 * `dispatcher.request()` with origin and path already split, which skips URL parsing on the hot path.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport & { close(): Promise<void> } {
  const timeout = Math.max(options.timeoutMs ?? 300_000, 1_000);
  const owned = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({ keepAliveTimeout: 10_000, headersTimeout: timeout, bodyTimeout: timeout, connections: options.connections ?? 128 });

  const transport = async (request: Parameters<Transport>[0]) => {
    try {
      const response = await dispatcher.request({
        origin: request.origin,
        path: request.path,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        // undici's own timers: far cheaper per request than an AbortController and a setTimeout.
        ...(request.timeoutMs !== undefined && { headersTimeout: Math.max(1, request.timeoutMs), bodyTimeout: Math.max(1, request.timeoutMs) }),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: flattenHeaders(response.headers), text };
    } catch (error) {
      throw toTransportError(error, request.signal);
    }
  };
  return Object.assign(transport, {
    close: async () => {
      if (owned) await dispatcher.close();
    },
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
