import { APIError, CircuitOpenError, ConfigError, CoreClient, Pipeline, type NovaRequest } from '@novacron/core';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { installResilience, resilience, type Resilience, type SharedBreakerChange, type SharedBreakerState } from '../src/index';

const ADMIN = 'admin@novacron.local';

describe('resilience preset against the simulator (real HTTP through CoreClient)', () => {
  let sim: Simulator;
  let client: CoreClient;
  let preset: Resilience;
  /** The breakers' clock: the break ends when the test moves it, not when real time has passed. */
  let clock = 0;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7, timeScale: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.controls.faults.clear();
    sim.controls.resetStats();
    client = new CoreClient({ baseUrl: sim.url, token: sim.controls.issueAccessToken(ADMIN), maxRetries: 2 });
    preset = installResilience(client.pipeline, {
      env: {},
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      circuitBreaker: { threshold: 3, halfOpenAfterMs: 300, halfOpenProbes: 2, now: () => clock },
    });
  });
  afterEach(async () => {
    await client.close();
  });

  const listVms = (signal?: AbortSignal) => client.send({ method: 'GET', path: '/vms' }, { signal });
  const reached = (route: string) => sim.controls.stats().byRoute[route] ?? 0;

  it('installs in the documented order, replacing core’s retry and timeout by name', () => {
    const names = client.pipeline.list().map((p) => p.name);
    expect(names.filter((n) => n === 'retry' || n === 'timeout')).toEqual(['timeout', 'retry']);
    expect(client.pipeline.get('retry')).toBe(preset.retry);
    expect(client.pipeline.get('timeout')).toBe(preset.totalTimeout);
    const order = ['rateLimit', 'timeout', 'retry', 'circuitBreaker', 'auth', 'attemptTimeout'];
    expect(names.filter((n) => order.includes(n))).toEqual(order);
  });

  it('an outage opens the breaker; calls then fail fast without reaching the server; recovery goes half-open then closed', async () => {
    sim.controls.faults.inject({ route: 'GET /vms', status: 503 });
    await expect(listVms()).rejects.toBeInstanceOf(APIError); // 3 attempts, the 3rd opens the circuit
    expect(reached('GET /vms')).toBe(3);
    for (let i = 0; i < 50; i++) await expect(listVms()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(reached('GET /vms')).toBe(3);
    const [status] = preset.breakers();
    expect(status).toMatchObject({ route: 'GET /vms', state: 'open', consecutiveFailures: 3 });
    expect(status!.nextProbeAt!.getTime()).toBe(clock + 300);

    sim.controls.faults.clear();
    clock += 299;
    await expect(listVms()).rejects.toBeInstanceOf(CircuitOpenError);
    clock += 1;
    const states: string[] = [];
    preset.on('*', (e) => e.to && states.push(e.to));
    // 1,000 callers arrive the moment the break ends: exactly 2 (the probes) reach the server.
    const results = await Promise.all(Array.from({ length: 1_000 }, () => listVms().then(() => 'ok', (e: unknown) => e)));
    expect(reached('GET /vms')).toBe(3 + 2);
    expect(results.filter((r) => r === 'ok')).toHaveLength(2);
    expect(results.filter((r) => r instanceof CircuitOpenError)).toHaveLength(998);
    expect(states).toEqual(['half-open', 'closed']);
    await expect(listVms()).resolves.toMatchObject({ status: 200 });
    expect(preset.events.samples().filter((c) => c.event === 'breakerOpen')).toEqual([{ event: 'breakerOpen', policy: 'circuitBreaker', route: 'GET /vms', value: 1 }]);
  });

  it('a caller 4xx never opens the breaker', async () => {
    for (let i = 0; i < 10; i++) {
      await expect(client.send({ method: 'GET', path: '/vms/{id}', params: { id: 'no-such-vm' } })).rejects.toMatchObject({ status: 404 });
    }
    expect(preset.breakers()[0]).toMatchObject({ route: 'GET /vms/{id}', state: 'closed', failures: 0 });
  });

  it('honours Retry-After from the server', async () => {
    sim.controls.faults.inject({ route: 'GET /vms', status: 503, retryAfter: 1, times: 1 });
    const delays: number[] = [];
    preset.on('retry', (e) => delays.push(e.delayMs!));
    const started = Date.now();
    await expect(listVms()).resolves.toMatchObject({ status: 200 });
    expect(delays).toEqual([1_000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(reached('GET /vms')).toBe(2);
  });

  it('a POST with an idempotency key is retried after a lost answer and makes one VM', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'after', times: 1 });
    const response = await client.send({ method: 'POST', path: '/vms', body: { name: 'web-1' } }, { idempotencyKey: 'create-web-1' });
    expect(response.status).toBeLessThan(300);
    expect(reached('POST /vms')).toBe(2);
    expect(sim.controls.stats().vmsCreated).toBe(1);
    expect(sim.controls.snapshot().vms.filter((vm) => vm.name === 'web-1')).toHaveLength(1);
  });

  it('a POST without an idempotency key is never retried', async () => {
    client.pipeline.remove('idempotency'); // core would otherwise add a key to every POST
    sim.controls.faults.inject({ route: 'POST /vms', status: 503 });
    await expect(client.send({ method: 'POST', path: '/vms', body: { name: 'web-2' } })).rejects.toMatchObject({ status: 503 });
    expect(reached('POST /vms')).toBe(1);
  });

  it('an abort during a backoff ends the call at once with AbortError', async () => {
    const slow = resilience({ env: {}, retry: { baseDelayMs: 30_000, maxDelayMs: 30_000, jitter: 'none' } });
    client.pipeline.replace('retry', slow.retry!);
    sim.controls.faults.inject({ route: 'GET /vms', status: 503 });
    const controller = new AbortController();
    slow.on('retry', () => setTimeout(() => controller.abort(), 10));
    const { AbortError } = await import('@novacron/core');
    const started = Date.now();
    const call = client.send({ method: 'GET', path: '/vms' }, { signal: controller.signal, timeout: 120_000 });
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(reached('GET /vms')).toBe(1);
  });

  it('a 429 with Retry-After pauses the rate limiter for everyone', async () => {
    sim.controls.faults.inject({ route: 'GET /vms', status: 429, retryAfter: 1, times: 1 });
    client.pipeline.replace('retry', resilience({ env: {}, retry: { maxRetries: 0 } }).retry!);
    await expect(listVms()).rejects.toMatchObject({ status: 429 });
    const started = Date.now();
    await expect(listVms()).resolves.toMatchObject({ status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(preset.events.count('rateLimitThrottled')).toBe(1);
    expect(preset.events.count('rateLimitDelayed')).toBe(1);
  });
});

