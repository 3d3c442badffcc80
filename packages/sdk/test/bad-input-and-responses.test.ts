import { startSimulator, type Simulator } from '@novacron/simulator';
import { NodeWireSchema } from '@novacron/vm';
import { ConfigError, ConnectionError, createClient, NovaCronError, ResponseValidationError, ValidationError, type NovaCronClient } from '../src';

describe('bad input and bad responses', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', maxRetries: 0, env: {} });
    await client.nodes.list();
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
    process.off('unhandledRejection', onUnhandled);
  });
  beforeEach(() => sim.controls.faults.clear());

  it('rejects bad input with a typed error naming the field, before any request', async () => {
    sim.controls.resetStats();
    const cases: Array<() => Promise<unknown>> = [
      () => client.vms.create({ name: 'has spaces' }),
      () => client.vms.create({ name: 'ok', memoryMb: 1 }),
      () => client.vms.create({ name: 'ok', cpuShares: 2.5 }),
      () => client.vms.update('vm-1', {}),
      () => client.vms.get(''),
      () => client.vms.get('../admin'),
      () => client.vms.metricsHistory('vm-1', { from: 'not a date' }),
      () => client.vms.metricsHistory('vm-1', { stepSeconds: 0.5 }),
      () => client.migrations.start('vm-1', { targetNodeId: 'n', type: 'teleport' as never }),
      () => Promise.resolve().then(() => client.vms.list({ pageSize: 0 })),
    ];
    for (const call of cases) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.length).toBeGreaterThan(0);
    }
    const memory = (await client.vms.create({ name: 'ok', memoryMb: 1 }).catch((e) => e)) as ValidationError;
    expect(memory.message).toContain('memoryMb');
    expect(sim.controls.stats().requests).toBe(0);
  });

  it('rejects a bad option before any request', () => {
    expect(() => createClient({ baseUrl: sim.url, timeout: -1, env: {} })).toThrow(ConfigError);
    expect(() => createClient({ env: { NOVACRON_API_URL: 'localhost:8090' } })).toThrow(/NOVACRON_API_URL/);
  });

  it('a malformed body is a ResponseValidationError', async () => {
    sim.controls.faults.inject({ route: 'GET /nodes', malformed: true, times: 1 });
    await expect(client.nodes.list()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('a truncated body is a typed error, never a crash', async () => {
    sim.controls.faults.inject({ route: 'GET /nodes', truncate: true, times: 1 });
    const error = await client.nodes.list().catch((e) => e);
    expect(error).toBeInstanceOf(NovaCronError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect({ name: error.name, code: error.code }).toEqual({ name: 'ConnectionError', code: 'connection_error' });
  });

  it('a body of the wrong shape is rejected in strict mode (the default) and passed through with a warning in warn mode', async () => {
    const warnings: unknown[] = [];
    const logger = { error() {}, info() {}, debug() {}, warn: (o: object) => warnings.push(o) };
    const strict = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    const lenient = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', responseValidation: 'warn', logger, env: {} });
    // /health answers an object, not a node: ask for it as if it were one.
    const asNode = (c: NovaCronClient) => c.core.request({ method: 'GET', path: '/health', authenticate: false, schema: NodeWireSchema });
    await expect(asNode(strict)).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(asNode(lenient)).resolves.toBeDefined();
    expect(warnings).toHaveLength(1);
    await Promise.all([strict.close(), lenient.close()]);
  });

  it('left no unhandled rejection behind', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});
