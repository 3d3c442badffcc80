import { SimulatorClient, startSimulator, type Simulator } from '../src/index';

describe('fault injection', () => {
  let sim: Simulator;
  let op: SimulatorClient;

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.01 });
    op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
  });
  afterAll(() => sim.close());
  afterEach(() => sim.controls.faults.clear());

  const vmCount = () => sim.controls.snapshot().vms.length;

  it('delays by latencyMs', async () => {
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 300 });
    const started = performance.now();
    expect((await op.call('GET', '/api/v1/nodes')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers a status with Retry-After, for `times` requests only', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', status: 429, retryAfter: 2, times: 2 });
    const before = vmCount();
    for (let i = 0; i < 2; i++) {
      const res = await op.call('POST', '/api/v1/vms', { body: { name: 'limited' } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.body.error.code).toBe('rate_limited');
    }
    expect(vmCount()).toBe(before);
    expect((await op.call('POST', '/api/v1/vms', { body: { name: 'limited' } })).status).toBe(201);
    expect(sim.controls.faults.list()).toEqual([]);
  });

  it('defaults retryAfter-only rules to 503', async () => {
    sim.controls.faults.inject({ route: '/nodes', retryAfter: 1, times: 1 });
    const res = await op.call('GET', '/api/nodes');
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '1']);
  });

  it('resets the connection before the handler: nothing is created', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'before', times: 1 });
    const before = vmCount();
    await expect(op.call('POST', '/api/v1/vms', { body: { name: 'never' } })).rejects.toThrow();
    expect(vmCount()).toBe(before);
  });

  it('resets the connection after the commit: the VM exists though the caller saw an error', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'after', times: 1 });
    const before = vmCount();
    await expect(op.call('POST', '/api/v1/vms', { body: { name: 'ghost' } })).rejects.toThrow();
    expect(vmCount()).toBe(before + 1);
  });

  it('truncates a response body', async () => {
    sim.controls.faults.inject({ route: 'GET /vms', truncate: true, times: 1 });
    const res = await fetch(`${sim.url}/api/v1/vms`, { headers: { authorization: `Bearer ${op.token}` } });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('answers 200 with a body that is not JSON', async () => {
    sim.controls.faults.inject({ route: 'GET /vms/{id}', malformed: true, times: 1 });
    const res = await op.call('GET', '/api/v1/vms/vm-anything');
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('matches by RegExp and method, applies global rules everywhere, and can be removed', async () => {
    const regexRule = sim.controls.faults.inject({ route: /^\/api(\/v1)?\/nodes\/node-gcp/, status: 500 });
    expect((await op.call('GET', '/api/v1/nodes/node-gcp-usc1')).status).toBe(500);
    expect((await op.call('GET', '/api/v1/nodes/node-kvm-01')).status).toBe(200);
    expect(sim.controls.faults.remove(regexRule)).toBe(true);
    expect((await op.call('GET', '/api/v1/nodes/node-gcp-usc1')).status).toBe(200);

    sim.controls.faults.inject({ method: 'DELETE', status: 503 });
    expect((await op.call('DELETE', '/api/v1/vms/x')).status).toBe(503);
    expect((await op.call('GET', '/api/v1/vms')).status).toBe(200);
    sim.controls.faults.clear();

    sim.controls.faults.inject({ status: 502, times: 2 });
    expect((await op.call('GET', '/health')).status).toBe(502);
    expect((await op.call('GET', '/api/v1/nodes')).status).toBe(502);
    expect((await op.call('GET', '/api/v1/nodes')).status).toBe(200);
  });

  it('draws errorRate from the seed: the same seed fails the same requests', async () => {
    const pattern = async () => {
      const local = await startSimulator({ seed: 7 });
      try {
        local.controls.faults.inject({ route: 'GET /health', errorRate: 0.3 });
        const c = SimulatorClient.for(local);
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await c.call('GET', '/health')).status);
        return statuses;
      } finally {
        await local.close();
      }
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it('rejects nonsense rules', () => {
    expect(() => sim.controls.faults.inject({ errorRate: 2 })).toThrow(RangeError);
    expect(() => sim.controls.faults.inject({ times: 0 })).toThrow(RangeError);
  });
});
