import { spawn } from 'node:child_process';
import path from 'node:path';
import { eventually, startSimulator, type Simulator } from '@novacron/simulator';
import { createCache } from '@novacron/cache';
import { createRedisCache } from '@novacron/cache/redis';
import { ClientClosedError, createClient } from '../src';

const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };
const REDIS_URL = 'redis://127.0.0.1:6379';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0.05 });
});
afterEach(() => sim.controls.faults.clear());
afterAll(() => sim.close());

describe('close({ timeoutMs })', () => {
  it('lets a call that finishes before the deadline complete', async () => {
    const client = createClient({ baseUrl: sim.url, ...ADMIN, env: {} });
    await client.me();
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 2_000, times: 1 });
    const call = client.nodes.list().toArray({ limit: 100 });
    await eventually(() => (client.inFlightCalls === 1 ? true : undefined));
    await client.close({ timeoutMs: 60_000 });
    await expect(call).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]));
  });

  it('aborts a call still running at the deadline with ClientClosedError, and refuses calls after it', async () => {
    const client = createClient({ baseUrl: sim.url, ...ADMIN, env: {}, timeout: 600_000 });
    await client.me();
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 300_000, times: 1 });
    const outcome = client.nodes.list().toArray({ limit: 100 }).then(() => undefined, (e: unknown) => e);
    await eventually(() => (client.inFlightCalls === 1 ? true : undefined));
    await client.close({ timeoutMs: 50 });
    const error = await outcome;
    expect(error).toBeInstanceOf(ClientClosedError);
    expect(error).toMatchObject({ code: 'client_closed', retryable: false });
    await expect(client.me()).rejects.toBeInstanceOf(ClientClosedError);
    await expect(client.events()).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('closes the streams it opened', async () => {
    const client = createClient({ baseUrl: sim.url, ...ADMIN, env: {} });
    const stream = await client.events();
    await stream.start();
    const alerts = await client.alerts();
    await alerts.start();
    expect([stream.connectionState, alerts.connectionState]).toEqual(['open', 'open']);
    await client.close();
    expect([stream.connectionState, alerts.connectionState]).toEqual(['closed', 'closed']);
  });

  it('leaves nothing that keeps the process alive: a child process that used pool, streams and Redis exits on its own', async () => {
    sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 300_000, times: 1 });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/close-then-exit.ts'), sim.url, REDIS_URL], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, '../../../tsconfig.fixtures.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let killed = false;
    // Far beyond what the fixture needs, its start (tsx compiling the sources) included; if it
    // fires, something kept the event loop alive.
    const guard = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(guard);
    expect({ killed, code, err: code === 0 ? '' : err }).toEqual({ killed: false, code: 0, err: '' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({
      vms: true,
      me: ADMIN.email,
      health: 'pass',
      slow: 'ClientClosedError client_closed',
      streams: ['closed', 'closed'],
      afterClose: 'ClientClosedError',
      liveness: 'fail',
    });
  }, 90_000);
});

describe('healthCheck()', () => {
  it('passes with the API, the token, Redis and an open stream checked, each with its latency', async () => {
    const cache = createRedisCache({ url: REDIS_URL, prefix: `health-test:${process.pid}:` });
    const client = createClient({ baseUrl: sim.url, ...ADMIN, env: {}, cache: { cache } });
    try {
      await cache.ready();
      const stream = await client.events();
      await stream.start();
      const result = await client.healthCheck();
      expect(result).toMatchObject({ status: 'pass', httpStatus: 200 });
      expect(Object.keys(result.checks).sort()).toEqual(['api', 'auth', 'eventStream:0', 'redis']);
      for (const check of Object.values(result.checks)) {
        expect(check).toEqual({ status: 'pass', latencyMs: expect.any(Number), time: expect.any(String) });
        expect(check.latencyMs).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await client.close();
    }
  });

  it('fails readiness when the token is refused, naming why, and leaves out what is not configured', async () => {
    const client = createClient({ baseUrl: sim.url, token: 'not-a-valid-token', env: {}, cache: { cache: createCache() } });
    try {
      const result = await client.healthCheck();
      expect(result).toMatchObject({ status: 'fail', httpStatus: 503, checks: { api: { status: 'pass' }, auth: { status: 'fail', output: expect.stringContaining('token was refused (401)') } } });
      expect(Object.keys(result.checks).sort()).toEqual(['api', 'auth']);
      expect(JSON.stringify(result)).not.toContain('not-a-valid-token');
      // Liveness checks no dependency: a refused token is not a reason to restart the process.
      expect(await client.healthCheck({ probe: 'liveness' })).toEqual({ status: 'pass', httpStatus: 200, checks: {} });
    } finally {
      await client.close();
    }
  });

  it('fails when the API does not answer, and warns while a stream reconnects', async () => {
    // A simulator of its own: dropConnections() cuts every socket, and this test must own them all.
    const own = await startSimulator({ port: 0, timeScale: 0.05 });
    const client = createClient({ baseUrl: own.url, ...ADMIN, env: {}, maxRetries: 0 });
    try {
      const stream = await client.events({ reconnect: { baseDelayMs: 30_000, maxDelayMs: 30_000, random: () => 1 } });
      const states: string[] = [];
      stream.onState((change) => states.push(change.state));
      await stream.start();
      expect(own.controls.dropConnections()).toBe(1);
      await eventually(() => (states.includes('reconnecting') ? true : undefined));
      expect(states).toEqual(['connecting', 'open', 'reconnecting']);
      own.controls.faults.inject({ route: 'GET /health', status: 503 });
      const result = await client.healthCheck();
      expect(result.status).toBe('fail');
      expect(result.checks['api']).toMatchObject({ status: 'fail', output: expect.stringContaining('503') });
      expect(result.checks['eventStream:0']).toMatchObject({ status: 'warn', output: 'The stream is reconnecting.' });
      expect(result.checks['auth']).toMatchObject({ status: 'pass' });
    } finally {
      await client.close();
      await own.close();
    }
  });
});
