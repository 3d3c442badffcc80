export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** Options every SDK method takes as its last argument. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Milliseconds for the whole call, retries included. */
  timeout?: number;
  headers?: Record<string, string>;
  /** Reused across retries; generated for POST/PATCH when absent. */
  idempotencyKey?: string;
  maxRetries?: number;
  /** Bypass a cache policy for this call (read through to the server). */
  cache?: 'default' | 'no-cache' | 'no-store';
  /** Largest response body this call reads, in bytes (the client's `maxResponseBytes` otherwise). */
  maxResponseBytes?: number;
}

/**
 * One logical call as it travels through the pipeline. Policies may read and change it. Every
 * attempt (a retry, a hedge, an auth replay) runs on its own copy made by `attemptRequest`, so
 * what one attempt writes in `headers` or `context` never reaches another, and the request on a
 * response is the one that attempt sent.
 */
export interface NovaRequest {
  method: HttpMethod;
  /** Path below the base URL, with ids filled in, e.g. `/api/v1/vms/vm-1`. */
  path: string;
  /** The route template, e.g. `GET /vms/{id}`: metrics, breakers and caches key on it. */
  route: string;
  query?: Record<string, QueryValue>;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  timeout?: number;
  idempotencyKey?: string;
  maxRetries?: number;
  cache?: 'default' | 'no-cache' | 'no-store';
  maxResponseBytes?: number;
  /** `'bytes'`: the response body is the raw bytes (a Uint8Array), not parsed JSON or text. */
  responseType?: 'text' | 'bytes';
  /** false for calls that must not carry a token (login, refresh). */
  authenticate: boolean;
  /** Epoch ms by which the whole call must be done (set by the timeout policy). */
  deadline?: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The id of this logical call, sent as X-Request-Id on every attempt. */
  requestId: string;
  /** Free slots for policies to pass facts along (e.g. the resource a write touches). */
  context: Record<string, unknown>;
}

export interface NovaResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /**
   * Parsed JSON, or the text when the body was not JSON, or undefined when empty; for a call with
   * `responseType: 'bytes'`, the body's bytes (a Uint8Array, empty when the body is).
   */
  body: T;
  requestId: string | undefined;
  request: NovaRequest;
}

/** @internal Exported for the other @novacron packages; not part of the public API. */
export function isMutating(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PATCH' || method === 'PUT' || method === 'DELETE';
}

/**
 * A copy of `request` for one attempt: its own `headers` and `context` (shallow), so per-attempt
 * state such as the bearer header or the auth replay flag stays with that attempt.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export function attemptRequest(request: NovaRequest, changes?: Partial<NovaRequest>): NovaRequest {
  return { ...request, headers: { ...request.headers }, context: { ...request.context }, ...changes };
}
