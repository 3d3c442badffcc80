import type { $ZodType } from 'zod/v4/core';
import { AuthPolicy } from './policies/auth-policy';
import { AuditPolicy } from './policies/audit-policy';
import { IdempotencyPolicy } from './policies/idempotency-policy';
import { MetricsPolicy } from './policies/metrics-policy';
import { RequestHeadersPolicy } from './policies/request-headers-policy';
import { TimeoutPolicy } from './policies/timeout-policy';
import type { AuthProvider } from './auth/auth-provider';
import { StaticTokenAuth } from './auth/auth-provider';
import { SessionAuth } from './auth/session-auth';
import { resolveSettings, type ClientOptions, type ResolvedSettings } from './config';
import { APIError, ConfigError, ResponseValidationError, TimeoutError } from './errors';
import { createDefaultTransport } from './internal/default-transport';
import { parseErrorBody } from './internal/parse-error-body';
import { compileTemplate, fillTemplate, type PathTemplate } from './internal/path-template';
import { queryString } from './internal/query-string';
import { randomId } from './internal/random-id';
import { userAgent } from './internal/user-agent';
import { createLogger, type Logger } from './logger';
import { PagePromise, parsePaginationHeader } from './pagination';
import { Pipeline } from './pipeline';
import { redactText, redactValue } from './redact';
import type { HttpMethod, NovaRequest, NovaResponse, QueryValue, RequestOptions } from './request';
import { RequestMetrics } from './request-metrics';
import { checkResponse } from './response-validation';
import { RetryPolicy } from './retry-policy';
import { parseRetryAfter } from './retry-rules';
import type { OwnedTransport, PoolStats } from './transport';

/** The API version prefix; paths that start with `/api/` or `/health` are taken as they are. */
export const API_PREFIX = '/api/v1';

/** One call, as a domain package describes it. */
export interface CallSpec<T = unknown> {
  method: HttpMethod;
  /** A template like `/vms/{id}/start`, below `/api/v1` (or absolute when it starts with `/api/`). */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Validates the response body according to `responseValidation`. */
  schema?: $ZodType<T>;
  /**
   * `'bytes'`: the answer is binary (an image): the response body is its bytes as a Uint8Array,
   * read under `maxResponseBytes` like any other. An error answer is still parsed as JSON.
   */
  responseType?: 'text' | 'bytes';
  /** Default true: send the bearer token. */
  authenticate?: boolean;
  context?: Record<string, unknown>;
}

/** A list call: a CallSpec with the page size and the page to start at. */
export type ListSpec<W> = CallSpec<W[]> & { pageSize?: number; startPage?: number };

/**
 * The one way to the network. Every SDK method ends here: it builds a NovaRequest and runs it
 * through the pipeline, whose last step is the transport. Auth, retries, caching, metrics,
 * logging and test stubbing all live in the pipeline, so they apply to every call alike.
 */
export class CoreClient {
  readonly settings: ResolvedSettings;
  readonly pipeline: Pipeline;
  readonly metrics = new RequestMetrics();
  readonly logger: Logger;
  /** The login session, when the client logs in (rather than using a static token or none). */
  readonly session: SessionAuth | undefined;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly transport: OwnedTransport;
  /** Calls on this signal do not hand it to the transport: when it aborts, the transport ends them all at once. */
  private closeSignal: AbortSignal | undefined;
  private readonly defaultHeaders: Record<string, string>;
  private readonly auth: AuthProvider;
  private readonly maxResponseBytes: number;
  /** Route templates compiled on first use; domain packages use a few dozen, so this stays small. */
  private readonly templates = new Map<string, PathTemplate>();

