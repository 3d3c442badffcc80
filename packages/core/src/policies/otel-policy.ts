import { context, isSpanContextValid, metrics, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Histogram, type MeterProvider, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { APIError } from '../errors';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';

const SCOPE = '@novacron/core';
/** Where the call span's context travels from the call policy to each attempt (no context manager needed). */
const CALL_CONTEXT = 'otel.callContext';
/**
 * Requests sent so far for the call, shared by its attempts (`attemptRequest` copies `context`
 * shallowly, so they all see this one object): retries, hedges and auth replays each count, so
 * every resend gets its own `http.request.resend_count`, in the order they were sent.
 */
const SENT = 'otel.sent';
/** The call's route facts, looked up once by the call policy for every attempt of that call. */
const FACTS = 'otel.routeFacts';
/** The semantic conventions' advice for `http.client.request.duration`, in seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export interface OtelPolicyOptions {
  /** The client's base URL: `server.address` and `server.port` come from it. */
  baseUrl: string;
  /** The prefix relative templates are served under; `/api/v1` for this API. */
  apiPrefix: string;
}

interface Target {
  address: string;
  port: number;
  apiPrefix: string;
}

/** What every span and measurement of one route carries; built once per route, never changed after. */
interface RouteFacts {
  /** The span name: `GET /api/v1/vms/{id}`. */
  name: string;
  attributes: Attributes;
  /** Per status code: `attributes` plus `http.response.status_code`, for the duration histogram. */
  byStatus: Map<number, Attributes>;
}

/** Route facts per `request.route` (a few dozen templates), so a call allocates no attribute sets. */
class RouteTable {
  private readonly routes = new Map<string, RouteFacts>();
  constructor(private readonly target: Target) {}

  get(request: NovaRequest): RouteFacts {
    let facts = this.routes.get(request.route);
    if (facts === undefined) {
      const template = urlTemplate(request, this.target);
      facts = {
        name: `${request.method} ${template}`,
        attributes: { 'http.request.method': request.method, 'server.address': this.target.address, 'server.port': this.target.port, 'url.template': template },
        byStatus: new Map(),
      };
      this.routes.set(request.route, facts);
    }
    return facts;
  }

  withStatus(facts: RouteFacts, status: number): Attributes {
    let attributes = facts.byStatus.get(status);
    if (attributes === undefined) {
      attributes = { ...facts.attributes, 'http.response.status_code': status };
      facts.byStatus.set(status, attributes);
    }
    return attributes;
  }
}

/**
 * The tracer of the provider registered now, asked for again only when that changes. Not cached
 * once for good: when the application's copy of the API is not this one, a provider it registers
 * after the first call reaches this copy only through the global it reads on every call.
 */
let tracer: { provider: TracerProvider; tracer: Tracer } | undefined;
function getTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (tracer?.provider !== provider) tracer = { provider, tracer: provider.getTracer(SCOPE) };
  return tracer.tracer;
}

function targetOf(options: OtelPolicyOptions): Target {
  const url = new URL(options.baseUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { address: url.hostname.replace(/^\[|\]$/g, ''), port, apiPrefix: new URL(options.baseUrl).pathname.replace(/\/+$/, '') + options.apiPrefix };
}

/** `GET /vms/{id}` → `/api/v1/vms/{id}`: the route template as the server serves it. */
function urlTemplate(request: NovaRequest, target: Target): string {
  const template = request.route.slice(request.method.length + 1);
  return template.startsWith('/api/') || template.startsWith('/health') ? template : target.apiPrefix + template;
}

/** Low-cardinality `error.type`: the status code for an HTTP error, the error's class otherwise. */
function errorType(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) return String(error.status);
  return error instanceof Error ? error.name : '_OTHER';
}

/**
 * One INTERNAL span per logical call (`GET /api/v1/vms/{id}`), around retries, hedges and the
 * cache. Goes in the `perCall` phase.
 */
