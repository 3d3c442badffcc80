import { CircuitOpenError, CoreClient } from '@novacron/core';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { installResilience } from '../src/index';

/** The breaker variants over real HTTP: the simulator injects the faults and counts what reached it. */
describe('CircuitBreakerPolicy against the simulator', () => {
  let sim: Simulator;
  let client: CoreClient;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, timeScale: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.controls.faults.clear();
    sim.controls.resetStats();
    client = new CoreClient({ baseUrl: sim.url, token: sim.controls.issueAccessToken('admin@novacron.local') });
  });
  afterEach(async () => {
    await client.close();
  });

  const reached = (route: string) => sim.controls.stats().byRoute[route] ?? 0;

  it('sampling: opens on the failure rate over the window once the minimum throughput is reached', async () => {
    const preset = installResilience(client.pipeline, {
      env: {},
      retry: { maxRetries: 0 },
      circuitBreaker: { strategy: 'sampling', failureRateThreshold: 0.5, minimumThroughput: 10, samplingDurationMs: 60_000 },
    });
    sim.controls.faults.inject({ route: 'GET /vms', status: 500, errorRate: 0.8 });
    const outcomes: string[] = [];
    for (let i = 0; i < 60; i++) {
      outcomes.push(await client.send({ method: 'GET', path: '/vms' }).then(() => 'ok', (e: unknown) => (e instanceof CircuitOpenError ? 'open' : 'failed')));
    }
    const firstOpen = outcomes.indexOf('open');
    expect(firstOpen).toBeGreaterThanOrEqual(10); // never before the minimum throughput
    expect(outcomes.slice(firstOpen).every((o) => o === 'open')).toBe(true);
    expect(reached('GET /vms')).toBe(firstOpen);
    const [status] = preset.breakers();
    expect(status!.state).toBe('open');
    expect(status!.failures / status!.calls).toBeGreaterThan(0.5);
  });

  it('slow-call rate: opens when calls get slow even though every one succeeds', async () => {
    const preset = installResilience(client.pipeline, {
      env: {},
      circuitBreaker: { slowCallDurationMs: 80, slowCallRateThreshold: 0.5, minimumThroughput: 4 },
    });
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 150 });
    for (let i = 0; i < 4; i++) await expect(client.send({ method: 'GET', path: '/nodes' })).resolves.toMatchObject({ status: 200 });
    await expect(client.send({ method: 'GET', path: '/nodes' })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(reached('GET /nodes')).toBe(4);
    expect(preset.breakers()[0]).toMatchObject({ route: 'GET /nodes', state: 'open', failures: 0, slowCalls: 4 });
  });

  it('keys circuits by route template: one broken VM id opens `GET /vms/{id}`, not `GET /vms`', async () => {
    const preset = installResilience(client.pipeline, { env: {}, retry: { maxRetries: 0 }, circuitBreaker: { threshold: 2 } });
    sim.controls.faults.inject({ route: 'GET /vms/{id}', status: 502 });
    for (const id of ['vm-a', 'vm-b']) await client.send({ method: 'GET', path: '/vms/{id}', params: { id } }).catch(() => undefined);
    await expect(client.send({ method: 'GET', path: '/vms/{id}', params: { id: 'vm-c' } })).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(client.send({ method: 'GET', path: '/vms' })).resolves.toMatchObject({ status: 200 });
    expect(preset.breakers().map((b) => [b.route, b.state])).toEqual([
      ['GET /vms/{id}', 'open'],
      ['GET /vms', 'closed'],
    ]);
  });

  it('emits breakerRejected for each call the open circuit refuses, with the error and its retryAt, and none for calls it lets through', async () => {
    const preset = installResilience(client.pipeline, { env: {}, retry: { maxRetries: 0 }, circuitBreaker: { threshold: 2, halfOpenAfterMs: 60_000 } });
    const rejected: Array<{ route: string; error: unknown; retryAt?: Date }> = [];
    preset.events.on('breakerRejected', (e) => rejected.push({ route: e.route, error: e.error, retryAt: e.retryAt }));
    sim.controls.faults.inject({ route: 'GET /nodes', status: 503 });
    for (let i = 0; i < 2; i++) await client.send({ method: 'GET', path: '/nodes' }).catch(() => undefined);
    expect(rejected).toEqual([]);
    const before = reached('GET /nodes');
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await client.send({ method: 'GET', path: '/nodes' }).then(() => undefined, (e: unknown) => e));
    expect(reached('GET /nodes')).toBe(before); // refused without reaching the server
    expect(rejected).toHaveLength(3);
    expect(rejected.map((r) => r.route)).toEqual(['GET /nodes', 'GET /nodes', 'GET /nodes']);
    expect(rejected.map((r) => r.error)).toEqual(errors);
    for (const r of rejected) {
      expect(r.error).toBeInstanceOf(CircuitOpenError);
      expect(r.retryAt).toEqual((r.error as CircuitOpenError).retryAt);
    }
    expect(preset.events.count('breakerRejected', 'GET /nodes')).toBe(3);
  });
});
