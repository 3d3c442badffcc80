import { abortErrorFrom } from './abortable-sleep';
import { ConfigError, ConnectionError, ResponseTooLargeError, TimeoutError, TlsError } from './errors';

/** What reaches the wire: a fully built request. */
export interface TransportRequest {
  method: string;
  /** Absolute origin, e.g. `http://localhost:8090`. */
  origin: string;
  /** Path with query string, e.g. `/api/v1/vms?page=2`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Give up waiting for the answer after this many ms (what is left of the call's deadline). */
  timeoutMs?: number;
  /** Stop reading, and fail with ResponseTooLargeError, past this many body bytes. */
  maxResponseBytes?: number;
  /**
   * `'bytes'`: hand back the body of a success (status below 400) undecoded, as `bytes` (an image,
   * an archive); an error answer is still `text`, for its JSON error body. Default: UTF-8 `text`.
   */
  responseType?: 'text' | 'bytes';
}

export interface TransportResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The whole body as text ('' when empty, and '' when it came as `bytes`). */
  text: string;
  /**
   * The whole body as it came (empty when empty), for a request with `responseType: 'bytes'`
   * answered below 400; a transport must set it then. Absent otherwise.
   */
  bytes?: Uint8Array;
}

/** Per origin, what the Node transport's pool holds: sockets `connected` and `free`, requests `running`, `pending` and `queued`. */
export interface PoolStats {
  connected: number;
  free: number;
  pending: number;
  queued: number;
  running: number;
  size: number;
}

/** The one function that talks to the network. Swap it to stub the SDK in tests or run elsewhere. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A transport the client made and owns, with what the client may also ask of it. */
export type OwnedTransport = Transport & {
  close?(): Promise<void>;
  poolStats?(): Record<string, PoolStats>;
  tls?: Record<string, unknown>;
  /** End every request in flight at once, with `reason` (only a transport that owns its connections has this). */
  abortAll?(reason: unknown): void;
};

/** A transport over a WHATWG `fetch` (browsers, edge runtimes, or an injected fetch in Node). */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  if (typeof fetchImpl !== 'function') throw new ConfigError('fetch', 'no fetch implementation is available; pass one as `fetch`');
  return async (request) => {
    let response: Response;
    const timeout = request.timeoutMs !== undefined ? AbortSignal.timeout(Math.max(1, request.timeoutMs)) : undefined;
    const signal = timeout && request.signal ? anySignal([request.signal, timeout]) : (timeout ?? request.signal);
    try {
      response = await fetchImpl(request.origin + request.path, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
      });
    } catch (error) {
      if (timeout?.aborted && !request.signal?.aborted) throw new TimeoutError('The server did not answer in time.', { cause: error, code: 'timeout' });
      throw toTransportError(error, request.signal);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    try {
      const body = await readLimited(response, request.maxResponseBytes, request.responseType === 'bytes' && response.status < 400);
      return typeof body === 'string' ? { status: response.status, headers, text: body } : { status: response.status, headers, text: '', bytes: body };
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw toTransportError(error, request.signal);
    }
  };
}

/**
 * The body as text (or, with `bytes`, its bytes), read chunk by chunk so a body past the limit is
 * never held whole.
 */
async function readLimited(response: Response, limit: number | undefined, bytes: boolean): Promise<string | Uint8Array> {
  if (limit === undefined || !response.body) return bytes ? new Uint8Array(await response.arrayBuffer()) : response.text();
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(limit);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const chunks: BlobPart[] | undefined = bytes ? [] : undefined;
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks ? new Uint8Array(await new Blob(chunks).arrayBuffer()) : text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    if (chunks) chunks.push(value as Uint8Array<ArrayBuffer>);
    else text += decoder.decode(value, { stream: true });
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Map a low-level failure to the SDK's errors. Messages stay generic (a URL with a token in its
 * query, or a proxy's message, must not leak); the raw error is kept on `.cause`.
 */
export function toTransportError(error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return abortErrorFrom(signal);
  const code = (error as { code?: string } | undefined)?.code ?? (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (code !== undefined && TIMEOUT_CODES.has(code)) return new TimeoutError('The server did not answer in time.', { cause: error, code: 'timeout' });
  const tls = code === undefined ? undefined : tlsCause(code);
  if (tls !== undefined) return new TlsError(`TLS handshake failed: ${tls.what} (${code}).`, { cause: error, code: tls.code });
  return new ConnectionError(`Connection error${code ? ` (${code})` : ''}.`, { cause: error, code: 'connection_error' });
}

/** OpenSSL's and Node's codes for a failed handshake, as a stable code and a plain reason. Codes only: they never carry a URL or a secret. */
function tlsCause(code: string): { code: string; what: string } | undefined {
  if (/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_REVOKED)$/.test(code)) {
    return { code: 'tls_certificate_untrusted', what: "the server's certificate is not trusted" };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { code: 'tls_certificate_name_mismatch', what: "the server's certificate is for another name" };
  if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|WRONG_VERSION_NUMBER/.test(code)) {
    return { code: 'tls_protocol_version', what: 'no TLS version both sides accept' };
  }
  if (/CERTIFICATE_REQUIRED|PEER_DID_NOT_RETURN_A_CERTIFICATE|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA/.test(code)) {
    return { code: 'tls_client_certificate_required', what: 'the server wants a client certificate it trusts' };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return { code: 'tls_handshake_failed', what: 'the handshake was refused' };
  return undefined;
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(signals);
  const controller = new AbortController();
  for (const s of signals) s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  return controller.signal;
}
