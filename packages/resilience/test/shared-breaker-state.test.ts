import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CircuitOpenError, InternalServerError } from '@novacron/core';
import { eventually, startRedisServer, type RedisServerHandle } from '@novacron/simulator';
import { CircuitBreakerPolicy, resilience, ResilienceEvents } from '../src/index';
import { RedisBreakerState, redisBreakerState } from '../src/redis';

const ROUTE = 'GET /vms/{id}';
const failure = () => Promise.reject(new InternalServerError('503', { status: 503 }));

/** The fixture process, with a way to send a command and wait for its answer. */
function startPeer(url: string, keyPrefix: string, channel: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures', 'shared-breaker-process.ts'), url, keyPrefix, channel],
    { cwd: join(__dirname, '..'), stdio: 'pipe' },
  );
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  return {
    nextLine,
    ask: (command: string) => {
      child.stdin.write(command + '\n');
      return nextLine();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.write('exit\n');
      }),
  };
}

describe('RedisBreakerState (breaker state shared across processes)', () => {
  let redis: RedisServerHandle;
  const unique = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('a breaker opened in one process is seen as open by another within 1 s, and by a late joiner', async () => {
    const ns = unique();
    const keyPrefix = `${ns}:breaker:`;
    const channel = `${ns}:breaker`;
    const shared = new RedisBreakerState({ url: redis.url, keyPrefix, channel });
    await shared.whenReady();
    const local = new CircuitBreakerPolicy({ threshold: 3, sharedState: shared });
    expect(local.circuit(ROUTE).state).toBe('closed');

    const peer = startPeer(redis.url, keyPrefix, channel);
    try {
      expect(await peer.nextLine()).toBe('READY');
      const started = Date.now();
      expect(await peer.ask(`trip ${ROUTE}`)).toBe('TRIPPED open');
      await eventually(() => local.circuit(ROUTE).state === 'open' || undefined, 1_000);
      expect(Date.now() - started).toBeLessThan(1_000 + 500); // trip round-trip + propagation
      let reached = false;
      await expect(local.execute(() => (reached = true), { route: ROUTE })).rejects.toBeInstanceOf(CircuitOpenError);
      expect(reached).toBe(false);

      // A process that starts after the trip learns it from the key (its TTL is the time left open).
      const lateShared = new RedisBreakerState({ url: redis.url, keyPrefix, channel });
      await lateShared.whenReady();
      const late = new CircuitBreakerPolicy({ sharedState: lateShared });
      late.circuit(ROUTE);
      await eventually(() => late.circuit(ROUTE).state === 'open' || undefined, 1_000);
      expect(late.breakers()[0]!.nextProbeAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
      await lateShared.close();

      // And the other way round: open here, the peer sees it.
      await Promise.all([0, 1, 2].map(() => local.execute(failure, { route: 'GET /nodes' }).catch(() => undefined)));
      await eventually(async () => ((await peer.ask('state GET /nodes')) === 'STATE open' ? true : undefined), 1_000);
    } finally {
      await peer.stop();
      await shared.close();
    }
  });

  it('redisBreakerState() in the preset connects to the preset’s NOVACRON_REDIS_URL and shares its trips', async () => {
    const ns = unique();
    const keyPrefix = `${ns}:breaker:`;
    const channel = `${ns}:breaker`;
    const preset = resilience({
      env: { NOVACRON_REDIS_URL: redis.url, NOVACRON_CIRCUIT_BREAKER_THRESHOLD: '3' },
      circuitBreaker: { shared: redisBreakerState({ keyPrefix, channel }) },
    });
    const other = new RedisBreakerState({ url: redis.url, keyPrefix, channel });
    try {
      expect(preset.sharedState).toBeInstanceOf(RedisBreakerState);
      await Promise.all([(preset.sharedState as RedisBreakerState).whenReady(), other.whenReady()]);
      const watcher = new CircuitBreakerPolicy({ sharedState: other });
      watcher.circuit(ROUTE);
      for (let i = 0; i < 3; i++) await preset.circuitBreaker!.execute(failure, { route: ROUTE }).catch(() => undefined);
      await eventually(() => watcher.circuit(ROUTE).state === 'open' || undefined, 1_000);
    } finally {
      await Promise.all([preset.close(), other.close()]);
    }
  });

  it('with Redis stopped mid-run no call fails because of Redis; sharing resumes when it is back', async () => {
    const ns = unique();
    const events = new ResilienceEvents();
    const options = { url: redis.url, keyPrefix: `${ns}:b:`, channel: `${ns}:c`, timeoutMs: 200 };
    const sharedA = new RedisBreakerState({ ...options, events });
    const sharedB = new RedisBreakerState(options);
    await Promise.all([sharedA.whenReady(), sharedB.whenReady()]);
    const a = new CircuitBreakerPolicy({ threshold: 3, sharedState: sharedA, events });
    const b = new CircuitBreakerPolicy({ threshold: 3, sharedState: sharedB });
    try {
      let failed = 0;
      let succeeded = 0;
      const run = async (count: number) => {
        for (let i = 0; i < count; i++) {
          await a.execute(async () => 'ok', { route: 'GET /vms' }).then(
            () => succeeded++,
            () => failed++,
          );
          await new Promise((r) => setTimeout(r, 2));
        }
      };
      const running = run(300);
      await new Promise((r) => setTimeout(r, 100));
      await redis.stop();
      // Redis is down: the local breaker still opens (locally), publishing fails quietly and is counted.
      await Promise.all([0, 1, 2].map(() => a.execute(failure, { route: ROUTE }).catch(() => undefined)));
      expect(a.circuit(ROUTE).state).toBe('open');
      await running;
      expect({ failed, succeeded }).toEqual({ failed: 0, succeeded: 300 });
      expect(events.count('sharedStateError')).toBeGreaterThan(0);
      expect(b.circuit(ROUTE).state).toBe('closed');

      await redis.start();
      // Once both reconnect (in the background, no call waiting on it), a new trip reaches B again.
      let round = 0;
      await eventually(
        async () => {
          const route = `GET /networks/${++round}`;
          await Promise.all([0, 1, 2].map(() => a.execute(failure, { route }).catch(() => undefined)));
          await new Promise((r) => setTimeout(r, 100));
          return b.circuit(route).state === 'open' || undefined;
        },
        10_000,
        200,
      );
    } finally {
      await Promise.all([sharedA.close(), sharedB.close()]);
    }
  });
});
