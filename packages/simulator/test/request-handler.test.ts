import { SimulatorClient, startSimulator, type Simulator } from '../src/index';

describe('request pipeline', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  let operator: SimulatorClient;
  let viewer: SimulatorClient;
  let alice: SimulatorClient;

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.01 });
    [admin, operator, viewer, alice] = await Promise.all([
      SimulatorClient.for(sim).login('admin@novacron.local', 'admin123'),
      SimulatorClient.for(sim).login('operator@novacron.local', 'operator123'),
      SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123'),
      SimulatorClient.for(sim).login('alice@tenant-b.local', 'alice123'),
    ]);
  });
  afterAll(() => sim.close());
  afterEach(() => sim.controls.faults.clear());

  it('answers unknown paths with the upstream text 404 before auth, and a wrong method with 405', async () => {
    const unknown = await SimulatorClient.for(sim).call('GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/plain');
    expect(unknown.text).toBe('404 page not found\n');
    const wrongMethod = await admin.call('PATCH', '/api/v1/vms');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
  });

  it('serves every route under /api/v1 and the /api alias, with a trailing slash tolerated', async () => {
    for (const path of ['/api/v1/nodes', '/api/nodes', '/api/v1/nodes/']) {
      const res = await viewer.call('GET', path);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(5);
    }
    const health = await SimulatorClient.for(sim).call('GET', '/health');
    expect(health.body).toMatchObject({ status: 'healthy', service: 'novacron-simulator' });
    const info = await SimulatorClient.for(sim).call('GET', '/api/info');
    expect(info.body.endpoints).toContain('POST /api/v1/vms');
  });

  it('echoes X-Request-Id or makes one, and answers CORS preflights', async () => {
    const echoed = await viewer.call('GET', '/api/v1/vms', { headers: { 'x-request-id': 'req-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
    const generated = await viewer.call('GET', '/api/v1/vms');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const preflight = await fetch(`${sim.url}/api/v1/vms`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/traceparent/);
    const simple = await viewer.call('GET', '/api/v1/vms', { headers: { origin: 'http://app.example' } });
    expect(simple.headers.get('access-control-expose-headers')).toMatch(/X-Pagination/);
  });

  it('refuses a body that is not JSON and explains validation failures', async () => {
    const notJson = await operator.call('POST', '/api/v1/vms', { rawBody: 'name=web' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    const invalid = await operator.call('POST', '/api/v1/vms', { body: { name: 'bad name!', memory_mb: 1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_error');
    expect(invalid.body.error.message).toMatch(/name: .*letters/);
    expect(invalid.body.error.message).toMatch(/memory_mb/);
  });

  it('enforces roles: viewer reads, operator mutates VMs, admin manages networks', async () => {
    expect((await viewer.call('GET', '/api/v1/vms')).status).toBe(200);
    const denied = await viewer.call('POST', '/api/v1/vms', { body: { name: 'nope' } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: 'forbidden', message: 'insufficient permissions' } });
    expect((await operator.call('POST', '/api/v1/vms', { body: { name: 'ok' } })).status).toBe(201);
    expect((await operator.call('POST', '/api/v1/networks', { body: { name: 'n', subnet: '10.1.0.0/24' } })).status).toBe(403);
    const network = await admin.call('POST', '/api/v1/networks', { body: { name: 'n', subnet: '10.1.0.0/24' } });
    expect(network.status).toBe(201);
    expect(network.body).toMatchObject({ type: 'bridged', status: 'active', gateway: null });
  });

  it("isolates tenants: another tenant's VM is 404 everywhere and absent from lists", async () => {
    const created = await alice.call('POST', '/api/v1/vms', { body: { name: 'alice-vm' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [method, path] of [
      ['GET', `/api/v1/vms/${id}`],
      ['PATCH', `/api/v1/vms/${id}`],
      ['DELETE', `/api/v1/vms/${id}`],
      ['POST', `/api/v1/vms/${id}/stop`],
      ['GET', `/api/v1/vms/${id}/metrics`],
      ['POST', `/api/v1/vms/${id}/migrate`],
    ] as const) {
      const res = await admin.call(method, path, { body: method === 'PATCH' ? { name: 'x' } : method === 'POST' && path.endsWith('migrate') ? { target_node_id: 'node-kvm-01', type: 'live' } : undefined });
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    const adminList = await admin.call('GET', '/api/v1/vms');
    expect(adminList.body.map((vm: { id: string }) => vm.id)).not.toContain(id);
    const aliceList = await alice.call('GET', '/api/v1/vms');
    expect(aliceList.body.map((vm: { id: string }) => vm.id)).toEqual([id]);
  });

  describe('Idempotency-Key', () => {
    it('replays the stored answer and never makes a second VM', async () => {
      const before = sim.controls.stats().vmsCreated;
      const headers = { 'idempotency-key': 'create-web-7' };
      const first = await operator.call('POST', '/api/v1/vms', { body: { name: 'web-7' }, headers });
      const second = await operator.call('POST', '/api/v1/vms', { body: { name: 'web-7' }, headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(sim.controls.stats().vmsCreated).toBe(before + 1);
    });

    it('refuses the same key with a different body (422) and scopes keys per tenant', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      expect((await operator.call('POST', '/api/v1/vms', { body: { name: 'a1' }, headers })).status).toBe(201);
      const reused = await operator.call('POST', '/api/v1/vms', { body: { name: 'a2' }, headers });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency_key_reused');
      const otherTenant = await alice.call('POST', '/api/v1/vms', { body: { name: 'a2' }, headers });
      expect(otherTenant.status).toBe(201);
      expect(otherTenant.headers.get('idempotent-replayed')).toBeNull();
    });

    it('answers 409 idempotency_in_progress while the first request is still running', async () => {
      // The first request is held at the server, its key taken, until the test lets it go.
      let arrived!: () => void;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      sim.controls.faults.inject({ route: 'POST /vms', hold: () => (arrived(), gate), times: 1 });
      const headers = { 'idempotency-key': 'slow-create' };
      const slow = operator.call('POST', '/api/v1/vms', { body: { name: 'slow' }, headers });
      await held;
      const concurrent = await operator.call('POST', '/api/v1/vms', { body: { name: 'slow' }, headers });
      expect(concurrent.status).toBe(409);
      expect(concurrent.body.error.code).toBe('idempotency_in_progress');
      release();
      expect((await slow).status).toBe(201);
      expect((await operator.call('POST', '/api/v1/vms', { body: { name: 'slow' }, headers })).headers.get('idempotent-replayed')).toBe('true');
    });

    it('keeps a change committed before a reset, so the retry gets the stored VM (exactly one VM)', async () => {
      sim.controls.faults.inject({ route: 'POST /vms', reset: 'after', times: 1 });
      const headers = { 'idempotency-key': 'reset-after-commit' };
      await expect(operator.call('POST', '/api/v1/vms', { body: { name: 'survivor' }, headers })).rejects.toThrow();
      const retry = await operator.call('POST', '/api/v1/vms', { body: { name: 'survivor' }, headers });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const survivors = sim.controls.snapshot().vms.filter((vm) => vm.name === 'survivor');
      expect(survivors.map((vm) => vm.id)).toEqual([retry.body.id]);
    });

    it('does not store an answer a fault gave before the handler: the retry runs for real', async () => {
      sim.controls.faults.inject({ route: 'POST /vms', status: 503, retryAfter: 1, times: 1 });
      const headers = { 'idempotency-key': 'fault-before' };
      expect((await operator.call('POST', '/api/v1/vms', { body: { name: 'later' }, headers })).status).toBe(503);
      const retry = await operator.call('POST', '/api/v1/vms', { body: { name: 'later' }, headers });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  it('counts exactly the requests that reached the server, per route', async () => {
    sim.controls.resetStats();
    await Promise.all(Array.from({ length: 25 }, () => viewer.call('GET', '/api/v1/nodes')));
    await viewer.call('GET', '/api/nodes/node-kvm-01');
    const stats = sim.controls.stats();
    expect(stats.requests).toBe(26);
    expect(stats.byRoute).toEqual({ 'GET /nodes': 25, 'GET /nodes/{id}': 1 });
  });

  it('serves 1,000 concurrent calls', async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => viewer.call('GET', i % 2 ? '/api/v1/vms?page_size=5' : '/api/v1/nodes')));
    expect(results.every((res) => res.status === 200)).toBe(true);
  });
});
