import { Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { createCache, type BusListener, type InvalidationBus } from '@novacron/cache';
import { eventually, startSimulator, type Simulator } from '@novacron/simulator';
import { APIError, CircuitOpenError, createClient, NotFoundError, type NovaCronClient, type NovaCronClientOptions } from '../src';
import { registerPrometheusCollectors } from '../src/prometheus';

let sim: Simulator;
const clients: NovaCronClient[] = [];
beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0.05 });
});
afterEach(async () => {
  sim.controls.faults.clear();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => sim.close());

function client(options: Pick<NovaCronClientOptions, 'resilience'> = {}): NovaCronClient {
  const c = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {}, cache: { cache: createCache(), defaultTtl: 60_000 }, ...options });
  clients.push(c);
  return c;
}

async function metric(registry: Registry, name: string): Promise<MetricObjectWithValues<MetricValue<string>> | undefined> {
  return (await registry.getMetricsAsJSON()).find((m) => m.name === name) as MetricObjectWithValues<MetricValue<string>> | undefined;
}

const valueOf = (m: MetricObjectWithValues<MetricValue<string>> | undefined, labels: Record<string, string>, metricName?: string) =>
  m?.values.find((v) => (metricName === undefined || (v as { metricName?: string }).metricName === metricName) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;

it('registers request durations, resilience events, cache lookups, breaker states, in-flight calls and process metrics', async () => {
  const registry = new Registry();
  const c = client();
  registerPrometheusCollectors(registry, c);
  const [node] = await c.nodes.list().toArray({ limit: 100 });
  await c.nodes.get(node!.id);
  await c.nodes.get(node!.id); // from L1
  await expect(c.nodes.get('no-such-node')).rejects.toBeInstanceOf(NotFoundError);
  sim.controls.faults.inject({ route: 'GET /networks', status: 503, times: 1 });
  await c.networks.list().toArray({ limit: 100 });

  const duration = await metric(registry, 'novacron_client_request_duration_seconds');
  expect(valueOf(duration, { route: 'GET /nodes/{id}', outcome: '2xx' }, 'novacron_client_request_duration_seconds_count')).toBe(1);
  expect(valueOf(duration, { route: 'GET /nodes/{id}', outcome: '4xx' }, 'novacron_client_request_duration_seconds_count')).toBe(1);
  expect(valueOf(duration, { route: 'GET /networks', outcome: '5xx' }, 'novacron_client_request_duration_seconds_count')).toBe(1);
  expect(valueOf(duration, { route: 'GET /networks', outcome: '2xx' }, 'novacron_client_request_duration_seconds_count')).toBe(1);
  expect(valueOf(await metric(registry, 'novacron_resilience_events_total'), { event: 'retry', route: 'GET /networks' })).toBe(1);
  expect(valueOf(await metric(registry, 'novacron_circuit_breaker_state'), { route: 'GET /networks' })).toBe(0);
  expect(valueOf(await metric(registry, 'novacron_client_in_flight_calls'), {})).toBe(0);
  const cache = await metric(registry, 'novacron_cache_requests_total');
  expect(valueOf(cache, { tier: 'l1', result: 'hit' })).toBe(1);
  expect(valueOf(cache, { tier: 'l1', result: 'miss' })).toBeGreaterThanOrEqual(2);
  // A second scrape adds only what happened in between.
  await c.nodes.get(node!.id);
  expect(valueOf(await metric(registry, 'novacron_cache_requests_total'), { tier: 'l1', result: 'hit' })).toBe(2);

  // The pool: one keep-alive socket at least; nothing running once every call has settled.
  const pool = await metric(registry, 'novacron_client_pool_connections');
  expect(valueOf(pool, { state: 'connected' })).toBeGreaterThanOrEqual(1);
  expect(valueOf(pool, { state: 'running' })).toBe(0);

  // A handler held on its first event: the events after it wait, and the lag gauge counts them.
  const stream = await c.events();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  stream.on('*', () => held);
  await stream.start();
  expect(valueOf(await metric(registry, 'novacron_event_streams'), { state: 'open' })).toBe(1);
  await c.vms.create({ name: 'lag-probe-1' });
  await c.vms.create({ name: 'lag-probe-2' });
  await eventually(async () => ((valueOf(await metric(registry, 'novacron_event_stream_lag_events'), {}) ?? 0) >= 1 ? true : undefined));
  release();
  stream.close();
  expect(valueOf(await metric(registry, 'novacron_event_streams'), { state: 'open' })).toBeUndefined();

  const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
  expect(names).toEqual(expect.arrayContaining(['novacron_process_cpu_user_seconds_total', 'novacron_process_resident_memory_bytes', 'novacron_nodejs_eventloop_lag_seconds', 'novacron_nodejs_gc_duration_seconds']));
});

it('serves in its text what the cache snapshot, the breakers and the resilience events hold (the SDK renders no Prometheus text itself)', async () => {
  const registry = new Registry();
  const c = client({ resilience: { retry: false, circuitBreaker: { threshold: 2 } } });
  registerPrometheusCollectors(registry, c, { defaultMetrics: false });
  const [node] = await c.nodes.list().toArray({ limit: 100 });
  await c.nodes.get(node!.id); // L1 miss: from the server
  await c.nodes.get(node!.id); // L1 hit
  await c.nodes.get(node!.id); // L1 hit
  sim.controls.faults.inject({ route: 'GET /networks', status: 503 });
  for (let i = 0; i < 2; i++) await expect(c.networks.list().toArray({ limit: 100 })).rejects.toBeInstanceOf(APIError);
  await expect(c.networks.list().toArray({ limit: 100 })).rejects.toBeInstanceOf(CircuitOpenError);

  const snapshot = c.cache!.metrics();
  expect(snapshot.l1.hits).toBe(2);
  const text = await registry.metrics();
  expect(text).toContain(`novacron_cache_requests_total{tier="l1",result="hit"} ${snapshot.l1.hits}`);
  expect(text).toContain(`novacron_cache_requests_total{tier="l1",result="miss"} ${snapshot.l1.misses}`);
  expect(text).toContain('novacron_circuit_breaker_state{route="GET /networks"} 2');
  expect(text).toContain('novacron_circuit_breaker_state{route="GET /nodes/{id}"} 0');
  expect(text).toContain('novacron_resilience_events_total{event="breakerOpen",route="GET /networks"} 1');
  expect(text).toMatch(/^novacron_client_request_duration_seconds_count\{method="GET",route="GET \/networks",outcome="5xx"\} 2$/m);
  expect(text).not.toMatch(/^novacron_client_requests_total/m);
  expect('toPrometheus' in c.metrics).toBe(false);
  expect('metrics' in c.resilience!).toBe(false);
});

it('exposes the cache loads, stale values, L1 size, retry budget and send rate as the snapshots hold them', async () => {
  const registry = new Registry();
  const c = client({ resilience: { rateLimit: { requestsPerSecond: 500 } } });
  registerPrometheusCollectors(registry, c, { defaultMetrics: false });
  const [node] = await c.nodes.list().toArray({ limit: 100 });
  await c.nodes.get(node!.id); // a miss: one load from the server
  await c.nodes.get(node!.id); // an L1 hit: no load
  await expect(c.nodes.get('no-such-node')).rejects.toBeInstanceOf(NotFoundError); // a load that failed

  const m = c.cache!.metrics();
  const loads = await metric(registry, 'novacron_cache_loads_total');
  expect(valueOf(loads, { result: 'error' })).toBe(m.factory.errors);
  expect(m.factory.errors).toBe(1);
  expect(valueOf(loads, { result: 'ok' })).toBe(m.factory.calls - m.factory.errors - m.factory.timeouts);
  expect(valueOf(loads, { result: 'ok' })).toBeGreaterThanOrEqual(2);
  expect(valueOf(loads, { result: 'timeout' })).toBe(0);
  expect(valueOf(await metric(registry, 'novacron_cache_stale_served_total'), {})).toBe(0);
  expect(valueOf(await metric(registry, 'novacron_cache_l1_entries'), {})).toBe(m.l1.entries);
  expect(m.l1.entries).toBeGreaterThanOrEqual(2);
  expect(valueOf(await metric(registry, 'novacron_cache_l1_bytes'), {})).toBe(m.l1.bytes);
  // An L1-only cache: its Redis breaker reads closed and no bus is subscribed.
  expect(m.l2.breaker).toBe('closed');
  expect(valueOf(await metric(registry, 'novacron_cache_l2_breaker_state'), {})).toBe(0);
  expect(valueOf(await metric(registry, 'novacron_cache_bus_connected'), {})).toBe(m.bus.connected ? 1 : 0);
  const budget = (c.resilience!.retryBudget as unknown as { available: number }).available;
  expect(valueOf(await metric(registry, 'novacron_retry_budget_tokens'), {})).toBe(budget);
  expect(valueOf(await metric(registry, 'novacron_rate_limit_requests_per_second'), {})).toBe(500);
});

it('counts the invalidation bus gaps the cache reports, by what changed since the last scrape', async () => {
  // A bus of our own (the public InvalidationBus interface): the test reports the gaps itself.
  let listener: BusListener | undefined;
  const bus: InvalidationBus = {
    connected: true,
    start: async (l) => void (listener = l),
    publish: async () => undefined,
    close: async () => undefined,
  };
  const cache = createCache({ bus });
  await cache.ready();
  const c = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {}, cache: { cache, defaultTtl: 60_000 } });
  clients.push(c);
  const registry = new Registry();
  registerPrometheusCollectors(registry, c, { defaultMetrics: false });
  expect(valueOf(await metric(registry, 'novacron_cache_bus_gaps_total'), {})).toBe(0);
  listener!.gap('trimmed');
  listener!.gap('lost');
  expect(valueOf(await metric(registry, 'novacron_cache_bus_gaps_total'), {})).toBe(2);
  listener!.gap();
  expect(valueOf(await metric(registry, 'novacron_cache_bus_gaps_total'), {})).toBe(3);
  expect(cache.metrics().bus.gaps).toBe(3);
});