describe('resilience options and environment', () => {
  it('reads every knob from NOVACRON_* variables; options win over env', () => {
    const preset = resilience({
      env: {
        NOVACRON_MAX_RETRIES: '5',
        NOVACRON_TIMEOUT: '12000',
        NOVACRON_ATTEMPT_TIMEOUT: '4000',
        NOVACRON_RATE_LIMIT_RPS: '50',
        NOVACRON_CIRCUIT_BREAKER_THRESHOLD: '7',
        NOVACRON_BULKHEAD_MAX_CONCURRENT: '3',
        NOVACRON_HEDGING_DELAY_MS: '250',
        NOVACRON_RETRY_BUDGET: 'ratio',
      },
      attemptTimeout: 2_000,
    });
    expect(preset.retry!.maxRetries).toBe(5);
    expect(preset.attemptTimeout!.timeoutMs).toBe(2_000);
    expect(preset.rateLimit!.configuredRate).toBe(50);
    expect(preset.bulkhead!.maxConcurrent).toBe(3);
    expect(preset.hedging!.delayMs).toBe(250);
    expect(preset.retryBudget!.constructor.name).toBe('RatioRetryBudget');
    expect(preset.policies.map((p) => p.policy.name)).toEqual([
      'rateLimit',
      'timeout',
      'bulkhead',
      'retry',
      'hedging',
      'circuitBreaker',
      'attemptTimeout',
    ]);
  });

  it.each([
    ['NOVACRON_CIRCUIT_BREAKER_THRESHOLD', 'lots'],
    ['NOVACRON_MAX_RETRIES', '-1'],
    ['NOVACRON_TIMEOUT', '10s'],
    ['NOVACRON_RATE_LIMIT_RPS', '0'],
    ['NOVACRON_RETRY_JITTER', 'sometimes'],
    ['NOVACRON_CIRCUIT_BREAKER_SHARED', 'maybe'],
  ])('a bad %s=%s is a ConfigError naming the variable', (name, value) => {
    const error = (() => {
      try {
        resilience({ env: { [name]: value } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(name);
  });

  it('a shared-state factory is built with the preset’s env and events; NOVACRON_CIRCUIT_BREAKER_SHARED=false turns it off', () => {
    const published: [string, SharedBreakerChange][] = [];
    const state: SharedBreakerState = {
      publish: (route, change) => void published.push([route, change]),
      subscribe: () => undefined,
      lookup: () => undefined,
      close: async () => undefined,
    };
    const seen: unknown[] = [];
    const env = { NOVACRON_CIRCUIT_BREAKER_THRESHOLD: '1' };
    const preset = resilience({ env, circuitBreaker: { shared: (context) => (seen.push(context), state) } });
    expect(seen).toEqual([{ env, events: preset.events }]);
    expect(preset.sharedState).toBe(state);

    const off = resilience({ env: { NOVACRON_CIRCUIT_BREAKER_SHARED: 'false' }, circuitBreaker: { shared: () => (seen.push('built'), state) } });
    expect(off.sharedState).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(resilience({ env: {}, circuitBreaker: { shared: state } }).sharedState).toBe(state);
  });

  it('NOVACRON_CIRCUIT_BREAKER_SHARED=true without a shared state is a ConfigError naming the Node subpath', () => {
    expect(() => resilience({ env: { NOVACRON_CIRCUIT_BREAKER_SHARED: 'true' } })).toThrow(ConfigError);
    expect(() => resilience({ env: { NOVACRON_CIRCUIT_BREAKER_SHARED: 'true' } })).toThrow(/@novacron\/resilience\/redis/);
  });

  it('turns policies off by option', () => {
    const preset = resilience({ env: {}, rateLimit: false, timeout: false, attemptTimeout: false, circuitBreaker: false });
    expect(preset.policies.map((p) => p.policy.name)).toEqual(['retry']);
    const pipeline = new Pipeline(async (request: NovaRequest) => ({ status: 200, headers: {}, body: 1, requestId: undefined, request }));
    preset.install(pipeline);
    expect(pipeline.list()).toEqual([{ name: 'retry', phase: 'retry' }]);
  });

  it('runs standalone: execute(fn) goes through every policy', async () => {
    const preset = resilience({ env: {}, attemptTimeout: 50, retry: { maxRetries: 1, baseDelayMs: 1 } });
    let attempts = 0;
    const result = await preset.execute(({ signal, attempt }) => {
      attempts++;
      if (attempt === 1) return new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)));
      return 'second time lucky';
    });
    expect(result).toBe('second time lucky');
    expect(attempts).toBe(2);
    expect(preset.events.count('timeout')).toBe(1);
  });
});
