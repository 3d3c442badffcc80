import { BadRequestError, CircuitOpenError, InternalServerError, NotFoundError, TimeoutError } from '@novacron/core';
import { CircuitBreaker, CircuitBreakerPolicy, ResilienceEvents, type BreakerStateChange } from '../src/index';

const serverError = () => new InternalServerError('500 boom', { status: 500 });
const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};
const fail = (error: unknown) => () => Promise.reject(error);
const ok = () => Promise.resolve('ok');

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and then fails fast with CircuitOpenError carrying retryAt and route', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('GET /vms/{id}', { threshold: 3, halfOpenAfterMs: 5_000, now: time.now });
    let reached = 0;
    const failing = () => {
      reached++;
      return Promise.reject(serverError());
    };
    for (let i = 0; i < 3; i++) await expect(breaker.execute(failing)).rejects.toBeInstanceOf(InternalServerError);
    expect(breaker.state).toBe('open');
    const error = await breaker.execute(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).route).toBe('GET /vms/{id}');
    expect((error as CircuitOpenError).retryAt?.getTime()).toBe(time.now() + 5_000);
    expect(reached).toBe(3);
  });

  it('a success in between resets the consecutive count', async () => {
    const breaker = new CircuitBreaker('r', { threshold: 2 });
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    await breaker.execute(ok);
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('never counts a caller 4xx (400/404) as a failure; 5xx, timeouts do', async () => {
    const breaker = new CircuitBreaker('r', { threshold: 2 });
    for (let i = 0; i < 10; i++) {
      await expect(breaker.execute(fail(new BadRequestError('400', { status: 400 })))).rejects.toThrow();
      await expect(breaker.execute(fail(new NotFoundError('404', { status: 404 })))).rejects.toThrow();
    }
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(fail(new TimeoutError()))).rejects.toThrow();
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    expect(breaker.state).toBe('open');
  });

  it('half-open lets exactly N probes through however many callers arrive; all succeed → closed', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('r', { threshold: 1, halfOpenAfterMs: 1_000, halfOpenProbes: 3, now: time.now });
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    time.advance(1_000);
    let reached = 0;
    const releases: (() => void)[] = [];
    const slowOk = () => {
      reached++;
      return new Promise<string>((resolve) => releases.push(() => resolve('ok')));
    };
    const calls = Array.from({ length: 1_000 }, () => breaker.execute(slowOk).then(() => 'passed', (e: unknown) => e));
    expect(reached).toBe(3);
    expect(breaker.state).toBe('half-open');
    releases.forEach((release) => release());
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === 'passed')).toHaveLength(3);
    expect(results.filter((r) => r instanceof CircuitOpenError)).toHaveLength(997);
    expect(breaker.state).toBe('closed');
  });

  it('a failed probe reopens for twice as long; an aborted probe frees its slot', async () => {
    const time = clock();
    const changes: BreakerStateChange[] = [];
    const breaker = new CircuitBreaker('r', { threshold: 1, halfOpenAfterMs: 1_000, now: time.now }, (c) => changes.push(c));
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    time.advance(1_000);
    const { AbortError } = await import('@novacron/core');
    await expect(breaker.execute(fail(new AbortError()))).rejects.toBeInstanceOf(AbortError);
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(fail(serverError()))).rejects.toBeInstanceOf(InternalServerError);
    expect(breaker.status().nextProbeAt?.getTime()).toBe(time.now() + 2_000);
    expect(changes.map((c) => c.to)).toEqual(['open', 'half-open', 'open']);
  });

  it('sampling strategy opens on the failure rate only after the minimum throughput', async () => {
    const breaker = new CircuitBreaker('r', { strategy: 'sampling', failureRateThreshold: 0.5, minimumThroughput: 10, samplingDurationMs: 60_000 });
    for (let i = 0; i < 6; i++) await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    expect(breaker.state).toBe('closed'); // 6 calls < minimum throughput 10
    for (let i = 0; i < 3; i++) await breaker.execute(ok);
    await expect(breaker.execute(fail(serverError()))).rejects.toThrow();
    expect(breaker.state).toBe('open'); // 7 of 10 failed
    expect(breaker.status().failures).toBe(7);
  });

  it('opens on the slow-call rate even when every call succeeds', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('r', { slowCallDurationMs: 500, slowCallRateThreshold: 0.5, minimumThroughput: 4, now: time.now });
    const call = (ms: number) =>
      breaker.execute(async () => {
        time.advance(ms);
        return 'ok';
      });
    await call(10);
    await call(600);
    await call(10);
    expect(breaker.state).toBe('closed');
    await call(700); // 2 of 4 slow = 50 %
    expect(breaker.state).toBe('open');
    expect(breaker.status().slowCalls).toBe(2);
  });

  it('rejects bad options with a ConfigError naming the option', () => {
    expect(() => new CircuitBreaker('r', { halfOpenProbes: 0 })).toThrow(/circuitBreaker.halfOpenProbes/);
    expect(() => new CircuitBreaker('r', { strategy: 'sampling', failureRateThreshold: 1.5 })).toThrow(/failureRateThreshold/);
  });
});

describe('CircuitBreakerPolicy', () => {
  it('keeps one circuit per route template, lists them, and emits an event per state change and per refused call', async () => {
    const events = new ResilienceEvents();
    const seen: string[] = [];
    events.on('*', (e) => seen.push(`${e.event}:${e.route}`));
    const policy = new CircuitBreakerPolicy({ threshold: 2, events });
    for (let i = 0; i < 2; i++) {
      await expect(policy.execute(fail(serverError()), { route: 'GET /vms/{id}' })).rejects.toThrow();
    }
    await expect(policy.execute(() => 'fine', { route: 'GET /vms' })).resolves.toBe('fine');
    await expect(policy.execute(() => 'never', { route: 'GET /vms/{id}' })).rejects.toBeInstanceOf(CircuitOpenError);
    const status = policy.breakers();
    expect(status.map((b) => [b.route, b.state])).toEqual([
      ['GET /vms/{id}', 'open'],
      ['GET /vms', 'closed'],
    ]);
    expect(status[0]!.consecutiveFailures).toBe(2);
    expect(status[0]!.nextProbeAt).toBeInstanceOf(Date);
    expect(seen).toEqual(['breakerOpen:GET /vms/{id}', 'breakerRejected:GET /vms/{id}']);
    expect(events.count('breakerOpen', 'GET /vms/{id}')).toBe(1);
    expect(events.count('breakerOpen', 'GET /vms')).toBe(0);
    expect(events.samples()).toEqual([
      { event: 'breakerOpen', policy: 'circuitBreaker', route: 'GET /vms/{id}', value: 1 },
      { event: 'breakerRejected', policy: 'circuitBreaker', route: 'GET /vms/{id}', value: 1 },
    ]);
  });
});
