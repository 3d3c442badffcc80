import { startSimulator, eventually, type Simulator } from '@novacron/simulator';
import { createCache } from '@novacron/cache';
import { CircuitOpenError, createClient, ResponseValidationError, type NovaCronClient } from '../src';

const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };

describe('createClient wiring', () => {
  let sim: Simulator;
  const clients: NovaCronClient[] = [];
  const make = (o: Parameters<typeof createClient>[0] = {}) => {
    const c = createClient({ baseUrl: sim.url, ...ADMIN, env: {}, ...o });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('runs the resilience preset by default, in order, and opens a breaker per route', async () => {
    const client = make({ maxRetries: 0, resilience: { circuitBreaker: { threshold: 3, halfOpenAfterMs: 60_000 } } });
    expect(client.pipeline.list().map((p) => p.name)).toEqual(expect.arrayContaining(['timeout', 'retry', 'circuitBreaker', 'auth']));
    await client.nodes.list();
    const rule = sim.controls.faults.inject({ route: 'GET /nodes', status: 503 });
    for (let i = 0; i < 3; i++) await client.nodes.list().catch(() => undefined);
    sim.controls.resetStats();
    await expect(client.nodes.list()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(sim.controls.stats().byRoute['GET /nodes'] ?? 0).toBe(0);
    // Another route is unaffected.
    await expect(client.vms.list()).resolves.toBeDefined();
    expect(client.resilience!.breakers().find((b) => b.route === 'GET /nodes')?.state).toBe('open');
    sim.controls.faults.remove(rule);
  });

  it('leaves core alone with resilience: false', () => {
    const client = make({ resilience: false });
    expect(client.resilience).toBeUndefined();
    expect(client.pipeline.has('circuitBreaker')).toBe(false);
    expect(client.pipeline.has('retry')).toBe(true);
  });

  it('caches GETs per user, and a write through the client invalidates them', async () => {
    const cache = createCache();
    const client = make({ cache: { cache, routes: { '/vms/{id}': 60_000 } } });
    const vm = await client.vms.create({ name: 'cached', memoryMb: 256 });
    sim.controls.resetStats();
    await client.vms.get(vm.id);
    await client.vms.get(vm.id);
    expect(sim.controls.stats().byRoute['GET /vms/{id}']).toBe(1);
    await client.vms.update(vm.id, { name: 'cached-2' });
    expect((await client.vms.get(vm.id)).name).toBe('cached-2');
    expect(sim.controls.stats().byRoute['GET /vms/{id}']).toBe(2);
    // Another tenant's client on the same cache never sees this entry.
    const alice = make({ email: 'alice@tenant-b.local', password: 'alice123', cache: { cache, routes: { '/vms/{id}': 60_000 } } });
    await expect(alice.vms.get(vm.id)).rejects.toMatchObject({ status: 404 });
  });

  it('streams events on its own token, and keeps a VM informer equal to the server', async () => {
    const client = make();
    const informer = await client.watchVms({ heartbeatIntervalMs: 1_000 });
    try {
      const vm = await client.vms.create({ name: 'watched', memoryMb: 256 });
      await client.vms.waitUntilRunning(vm.id);
      await eventually(() => (informer.get(vm.id)?.state === 'running' ? true : undefined), 10_000);
      const server = sim.controls.snapshot().vms.filter((v) => v.tenant_id === 'default');
      await eventually(() => (informer.list().length === server.length ? true : undefined), 10_000);
      expect(informer.get(vm.id)).toMatchObject({ name: 'watched', state: 'running', nodeId: vm.nodeId });
    } finally {
      informer.close();
    }
  });

  it('an event from the stream evicts a cached VM that changed elsewhere', async () => {
    const cache = createCache();
    const client = make({ cache: { cache, routes: { '/vms/{id}': 60_000 } } });
    const other = make();
    const vm = await client.vms.create({ name: 'evicted', memoryMb: 256 });
    await client.vms.waitUntilRunning(vm.id);
    const stream = await client.events({ filter: { types: ['vm.*'] } });
    await stream.start();
    try {
      expect((await client.vms.get(vm.id)).name).toBe('evicted');
      await other.vms.update(vm.id, { name: 'renamed-elsewhere' });
      await eventually(async () => ((await client.vms.get(vm.id)).name === 'renamed-elsewhere' ? true : undefined), 10_000, 50);
    } finally {
      stream.close();
    }
  });

  it('me() and health() are typed and validated like every other call', async () => {
    const client = make({ responseValidation: 'strict' });
    const health = await client.health();
    const status: string = health.status;
    expect(status).toBe('healthy');
    const me = await client.me();
    const email: string = me.email;
    expect(email).toBe(ADMIN.email);
    expect(me.roles).toContain('admin');

    // A server that answers something else is caught, not passed on as a user.
    const garbage = make({
      responseValidation: 'strict',
      transport: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, text: '{"id": [1], "email": 42}' }),
      token: 't',
    });
    await expect(garbage.me()).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(garbage.health()).rejects.toBeInstanceOf(ResponseValidationError);
  });
});
