import { Registry } from 'prom-client';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { REDACTED } from '@novacron/core';
import { BadRequestError, createClient, type NovaCronClient } from '../src';
import { registerPrometheusCollectors } from '../src/prometheus';

/**
 * Runs a session that logs in, refreshes, retries, fails in several ways and logs at debug, then
 * looks for the password and every token it ever held in everything the SDK let out.
 */
describe('secrets never leave the SDK', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05, tokenTtlSeconds: 30 });
  });
  afterAll(async () => sim.close());

  it('no log line, error message, error field or audit record contains a token or password', async () => {
    const password = 'admin123';
    const out: string[] = [];
    const sink = (o: object, msg?: string) => out.push(JSON.stringify(o) + (msg ?? ''));
    const client: NovaCronClient = createClient({
      baseUrl: sim.url,
      email: 'admin@novacron.local',
      password,
      logLevel: 'debug',
      logger: { error: sink, warn: sink, info: sink, debug: sink },
      audit: (record) => out.push(JSON.stringify(record)),
      // Longer than the 30 s token lifetime: every token is due for refresh at once, so each call refreshes (no waiting on the clock).
      refreshBufferMs: 31_000,
      env: {},
    });
    const registry = new Registry();
    registerPrometheusCollectors(registry, client, { defaultMetrics: false });
    const tokens = new Set<string>();
    const remember = () => {
      const t = client.session?.current;
      if (t) [t.accessToken, t.refreshToken].forEach((x) => x && tokens.add(x));
    };
    await client.vms.list();
    remember();
    sim.controls.faults.inject({ route: 'GET /nodes', status: 500, times: 1 });
    await client.nodes.list();
    await client.vms.create({ name: 'audited', memoryMb: 512 });
    remember();
    const errors: unknown[] = [];
    errors.push(await client.vms.get('missing').catch((e) => e));
    errors.push(await client.core.request({ method: 'POST', path: '/api/auth/login', body: { email: 'admin@novacron.local', password: 'wrong-' + password }, authenticate: false }).catch((e) => e));
    sim.controls.faults.inject({ route: 'GET /vms', malformed: true, times: 1 });
    errors.push(await client.vms.list().catch((e) => e));
    remember();
    for (const e of errors) out.push(String(e), (e as Error).stack ?? '', JSON.stringify(e), JSON.stringify((e as { body?: unknown }).body ?? null));
    const exposition = await registry.metrics();
    expect(exposition).toMatch(/^novacron_client_request_duration_seconds_count\{method="POST",route="POST \/api\/auth\/login",outcome="4xx"\} 1$/m);
    out.push(exposition);

    // Every call after the login refreshed first (the buffer is longer than a token's lifetime).
    expect(client.session!.renewals).toBeGreaterThanOrEqual(3);
    expect(tokens.size).toBeGreaterThanOrEqual(3);
    const everything = out.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything.includes(password)).toBe(false);
    for (const token of tokens) expect(everything.includes(token)).toBe(false);
    expect(/eyJ[\w-]+\.[\w-]+\./.test(everything)).toBe(false);
    await client.close();
  });

  it('what is not a secret stays readable: the server\'s error code on a refused migration', async () => {
    const client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    const vm = await client.vms.create({ name: 'redaction-check' });
    await client.vms.waitUntilRunning(vm.id);
    const error = (await client.migrations.start(vm.id, { targetNodeId: 'no-such-node', type: 'live' }).catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    const body = error.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe(error.code);
    expect(body.error.code).not.toBe(REDACTED);
    expect(body.error.message).toContain('no-such-node');
    await client.close();
  });
});
