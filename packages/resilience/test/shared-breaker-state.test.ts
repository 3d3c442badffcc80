import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CircuitOpenError, InternalServerError } from '@novacron/core';
import { eventually, startRedisServer, type RedisServerHandle } from '@novacron/simulator';
import { CircuitBreakerPolicy, resilience } from '../src/index';
import { RedisBreakerState, redisBreakerState } from '../src/redis';

const ROUTE = 'GET /vms/{id}';
const failure = () => Promise.reject(new InternalServerError('503', { status: 503 }));

interface Tally {
  ok: number;
  failed: number;
  rejected: number;
  other: string[];
  state: string;
}

/** The fixture process (test/fixtures/shared-breaker-process.ts), with a way to send a command and wait for its answer. */
function startPeer(url: string, keyPrefix: string, channel: string, halfOpenAfterMs = 30_000) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures', 'shared-breaker-process.ts'), url, keyPrefix, channel, String(halfOpenAfterMs)],
    // @novacron/* from src, as in this process (tsconfig.fixtures.json).
    { cwd: join(__dirname, '..'), stdio: 'pipe', env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '../../../tsconfig.fixtures.json') } },
  );
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  const ask = (command: string) => {
    child.stdin.write(command + '\n');
    return nextLine();
  };
  return {
    nextLine,
    ask,
    /** `call`/`fresh` commands: the tally of what the calls met. */
    calls: async (command: string): Promise<Tally> => {
      const line = await ask(command);
      if (!line.startsWith('CALLS ')) throw new Error(`expected CALLS, got ${line}`);
      return JSON.parse(line.slice(6)) as Tally;
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

  it('a breaker opened in one process is seen as open by another, and by a late joiner', async () => {
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
      const trippedAfter = Date.now();
      expect(await peer.ask(`trip ${ROUTE}`)).toBe('TRIPPED open');
      await eventually(() => local.circuit(ROUTE).state === 'open' || undefined, 5_000);
      let reached = false;
      await expect(local.execute(() => (reached = true), { route: ROUTE })).rejects.toBeInstanceOf(CircuitOpenError);
      expect(reached).toBe(false);

      // A process that starts after the trip learns it from the key (its TTL is the time left open).
      const lateShared = new RedisBreakerState({ url: redis.url, keyPrefix, channel });
      await lateShared.whenReady();
      const late = new CircuitBreakerPolicy({ sharedState: lateShared });
      late.circuit(ROUTE);
      await eventually(() => late.circuit(ROUTE).state === 'open' || undefined, 5_000);
      // The peer's break is 30 s from its trip; the key's TTL may round it down by up to a second.
      expect(late.breakers()[0]!.nextProbeAt!.getTime()).toBeGreaterThanOrEqual(trippedAfter + 29_000);
      await lateShared.close();

      // And the other way round: open here, the peer sees it.
      await Promise.all([0, 1, 2].map(() => local.execute(failure, { route: 'GET /nodes' }).catch(() => undefined)));
      await eventually(async () => ((await peer.ask('state GET /nodes')) === 'STATE open' ? true : undefined), 5_000);
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
      await eventually(() => watcher.circuit(ROUTE).state === 'open' || undefined, 5_000);
    } finally {
      await Promise.all([preset.close(), other.close()]);
    }
  });

  it('two processes keep serving correctly while Redis is killed and their breakers open, half-open and close; sharing resumes when Redis is back', async () => {
    // A Redis of its own: killing it touches no other test.
    const own = await startRedisServer();
    const ns = unique();
    const HALF_OPEN_AFTER = 600_000; // moved by `advance`, never reached by the wall clock during the test
    const a = startPeer(own.url, `${ns}:b:`, `${ns}:c`, HALF_OPEN_AFTER);
    const b = startPeer(own.url, `${ns}:b:`, `${ns}:c`, HALF_OPEN_AFTER);
    const advanceBoth = async () => {
      expect((await a.ask(`advance ${HALF_OPEN_AFTER}`)).startsWith('ADVANCED')).toBe(true);
      expect((await b.ask(`advance ${HALF_OPEN_AFTER}`)).startsWith('ADVANCED')).toBe(true);
    };
    try {
      expect([await a.nextLine(), await b.nextLine()]).toEqual(['READY', 'READY']);
      expect(await a.calls('fresh 50 GET /warm')).toMatchObject({ ok: 50, other: [] });

      // Redis up: A's outage on a route reaches B.
      await a.ask('upstream down GET /vms/{id}');
      expect(await a.calls('call 3 GET /vms/{id}')).toEqual({ ok: 0, failed: 3, rejected: 0, other: [], state: 'open' });
      await eventually(async () => ((await b.ask('state GET /vms/{id}')) === 'STATE open' ? true : undefined), 5_000);

      await own.stop(); // SIGKILL, no goodbye to the clients

      // Both keep answering every call at once, as their own breakers say.
      expect(await a.calls('call 2 GET /vms/{id}')).toEqual({ ok: 0, failed: 0, rejected: 2, other: [], state: 'open' });
      expect(await b.calls('call 2 GET /vms/{id}')).toEqual({ ok: 0, failed: 0, rejected: 2, other: [], state: 'open' });
      // New routes look Redis up (fire and forget): a dead Redis slows or fails none of them.
      expect(await a.calls('fresh 150 GET /during-a')).toMatchObject({ ok: 150, failed: 0, rejected: 0, other: [] });
      expect(await b.calls('fresh 150 GET /during-b')).toMatchObject({ ok: 150, failed: 0, rejected: 0, other: [] });
      // A circuit opens while Redis is down: locally only; B, whose upstream is fine, keeps serving.
      await a.ask('upstream down GET /nodes');
      expect(await a.calls('call 5 GET /nodes')).toEqual({ ok: 0, failed: 3, rejected: 2, other: [], state: 'open' });
      expect(await b.calls('call 5 GET /nodes')).toEqual({ ok: 5, failed: 0, rejected: 0, other: [], state: 'closed' });
      // Half-open after the break, then closed by a good probe, in both processes, Redis still down.
      await advanceBoth();
      expect([await a.ask('state GET /vms/{id}'), await b.ask('state GET /vms/{id}'), await a.ask('state GET /nodes')]).toEqual([
        'STATE half-open',
        'STATE half-open',
        'STATE half-open',
      ]);
      await a.ask('upstream up GET /vms/{id}');
      expect(await a.calls('call 1 GET /vms/{id}')).toEqual({ ok: 1, failed: 0, rejected: 0, other: [], state: 'closed' });
      expect(await b.calls('call 1 GET /vms/{id}')).toEqual({ ok: 1, failed: 0, rejected: 0, other: [], state: 'closed' });
      // A failed probe reopens, a later good one closes.
      expect(await a.calls('call 2 GET /nodes')).toEqual({ ok: 0, failed: 1, rejected: 1, other: [], state: 'open' });
      await advanceBoth();
      await advanceBoth(); // the reopen doubled the break
      await a.ask('upstream up GET /nodes');
      expect(await a.calls('call 1 GET /nodes')).toEqual({ ok: 1, failed: 0, rejected: 0, other: [], state: 'closed' });
      // What could not be shared was counted, not thrown.
      expect(Number((await a.ask('errors')).split(' ')[1])).toBeGreaterThan(0);

      await own.start();
      // Once both have reconnected in the background, an open and then a close in A reach B again.
      let round = 0;
      const shared = await eventually(
        async () => {
          const route = `GET /after/${++round}`;
          expect(await a.ask(`trip ${route}`)).toBe('TRIPPED open');
          return (await b.ask(`state ${route}`)) === 'STATE open' ? route : undefined;
        },
        10_000,
        100,
      );
      // Only A's break ends: its good probe closes the circuit, and B hears it and lets its next call probe.
      expect((await a.ask(`advance ${HALF_OPEN_AFTER}`)).startsWith('ADVANCED')).toBe(true);
      expect(await b.ask(`state ${shared}`)).toBe('STATE open');
      expect(await a.calls(`call 1 ${shared}`)).toMatchObject({ ok: 1, state: 'closed' });
      await eventually(async () => ((await b.ask(`state ${shared}`)) === 'STATE half-open' ? true : undefined), 5_000);
      expect(await b.calls(`call 1 ${shared}`)).toMatchObject({ ok: 1, state: 'closed' });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await own.stop();
    }
  });
});
