import { SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { createClient, type NovaCronClient } from '../src';

// Counts how often the OTel policies' module is loaded (the factory runs on the first require only).
const mockLoads = { count: 0 };
jest.mock('@novacron/core/otel', () => {
  mockLoads.count++;
  return jest.requireActual('@novacron/core/otel');
});

const OTEL_GLOBAL = Symbol.for('opentelemetry.js.api.1');
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });

let sim: Simulator;
let client: NovaCronClient;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 0.05 });
  client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
});
afterAll(async () => {
  await client.close();
  await sim.close();
  await tracerProvider.shutdown();
  trace.disable();
});

it('loads the OTel policies only once OpenTelemetry is registered, and traces every call from then on', async () => {
  // Nothing registered: calls go through, the policies are never loaded.
  const nodes = await client.nodes.list().toArray({ limit: 100 });
  expect((globalThis as Record<symbol, unknown>)[OTEL_GLOBAL]).toBeUndefined();
  expect(mockLoads.count).toBe(0);
  expect(client.pipeline.list().map((p) => p.name)).toEqual(expect.arrayContaining(['otel-call', 'otel']));

  // The app registers a tracer after the client's first calls: the next call has its spans.
  trace.setGlobalTracerProvider(tracerProvider);
  await client.nodes.get(nodes[0]!.id);
  expect(mockLoads.count).toBe(1);
  const finished = spans.getFinishedSpans();
  const call = finished.filter((s) => s.kind === SpanKind.INTERNAL);
  const attempts = finished.filter((s) => s.kind === SpanKind.CLIENT);
  expect(call.map((s) => s.name)).toEqual(['GET /api/v1/nodes/{id}']);
  expect(attempts.map((s) => s.name)).toEqual(['GET /api/v1/nodes/{id}']);
  expect(attempts[0]!.parentSpanContext?.spanId).toBe(call[0]!.spanContext().spanId);

  // Loaded once per process, not per call.
  spans.reset();
  await client.nodes.get(nodes[0]!.id);
  expect(mockLoads.count).toBe(1);
  expect(spans.getFinishedSpans()).toHaveLength(2);
});
