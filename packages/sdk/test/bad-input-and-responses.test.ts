import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { NodeWireSchema } from '@novacron/vm';
import { ConfigError, ConnectionError, createClient, NovaCronError, ResponseValidationError, ValidationError, type NovaCronClient } from '../src';

describe('bad input and bad responses', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', maxRetries: 0, env: {} });
    await client.nodes.list();
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
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
    const error = (await client.nodes.list().catch((e: unknown) => e)) as ConnectionError;
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

  it('leaves no unhandled rejection behind: the same calls in a process of their own, where Node reports them', async () => {
    const clean = await runFixture([]);
    expect(clean.code).toBe(0);
    expect(clean.report.unhandled).toEqual([]);
    expect(clean.report.settled).toHaveLength(17);
    expect(clean.report.settled.filter((line) => line.endsWith(': resolved'))).toEqual(['wrong shape, warn: resolved']);
    // The detector itself works: one deliberate unhandled rejection fails the child.
    const leaky = await runFixture(['--leak']);
    expect(leaky.code).toBe(3);
    expect(leaky.report.unhandled).toEqual(['Error: deliberately unhandled']);
  });
});

/** Runs test/fixtures/bad-input-calls.ts under tsx with @novacron/* mapped to src (tsconfig.fixtures.json). */
function runFixture(args: string[]): Promise<{ code: number | null; report: { settled: string[]; unhandled: string[] } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/bad-input-calls.ts'), ...args], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, '../../../tsconfig.fixtures.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ code, report: JSON.parse(line) });
      } catch {
        reject(new Error(`fixture exited ${code} without a report:\n${out}\n${err}`));
      }
    });
  });
}