  constructor(options: ClientOptions = {}) {
    this.settings = resolveSettings(options);
    this.logger = createLogger(this.settings.logLevel, options.logger);
    this.maxResponseBytes = checkByteLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
    const url = new URL(this.settings.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.defaultHeaders = { accept: 'application/json', 'user-agent': userAgent(options.appInfo), ...lowerKeys(options.headers) };
    this.transport =
      options.transport ?? createDefaultTransport({ fetch: options.fetch, dispatcher: options.dispatcher, timeoutMs: this.settings.timeout * 2, tls: options.tls, env: options.env });

    let auth: AuthProvider;
    const { token, email, username, password } = this.settings;
    if (token !== undefined) {
      auth = new StaticTokenAuth(token);
    } else {
      this.session = new SessionAuth(
        (method, path, body, o) =>
          this.request(
            { method, path, body, authenticate: false, context: { audit: false } },
            { signal: o.signal, headers: o.bearer ? { authorization: `Bearer ${o.bearer}` } : undefined },
          ),
        {
        credentials: password !== undefined ? { email, username, password } : undefined,
        twoFactor: options.twoFactor,
        store: options.tokenStore,
        refreshBufferMs: this.settings.refreshBufferMs,
      });
      auth = this.session;
    }
    this.auth = auth;

    this.pipeline = new Pipeline((request) => this.transportStep(request));
    this.pipeline.add(new TimeoutPolicy(this.settings.timeout), { phase: 'perCall' });
    this.pipeline.add(new IdempotencyPolicy(), { phase: 'perCall' });
    if (options.audit) this.pipeline.add(new AuditPolicy(options.audit), { phase: 'perCall' });
    this.pipeline.add(new RetryPolicy({ maxRetries: this.settings.maxRetries }), { phase: 'retry' });
    this.pipeline.add(new AuthPolicy(auth), { phase: 'perRetry' });
    this.pipeline.add(new RequestHeadersPolicy(), { phase: 'perRetry' });
    this.pipeline.add(new MetricsPolicy(this.metrics, this.logger, this.settings.logLevel), { phase: 'perRetry' });
  }

  /** Run one call through the pipeline and return the whole response. */
  send(spec: CallSpec, options: RequestOptions = {}): Promise<NovaResponse> {
    return this.pipeline.send(this.buildRequest(spec, options));
  }

  /** Run one call and return its body, validated against `spec.schema` when given. */
  request<T = unknown>(spec: CallSpec<T>, options: RequestOptions = {}): Promise<T> {
    let sent: Promise<NovaResponse>;
    try {
      sent = this.send(spec, options);
    } catch (error) {
      // Bad input (a malformed id, a template with a missing parameter) rejects like every other failure.
      return Promise.reject(error);
    }
    const schema = spec.schema;
    if (!schema) return sent.then((response) => response.body as T);
    return sent.then((response) =>
      checkResponse(schema, response.body, this.settings.responseValidation, {
        route: response.request.route,
        requestId: response.requestId,
        logger: this.logger,
      }),
    );
  }

  /**
   * A paginated list: the server answers a bare array and an `X-Pagination` header. `map` turns
   * each wire item into its public shape. Given a function, the spec is built inside: bad input it
   * throws on becomes a rejecting PagePromise, as every other call reports failure.
   */
  list<W, T>(
    specOrBuild: ListSpec<W> | (() => ListSpec<W>),
    map: (wire: W) => T,
    options: RequestOptions = {},
  ): PagePromise<T> {
    let spec: ListSpec<W>;
    try {
      spec = typeof specOrBuild === 'function' ? specOrBuild() : specOrBuild;
    } catch (error) {
      return PagePromise.failed<T>(error);
    }
    return new PagePromise<T>(async (page) => {
      const { pageSize, startPage: _start, ...call } = spec;
      const query = { ...call.query, page, page_size: pageSize };
      const response = await this.send({ ...call, query }, options);
      if (!Array.isArray(response.body)) {
        throw new ResponseValidationError(`The response of ${response.request.route} is not a list.`, [], { requestId: response.requestId, code: 'malformed_response' });
      }
      const wire = spec.schema
        ? checkResponse(spec.schema, response.body, this.settings.responseValidation, { route: response.request.route, requestId: response.requestId, logger: this.logger })
        : (response.body as W[]);
      return { items: wire.map(map), info: parsePaginationHeader(response.headers['x-pagination'], wire.length) };
    }, spec.startPage ?? 1);
  }

  /**
   * The bearer token calls are sent with now (logging in or refreshing first when due), for
   * things that authenticate outside HTTP, like the events WebSocket. Undefined without auth.
   */
  currentToken(signal?: AbortSignal): Promise<string | undefined> {
    return this.auth.getToken(signal);
  }

  /**
   * The connection pool per origin (Node's undici transport; `{}` with a fetch or a custom
   * transport): sockets connected and free, requests running, pending and queued.
   */
  poolStats(): Record<string, PoolStats> {
    return this.transport.poolStats?.() ?? {};
  }

  /**
   * The TLS settings the Node transport connects with (CA, client certificate, minimum version),
   * for other connections to the same server such as `wss://` event streams; undefined when none.
   *
   * @internal
   */
  get tlsConnectOptions(): Record<string, unknown> | undefined {
    return this.transport.tls;
  }

  /**
   * For a client-wide "close" signal (the sdk's lifecycle puts one on every call): when the transport
   * can end every request in flight at once (the undici Agent this client owns), calls on `signal` do
   * not hand it to the transport, which is what a signal costs undici per request (~6 µs of CPU, most
   * of the SDK's overhead on a small GET), and aborting `signal` ends them all instead. Returns false,
   * and changes nothing, when the transport cannot (a fetch, a custom transport, a caller's dispatcher):
   * the signal then goes with each request as before.
   *
   * @internal
   */
  abortTransportWith(signal: AbortSignal): boolean {
    const abortAll = this.transport.abortAll;
    if (abortAll === undefined) return false;
    this.closeSignal = signal;
    if (signal.aborted) abortAll(signal.reason);
    else signal.addEventListener('abort', () => abortAll(signal.reason), { once: true });
    return true;
  }

  /** Close the connection pool. */
  async close(): Promise<void> {
    await this.transport.close?.();
  }

  private buildRequest(spec: CallSpec, options: RequestOptions): NovaRequest {
    let template = this.templates.get(spec.path);
    if (template === undefined) {
      const absolute = spec.path.startsWith('/api/') || spec.path.startsWith('/health');
      template = compileTemplate(absolute ? spec.path : API_PREFIX + spec.path);
      this.templates.set(spec.path, template);
    }
    const path = fillTemplate(template, spec.params);
    const requestId = randomId();
    const headers = options.headers ? { ...this.defaultHeaders, ...lowerKeys(options.headers) } : { ...this.defaultHeaders };
    headers['x-request-id'] = requestId;
    return {
      method: spec.method,
      path,
      route: `${spec.method} ${spec.path}`,
      query: spec.query,
      headers,
      body: spec.body,
      signal: options.signal,
      timeout: options.timeout,
      idempotencyKey: options.idempotencyKey,
      maxRetries: options.maxRetries,
      cache: options.cache,
      maxResponseBytes: options.maxResponseBytes === undefined ? undefined : checkByteLimit(options.maxResponseBytes, 'maxResponseBytes'),
      responseType: spec.responseType,
      authenticate: spec.authenticate ?? true,
      attempt: 1,
      requestId,
      context: spec.context ? { ...spec.context } : {},
    };
  }

  /** The pipeline's last step: serialise, send, parse, and turn a non-2xx into a typed error. */
  private async transportStep(request: NovaRequest): Promise<NovaResponse> {
    const headers = request.headers;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    let timeoutMs: number | undefined;
    if (request.deadline !== undefined) {
      timeoutMs = request.deadline - Date.now();
      if (timeoutMs <= 0) throw new TimeoutError('The call ran out of time before this attempt.', { code: 'timeout', requestId: request.requestId });
    }
    const raw = await this.transport({
      timeoutMs,
      method: request.method,
      origin: this.origin,
      path: this.basePath + request.path + queryString(request.query),
      headers,
      body,
      signal: request.signal === this.closeSignal ? undefined : request.signal,
      maxResponseBytes: request.maxResponseBytes ?? this.maxResponseBytes,
      responseType: request.responseType,
    });
    const requestId = raw.headers['x-request-id'] ?? request.requestId;
    if (request.responseType === 'bytes' && raw.status < 400) {
      if (!raw.bytes) throw new ConfigError('transport', "it answered no `bytes` to a responseType: 'bytes' call");
      return { status: raw.status, headers: raw.headers, body: raw.bytes, requestId, request };
    }
    const parsed = parseBody(raw.text, raw.headers['content-type'], raw.status, request.route, requestId);
    if (raw.status >= 400) {
      const { message, code } = parseErrorBody(parsed, raw.status);
      throw APIError.fromStatus(redactText(`${raw.status} ${message}`), {
        status: raw.status,
        code,
        requestId,
        body: redactValue(parsed),
        headers: raw.headers,
        retryAfterMs: parseRetryAfter(raw.headers),
        attempts: request.attempt,
      });
    }
    return { status: raw.status, headers: raw.headers, body: parsed, requestId, request };
  }
}

function parseBody(text: string, contentType: string | undefined, status: number, route: string, requestId: string): unknown {
  if (text === '') return undefined;
  const looksJson = contentType?.includes('json') || text[0] === '{' || text[0] === '[';
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (status >= 400) return text;
    throw new ResponseValidationError(`The response of ${route} is not valid JSON (malformed or truncated).`, [], {
      requestId,
      code: 'malformed_response',
      cause,
    });
  }
}

/** 16 MiB: far above any answer of this API (a 500-VM page is well under 1 MiB), far below trouble. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

function checkByteLimit(value: number, setting: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(setting, 'must be a positive whole number of bytes');
  return value;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const key in headers) out[key.toLowerCase()] = headers[key]!;
  return out;
}
