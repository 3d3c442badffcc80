import { randomUUID } from 'node:crypto';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { CircuitOpenError, ConfigError, createClient, type NovaCronClient } from '../src';

/** The seed's production configuration, variable by variable: each does what its name says. */
const LOGIN = { NOVACRON_EMAIL: 'admin@novacron.local', NOVACRON_PASSWORD: 'admin123' };

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

function client(env: Record<string, string>): NovaCronClient {
  const c = createClient({ env: { NOVACRON_API_URL: sim.url, ...LOGIN, ...env } });
  clients.push(c);
  return c;
}

const served = (route: string) => sim.controls.stats().byRoute[route] ?? 0;

it('NOVACRON_API_URL is where calls go', async () => {
  const c = client({});
  expect(c.core.settings.baseUrl).toBe(sim.url);
  const before = served('GET /nodes');
  expect((await c.nodes.list().toArray({ limit: 100 })).length).toBeGreaterThan(0);
  expect(served('GET /nodes')).toBe(before + 1);
});

it('NOVACRON_LOG_LEVEL sets what reaches the logger', async () => {
  const lines = (level: string) => {
    const seen: string[] = [];
    const sink = { error: () => seen.push('error'), warn: () => seen.push('warn'), info: () => seen.push('info'), debug: () => seen.push('debug') };
    const c = createClient({ env: { NOVACRON_API_URL: sim.url, ...LOGIN, NOVACRON_LOG_LEVEL: level }, logger: sink });
    clients.push(c);
    return { c, seen };
  };
  const debug = lines('debug');
  await debug.c.nodes.list().toArray({ limit: 100 });
  expect(debug.seen).toContain('debug');
  const error = lines('error');
  await error.c.nodes.list().toArray({ limit: 100 });
  expect(error.seen).toEqual([]);
});

it('NOVACRON_ENABLE_METRICS=false keeps no per-route metrics; true (the default) does', async () => {
  const on = client({ NOVACRON_ENABLE_METRICS: 'true' });
  const off = client({ NOVACRON_ENABLE_METRICS: 'false' });
  await on.nodes.list().toArray({ limit: 100 });
  await off.nodes.list().toArray({ limit: 100 });
  expect(on.metrics.snapshot().map((r) => r.route)).toContain('GET /nodes');
  expect(off.metrics.snapshot()).toEqual([]);
});

it('NOVACRON_CIRCUIT_BREAKER_THRESHOLD opens the route after that many failures in a row', async () => {
  sim.controls.faults.inject({ route: 'GET /nodes', status: 503 });
  const failThrice = async (c: NovaCronClient) => {
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await c.nodes.list().toArray({ limit: 100 }).then(() => undefined, (e: unknown) => e));
    return errors;
  };
  const before = served('GET /nodes');
  const two = await failThrice(client({ NOVACRON_CIRCUIT_BREAKER_THRESHOLD: '2', NOVACRON_MAX_RETRIES: '0' }));
  expect(two[2]).toBeInstanceOf(CircuitOpenError);
  expect(served('GET /nodes')).toBe(before + 2);
  const five = await failThrice(client({ NOVACRON_CIRCUIT_BREAKER_THRESHOLD: '5', NOVACRON_MAX_RETRIES: '0' }));
  expect(five.some((e) => e instanceof CircuitOpenError)).toBe(false);
  expect(served('GET /nodes')).toBe(before + 5);
});

it('NOVACRON_CACHE_TTL caches GETs for that many seconds; without it nothing is cached', async () => {
  const cached = client({ NOVACRON_CACHE_TTL: '300' });
  const plain = client({});
  const [vm] = await plain.nodes.list().toArray({ limit: 1 });
  const before = served('GET /nodes/{id}');
  await cached.nodes.get(vm!.id);
  await cached.nodes.get(vm!.id);
  expect(served('GET /nodes/{id}')).toBe(before + 1);
  expect(cached.cache).toBeDefined();
  await plain.nodes.get(vm!.id);
  await plain.nodes.get(vm!.id);
  expect(served('GET /nodes/{id}')).toBe(before + 3);
  expect(plain.cache).toBeUndefined();
});

it('NOVACRON_REDIS_URL wires the two-level cache: a second client (another process) is served from Redis', async () => {
  const env = { NOVACRON_REDIS_URL: 'redis://127.0.0.1:6379', NOVACRON_CACHE_PREFIX: `env-test:${randomUUID()}:`, NOVACRON_CACHE_TTL: '300' };
  const a = client(env);
  const b = client(env);
  await Promise.all([a.cache!.ready(), b.cache!.ready()]);
  const [vm] = await a.nodes.list().toArray({ limit: 1 });
  const before = served('GET /nodes/{id}');
  expect((await a.nodes.get(vm!.id)).id).toBe(vm!.id);
  expect((await b.nodes.get(vm!.id)).id).toBe(vm!.id);
  expect(served('GET /nodes/{id}')).toBe(before + 1);
  expect(b.cache!.metrics()).toMatchObject({ l2: expect.objectContaining({ hits: 1 }) });
  expect((await b.healthCheck()).checks['redis']).toMatchObject({ status: 'pass' });
});

it.each([
  ['NOVACRON_CACHE_TTL', 'five minutes'],
  ['NOVACRON_CACHE_TTL', '0'],
  ['NOVACRON_ENABLE_METRICS', 'maybe'],
  ['NOVACRON_CIRCUIT_BREAKER_THRESHOLD', 'lots'],
  ['NOVACRON_LOG_LEVEL', 'loud'],
  ['NOVACRON_API_URL', 'ftp://example.com'],
])('a bad %s (%s) is a ConfigError naming it, before any request', (variable, value) => {
  const make = () => createClient({ env: { [variable]: value } });
  expect(make).toThrow(ConfigError);
  expect(make).toThrow(variable);
});
