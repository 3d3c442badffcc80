import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { metrics, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { createClient, NotFoundError, type NovaCronClient } from '../src';

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
// Exported only when the test asks (forceFlush); the interval is never reached.
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const meterProvider = new MeterProvider({ readers: [reader] });

let sim: Simulator;
let client: NovaCronClient;
let port: number;
beforeAll(async () => {
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 0.05 });
  port = Number(new URL(sim.url).port);
  client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
  await client.me();
});
beforeEach(() => {
  spans.reset();
  sim.controls.faults.clear();
});
afterAll(async () => {
  await client.close();
  await sim.close();
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
  trace.disable();
  metrics.disable();
  propagation.disable();
});

/** The attributes every span and measurement of `template` carries, plus `extra`. */
const semconv = (template: string, extra: Record<string, unknown> = {}) => ({
  'http.request.method': 'GET',
  'server.address': '127.0.0.1',
  'server.port': port,
  'url.template': template,
  ...extra,
});
const clientSpans = () => spans.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
const callSpans = () => spans.getFinishedSpans().filter((s) => s.kind === SpanKind.INTERNAL);
const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;

it('a successful call: one call span, one CLIENT span with exactly the semantic-convention attributes, no error.type', async () => {
  await client.nodes.list().toArray({ limit: 100 });
  const [attempt, ...more] = clientSpans();
  expect(more).toEqual([]);
  expect(attempt!.name).toBe('GET /api/v1/nodes');
  expect(attempt!.attributes).toEqual(semconv('/api/v1/nodes', { 'http.response.status_code': 200 }));
  expect(attempt!.status.code).toBe(SpanStatusCode.UNSET);
  const [call] = callSpans();
  expect(call!.name).toBe('GET /api/v1/nodes');
  expect(parentId(attempt!)).toBe(call!.spanContext().spanId);
  expect(attempt!.spanContext().traceId).toBe(call!.spanContext().traceId);
});

it('a 404: error.type is the status code and the span is an error', async () => {
  await expect(client.nodes.get('no-such-node')).rejects.toBeInstanceOf(NotFoundError);
  const [attempt] = clientSpans();
  expect(attempt!.attributes).toEqual(semconv('/api/v1/nodes/{id}', { 'http.response.status_code': 404, 'error.type': '404' }));
  expect(attempt!.status.code).toBe(SpanStatusCode.ERROR);
  expect(callSpans()[0]!.attributes['error.type']).toBe('404');
});

it('a 503 retried into a 200: two CLIENT spans under one call span, the second with http.request.resend_count 1', async () => {
  sim.controls.faults.inject({ route: 'GET /nodes', status: 503, times: 1 });
  await client.nodes.list().toArray({ limit: 100 });
  const [first, second, ...more] = clientSpans();
  expect(more).toEqual([]);
  expect(first!.attributes).toEqual(semconv('/api/v1/nodes', { 'http.response.status_code': 503, 'error.type': '503' }));
  expect(second!.attributes).toEqual(semconv('/api/v1/nodes', { 'http.request.resend_count': 1, 'http.response.status_code': 200 }));
  const [call] = callSpans();
  expect([parentId(first!), parentId(second!)]).toEqual([call!.spanContext().spanId, call!.spanContext().spanId]);
  expect(call!.attributes['error.type']).toBeUndefined();
});

it('a hedged read: the slow first attempt and the hedge are two CLIENT spans under one call span; the hedge carries http.request.resend_count 1 and answers', async () => {
  const hedged = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {}, resilience: { hedging: { delayMs: 20 } } });
  try {
    await hedged.me();
    spans.reset();
    // The first GET /nodes stalls for a minute; the hedge sent 20 ms later is answered at once and wins.
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 60_000, times: 1 });
    await hedged.nodes.list().toArray({ limit: 100 });
    // The loser ends when its abort lands, which may be just after the call returns.
    await waitFor(() => clientSpans().length === 2);
    const attempts = clientSpans();
    const hedge = attempts.find((s) => s.attributes['http.request.resend_count'] === 1);
    const first = attempts.find((s) => s.attributes['http.request.resend_count'] === undefined);
    expect(hedge!.attributes).toEqual(semconv('/api/v1/nodes', { 'http.request.resend_count': 1, 'http.response.status_code': 200 }));
    expect(first!.attributes['http.response.status_code']).toBeUndefined();
    expect(first!.attributes['error.type']).toBe('AbortError');
    const [call] = callSpans();
    expect([parentId(first!), parentId(hedge!)]).toEqual([call!.spanContext().spanId, call!.spanContext().spanId]);
    expect(call!.attributes['http.response.status_code']).toBe(200);
  } finally {
    await hedged.close({ timeoutMs: 0 });
  }
});

it('records http.client.request.duration per attempt with the same attribute sets', async () => {
  sim.controls.faults.inject({ route: 'GET /nodes', status: 503, times: 1 });
  await client.nodes.list().toArray({ limit: 100 });
  metricExporter.reset();
  await reader.forceFlush();
  const histogram = metricExporter
    .getMetrics()
    .flatMap((r) => r.scopeMetrics)
    .flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === 'http.client.request.duration') as HistogramMetricData | undefined;
  expect(histogram?.descriptor.unit).toBe('s');
  const points = histogram!.dataPoints.filter((p) => p.attributes['url.template'] === '/api/v1/nodes');
  const byStatus = Object.fromEntries(points.map((p) => [String(p.attributes['http.response.status_code']), p.attributes]));
  expect(byStatus['503']).toEqual(semconv('/api/v1/nodes', { 'http.response.status_code': 503, 'error.type': '503' }));
  expect(byStatus['200']).toEqual(semconv('/api/v1/nodes', { 'http.response.status_code': 200 }));
  for (const p of points) expect(p.value.count).toBeGreaterThanOrEqual(1);
});

it("keeps undici's diagnostics_channel events, with the attempt span's W3C traceparent on the request", async () => {
  const seen: Array<{ path: string; headers: unknown }> = [];
  const onCreate = (message: unknown) => {
    const request = (message as { request: { path: string; headers: unknown } }).request;
    seen.push({ path: request.path, headers: request.headers });
  };
  subscribe('undici:request:create', onCreate);
  try {
    await client.nodes.list().toArray({ limit: 100 });
  } finally {
    unsubscribe('undici:request:create', onCreate);
  }
  const created = seen.filter((r) => r.path.startsWith('/api/v1/nodes'));
  expect(created).toHaveLength(1);
  const [attempt] = clientSpans();
  const raw = created[0]!.headers;
  const text = Array.isArray(raw) ? raw.map(String).join('\n') : String(raw);
  expect(text).toContain(`00-${attempt!.spanContext().traceId}-${attempt!.spanContext().spanId}-01`);
});

/** Polls a condition on the event loop (no fixed sleep); fails after 5 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