it('keeps every label within a bounded number of values, however many routes are called', async () => {
  const LIMIT = 4;
  const OTHER_LABELS_LIMIT = 16;
  const registry = new Registry();
  const c = client();
  registerPrometheusCollectors(registry, c, { maxRoutes: LIMIT - 1, defaultMetrics: false });
  const [node] = await c.nodes.list().toArray({ limit: 100 });
  await c.nodes.get(node!.id);
  await c.vms.list().toArray({ limit: 100 });
  await c.networks.list().toArray({ limit: 100 });
  await c.migrations.list().toArray({ limit: 100 });
  await c.me();
  for (const m of await registry.getMetricsAsJSON()) {
    const byLabel = new Map<string, Set<string>>();
    for (const v of (m as MetricObjectWithValues<MetricValue<string>>).values) {
      for (const [k, l] of Object.entries(v.labels)) {
        if (k === 'le') continue;
        if (!byLabel.has(k)) byLabel.set(k, new Set());
        byLabel.get(k)!.add(String(l));
      }
    }
    // Routes are bounded by maxRoutes (+ "other"); every other label has a small fixed set of values.
    const bound = (label: string) => (label === 'route' ? LIMIT : OTHER_LABELS_LIMIT);
    for (const [label, values] of byLabel) expect({ metric: m.name, label, count: values.size }).toEqual({ metric: m.name, label, count: Math.min(values.size, bound(label)) });
  }
  const routes = new Set((await metric(registry, 'novacron_client_request_duration_seconds'))!.values.map((v) => v.labels['route']));
  expect(routes.has('other')).toBe(true);
  expect(routes.size).toBe(LIMIT);
});

it('detach() stops feeding the collectors', async () => {
  const registry = new Registry();
  const c = client();
  const collectors = registerPrometheusCollectors(registry, c, { defaultMetrics: false });
  await c.me();
  collectors.detach();
  await c.me();
  const duration = await metric(registry, 'novacron_client_request_duration_seconds');
  expect(valueOf(duration, { route: 'GET /api/auth/me' }, 'novacron_client_request_duration_seconds_count')).toBe(1);
  expect(c.pipeline.has('prometheus')).toBe(false);
});