export class OtelCallPolicy implements Policy {
  readonly name = 'otel-call';
  private readonly routes: RouteTable;

  constructor(options: OtelPolicyOptions) {
    this.routes = new RouteTable(targetOf(options));
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const facts = this.routes.get(request);
    request.context[FACTS] = facts;
    const span = getTracer().startSpan(facts.name, { kind: SpanKind.INTERNAL, attributes: facts.attributes });
    // A span that records nothing and carries no trace (no OTel SDK, nothing to continue) adds nothing
    // to the attempts' context: skip building one.
    if (carries(span)) {
      request.context[CALL_CONTEXT] = trace.setSpan(context.active(), span);
      request.context[SENT] = { count: 0 };
    }
    return sendThen(request, next).then(
      (response) => {
        span.setAttribute('http.response.status_code', response.status);
        span.end();
        return response;
      },
      (error: unknown) => {
        fail(span, error);
        span.end();
        throw error;
      },
    );
  }
}

/**
 * One CLIENT span per attempt (every resend, whether a retry, a hedge or an auth replay, carries
 * `http.request.resend_count`), the W3C context
 * injected into the attempt's headers through the global propagator, and the
 * `http.client.request.duration` histogram. Goes in the `perRetry` phase.
 */
export class OtelAttemptPolicy implements Policy {
  readonly name = 'otel';
  private readonly routes: RouteTable;
  private provider: MeterProvider | undefined;
  private histogram: Histogram | undefined;

  constructor(options: OtelPolicyOptions) {
    this.routes = new RouteTable(targetOf(options));
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const facts = (request.context[FACTS] as RouteFacts | undefined) ?? this.routes.get(request);
    const attributes = facts.attributes;
    const sent = request.context[SENT] as { count: number } | undefined;
    // Without a recording call span (or without the call policy) the retry ordinal is the best count there is.
    const resends = sent ? sent.count++ : request.attempt - 1;
    const spanAttributes = resends > 0 ? { ...attributes, 'http.request.resend_count': resends } : attributes;
    const parent = (request.context[CALL_CONTEXT] as Context | undefined) ?? context.active();
    const span = getTracer().startSpan(facts.name, { kind: SpanKind.CLIENT, attributes: spanAttributes }, parent);
    propagation.inject(carries(span) ? trace.setSpan(parent, span) : parent, request.headers);
    const started = performance.now();
    return sendThen(request, next).then(
      (response) => {
        span.setAttribute('http.response.status_code', response.status);
        span.end();
        this.record(started, this.routes.withStatus(facts, response.status));
        return response;
      },
      (error: unknown) => {
        fail(span, error);
        span.end();
        const status = error instanceof APIError ? error.status : undefined;
        this.record(started, { ...attributes, ...(status !== undefined && { 'http.response.status_code': status }), 'error.type': errorType(error) });
        throw error;
      },
    );
  }

  private record(started: number, attributes: Attributes): void {
    // The global MeterProvider may be set after the client was made: follow it.
    const provider = metrics.getMeterProvider();
    if (provider !== this.provider || this.histogram === undefined) {
      this.provider = provider;
      this.histogram = provider.getMeter(SCOPE).createHistogram('http.client.request.duration', {
        unit: 's',
        description: 'Duration of HTTP client requests.',
        advice: { explicitBucketBoundaries: DURATION_BUCKETS },
      });
    }
    this.histogram.record((performance.now() - started) / 1000, attributes);
  }
}

/** `next(request)` as a promise even when a policy below throws synchronously (promise chains, not async frames: fewer hops per call). */
function sendThen(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
  try {
    return next(request);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Whether a span is worth a context of its own: it records, or it continues a trace (sampled out, still propagated). */
function carries(span: Span): boolean {
  return span.isRecording() || isSpanContextValid(span.spanContext());
}

function fail(span: Span, error: unknown): void {
  if (error instanceof APIError && error.status !== undefined) span.setAttribute('http.response.status_code', error.status);
  span.setAttribute('error.type', errorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : undefined });
}
