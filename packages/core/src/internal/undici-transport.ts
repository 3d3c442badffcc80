import type { Agent as UndiciAgent, Dispatcher } from 'undici';
// Two of undici's modules, not its index: the index also loads fetch, WebSocket, the cache store,
// the mocks and the rest (112 modules; ~3x the load time), which was most of the SDK's start-up.
// These two load 27. A caller's dispatcher from the full package works the same: `request` only
// calls `this.dispatch`.
// @ts-expect-error undici ships no types for its internal modules; typed just below.
import AgentModule from 'undici/lib/dispatcher/agent.js';
// @ts-expect-error as above.
import requestModule from 'undici/lib/api/api-request.js';

const Agent = AgentModule as typeof UndiciAgent;
const dispatchRequest = requestModule as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
import { ResponseTooLargeError, TimeoutError } from '../errors';
import { toTransportError, type OwnedTransport, type PoolStats, type Transport } from '../transport';
import type { TlsConnectOptions } from './node-tls';

/**
 * undici checks its timers on a ~500 ms tick, so a deadline may fire up to a second late: fine
 * for long deadlines (within 10 %), not for short ones. Below this a deadline gets its own timer,
 * which keeps it within a few ms.
 */
const PRECISE_BELOW_MS = 10_000;

/** A signal that fires at the deadline or with the caller's; `dispose()` leaves no timer or listener. */
function preciseDeadline(ms: number, outer: AbortSignal | undefined) {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort();
  }, Math.max(1, ms));
  const forward = () => controller.abort(outer!.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}

export interface UndiciTransportOptions {
  /** A dispatcher of the caller's (a proxy agent, a MockAgent); otherwise one keep-alive Agent per client. */
  dispatcher?: Dispatcher;
  /** Upper bound for headers and body timeouts; the SDK's own timeout is normally shorter. */
  timeoutMs?: number;
  connections?: number;
  /** CA, client certificate and minimum version for every connection of the owned Agent. */
  tls?: TlsConnectOptions;
}

/**
 * Node transport on undici. An `Agent` keeps one keep-alive pool per origin; requests go through
 * `dispatcher.request()` with origin and path already split, which skips URL parsing on the hot path.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): OwnedTransport & { close(): Promise<void>; poolStats(): Record<string, PoolStats> } {
  const timeout = Math.max(options.timeoutMs ?? 300_000, 1_000);
  const owned = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({
      keepAliveTimeout: 10_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: options.connections ?? 128,
      ...(options.tls && { connect: options.tls }),
    });

  const transport = async (request: Parameters<Transport>[0]) => {
    const { timeoutMs } = request;
    // undici's own timers are far cheaper per request than an AbortController and a setTimeout,
    // but they tick about every half second: a deadline under a second gets a timer of its own.
    const precise = timeoutMs !== undefined && timeoutMs < PRECISE_BELOW_MS ? preciseDeadline(timeoutMs, request.signal) : undefined;
    try {
      const response = await dispatchRequest.call(dispatcher, {
        origin: request.origin,
        path: request.path,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        signal: precise?.signal ?? request.signal,
        // undefined leaves the Agent's own timeouts in force.
        headersTimeout: timeoutMs === undefined ? undefined : Math.max(1, timeoutMs),
        bodyTimeout: timeoutMs === undefined ? undefined : Math.max(1, timeoutMs),
      });
      const headers = flattenHeaders(response.headers);
      if (request.responseType === 'bytes' && response.statusCode < 400) {
        return { status: response.statusCode, headers, text: '', bytes: await readLimited(response.body, headers['content-length'], request.maxResponseBytes, 'bytes') };
      }
      const text = await readLimited(response.body, headers['content-length'], request.maxResponseBytes, 'text');
      return { status: response.statusCode, headers, text };
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      if (precise?.timedOut() && !request.signal?.aborted) throw new TimeoutError('The server did not answer in time.', { cause: error, code: 'timeout' });
      throw toTransportError(error, request.signal);
    } finally {
      precise?.dispose();
    }
  };
  let destroyed = false;
  return Object.assign(transport, {
    close: async () => {
      if (owned && !destroyed) await dispatcher.close();
    },
    // Only the Agent made here may be destroyed: it ends every request on it at once, with the reason.
    abortAll: owned
      ? (reason: unknown) => {
          destroyed = true;
          dispatcher.destroy(reason instanceof Error ? reason : null).catch(ignore);
        }
      : undefined,
    // An Agent reports per-origin pool stats; a caller's other dispatcher may not.
    poolStats: () => ((dispatcher as { stats?: Record<string, PoolStats> }).stats ?? {}),
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  // undici hands over a fresh object per response; only repeated headers (arrays) need a copy.
  let plain = true;
  for (const key in headers) {
    const value = headers[key];
    if (typeof value !== 'string') {
      plain = false;
      break;
    }
  }
  if (plain) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

type Body = Dispatcher.ResponseData['body'];

/**
 * The body as text or as bytes, counted as it streams in: past the limit the stream is destroyed,
 * not drained. A declared length within the limit is a promise undici holds the server to (more bytes
 * fail the request), so such a body is read whole, without a chunk loop.
 */
async function readLimited(body: Body, contentLength: string | undefined, limit: number | undefined, as: 'text'): Promise<string>;
async function readLimited(body: Body, contentLength: string | undefined, limit: number | undefined, as: 'bytes'): Promise<Uint8Array>;
async function readLimited(body: Body, contentLength: string | undefined, limit: number | undefined, as: 'text' | 'bytes'): Promise<string | Uint8Array> {
  if (limit === undefined) return as === 'text' ? body.text() : body.bytes();
  if (contentLength !== undefined) {
    const declared = Number(contentLength);
    if (declared > limit) {
      discard(body);
      throw new ResponseTooLargeError(limit);
    }
    if (Number.isSafeInteger(declared)) return as === 'text' ? body.text() : body.bytes();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(chunk);
  }
  // One standalone copy, never a view into undici's pooled buffers.
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return as === 'text' ? new TextDecoder().decode(bytes) : bytes;
}

const ignore = (): void => undefined;

/**
 * Close a body we will not read. Destroying an unread body emits an abort 'error' that nobody is
 * listening for (nothing iterates it), which would crash the process: that one is swallowed.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignore);
  body.destroy();
}
