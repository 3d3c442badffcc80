import { CircuitOpenError, InternalServerError } from '@novacron/core';
import { eventually, startRedisCluster, startRedisSentinel, type RedisClusterHandle, type RedisSentinelHandle } from '@novacron/simulator';
import { Cluster, Redis } from 'ioredis';
import { CircuitBreakerPolicy, ResilienceEvents } from '../src/index';
import { RedisBreakerState } from '../src/redis';
import type { SharedBreakerChange } from '../src/shared-breaker-state';

const failure = () => Promise.reject(new InternalServerError('503', { status: 503 }));
/** Commands as the breaker state would make them itself: no queue, short timeouts. */
const COMMAND_OPTIONS = { enableOfflineQueue: false, commandTimeout: 500, connectTimeout: 500, maxRetriesPerRequest: 0 };

interface Topology {
  client(): Redis | Cluster;
  /** Kill the master holding `key` and wait until a replica serves it. */
  killMasterOf(key: string): Promise<void>;
}

/** Processes A and B (and a late joiner C) sharing breaker state through one topology, across a master failover. */
async function failoverScenario(topology: Topology) {
  const ns = `t${process.hrtime.bigint().toString(36)}`;
  const keyPrefix = `${ns}:breaker:`;
  const channel = `${ns}:breaker`;
  const clients: (Redis | Cluster)[] = [];
  const errors: string[] = [];
  const events = new ResilienceEvents();
  events.on('sharedStateError', (e) => errors.push(`${e.route}: ${String((e as { error?: unknown }).error)}`));
  const state = async () => {
    const client = topology.client();
    clients.push(client);
    const shared = new RedisBreakerState({ client, keyPrefix, channel, events });
    await shared.whenReady();
    return shared;
  };
  const [stateA, stateB] = [await state(), await state()];
  const a = new CircuitBreakerPolicy({ threshold: 3, sharedState: stateA });
  const b = new CircuitBreakerPolicy({ threshold: 3, sharedState: stateB });
  const heardByB: string[] = [];
  stateB.subscribe((route: string, change: SharedBreakerChange) => heardByB.push(`${route}:${change.state}`));
  const trip = async (route: string) => {
    for (let i = 0; i < 3; i++) await a.execute(failure, { route }).catch(() => undefined);
    expect(a.circuit(route).state).toBe('open');
  };
  /** A's messages reach B again (B's subscriber may be moving to another node): probe until one does. */
  let stateC: RedisBreakerState | undefined;
  let probes = 0;
  const subscribed = async () => {
    const sent = new Set<string>();
    await eventually(() => {
      const probe = `probe ${probes++}`;
      sent.add(`${probe}:open`);
      stateA.publish(probe, { state: 'open', openUntil: Date.now() + 60_000 });
      return heardByB.some((h) => sent.has(h)) ? true : undefined;
    }, 30_000, 50);
  };

  try {
    await subscribed();
    await trip('GET /before');
    await eventually(() => b.circuit('GET /before').state === 'open' || undefined, 5_000);

    // Calls keep flowing through both breakers while the master holding the open circuit dies.
    let failoverDone = false;
    const outcomes = { ok: 0, failed: [] as string[] };
    const traffic = async (policy: CircuitBreakerPolicy, name: string) => {
      for (let i = 0; !failoverDone || i % 50 !== 0; i++) {
        await policy
          .execute(async () => 'ok', { route: `GET /healthy/${i % 7}` })
          .then(
            (value) => (value === 'ok' ? outcomes.ok++ : outcomes.failed.push(`${name}: ${String(value)}`)),
            (error: unknown) => outcomes.failed.push(`${name}: ${String(error)}`),
          );
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const running = Promise.all([traffic(a, 'A'), traffic(b, 'B')]);
    await topology.killMasterOf(`${keyPrefix}GET /before`).finally(() => (failoverDone = true));
    await running;
    expect(outcomes.failed).toEqual([]);
    expect(outcomes.ok).toBeGreaterThanOrEqual(100);
    // The open circuit stays open in B, and the route is still refused without being reached.
    expect(b.circuit('GET /before').state).toBe('open');
    let reached = false;
    await expect(b.execute(async () => (reached = true), { route: 'GET /before' })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(reached).toBe(false);

    // The key survived on the promoted replica: a process that starts now learns the open circuit.
    stateC = await state();
    const c = new CircuitBreakerPolicy({ sharedState: stateC });
    c.circuit('GET /before');
    await eventually(() => c.circuit('GET /before').state === 'open' || undefined, 10_000);

    // And sharing goes on after the failover: a trip in A reaches B.
    await subscribed();
    await trip('GET /after');
    await eventually(() => b.circuit('GET /after').state === 'open' || undefined, 5_000).catch((error: unknown) => {
      const status = (s: RedisBreakerState) => (s as unknown as { command: Redis | Cluster }).command.status;
      throw new Error(`${String(error)}; B heard ${JSON.stringify(heardByB)}; A ${status(stateA)}, B ${status(stateB)}, errors ${JSON.stringify(errors)}`);
    });
  } finally {
    await Promise.all([stateA.close(), stateB.close(), stateC?.close()]);
    for (const client of clients) client.disconnect();
  }
}

describe('RedisBreakerState on a real Redis Cluster (3 masters, 1 replica each)', () => {
  let cluster: RedisClusterHandle;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('shares open circuits, keeps every call working while a master fails over, and shares again afterwards', async () => {
    await failoverScenario({
      client: () => new Cluster(cluster.nodes as { host: string; port: number }[], { enableOfflineQueue: false, redisOptions: COMMAND_OPTIONS }),
      killMasterOf: async (key) => {
        const master = await cluster.masterFor(key);
        await cluster.waitForReplicasInSync();
        await cluster.kill(master);
        await cluster.waitForHealthy();
        expect(await cluster.masterFor(key)).not.toBe(master);
      },
    });
  }, 90_000);
});

describe('RedisBreakerState through a real Sentinel set (1 master, 2 replicas, 3 sentinels)', () => {
  let sentinel: RedisSentinelHandle;
  beforeAll(async () => {
    sentinel = await startRedisSentinel();
  }, 60_000);
  afterAll(() => sentinel?.stop());

  it('shares open circuits, keeps every call working while the master fails over, and shares again afterwards', async () => {
    await failoverScenario({
      client: () => new Redis({ sentinels: [...sentinel.sentinels], name: sentinel.masterName, ...COMMAND_OPTIONS }),
      killMasterOf: async () => {
        const master = await sentinel.masterPort();
        await sentinel.waitForReplicasInSync();
        await sentinel.kill(master);
        expect(await sentinel.waitForFailover(master)).not.toBe(master);
      },
    });
  }, 90_000);
});

describe('RedisBreakerState URLs', () => {
  it('refuses a Sentinel or Cluster URL with a ConfigError that names the `client` option, instead of retrying a host named "a,b" forever', () => {
    for (const url of ['redis-cluster://127.0.0.1:7000,127.0.0.1:7001', 'redis-sentinel://127.0.0.1:26379/mymaster']) {
      expect(() => new RedisBreakerState({ url })).toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining('`client`') }));
    }
  });
});
