import { eventually, startRedisCluster, type RedisClusterHandle } from '@novacron/simulator';
import { Cluster } from 'ioredis';
import type { Cache } from '../src/cache';
import { createRedisCache } from '../src/redis';
import { RedisLock } from '../src/redis/redis-lock';
import { FailoverWorkload } from './support/failover-workload';

/** The cluster node B's bus subscriber is connected to (found by its connection name). */
async function subscriberNode(cluster: RedisClusterHandle, name: string): Promise<number | undefined> {
  for (const { port } of cluster.nodes) {
    if (!cluster.running(port)) continue;
    const clients = await cluster.cli(port, 'client', 'list');
    if (clients.split('\n').some((line) => line.includes(` name=${name} `) && / sub=[1-9]/.test(line))) return port;
  }
  return undefined;
}

describe('createRedisCache on a real Redis Cluster (3 masters, 1 replica each)', () => {
  let cluster: RedisClusterHandle;
  const caches: Cache[] = [];
  let run = 0;
  const open = async (name: string, prefix: string) => {
    const cache = createRedisCache({ url: cluster.url, prefix, name, redisOptions: { connectionName: name } });
    caches.push(cache);
    await cache.ready();
    return cache;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.close()));
  });
  afterAll(() => cluster?.stop());

  it('shares values through L2 across all three shards, drops tags and prefixes on every shard, and one lock guards a cold key', async () => {
    const prefix = `novacron:test:cluster:${++run}:`;
    const a = await open(`a${run}`, prefix);
    const b = await open(`b${run}`, prefix);
    const keys = Array.from({ length: 60 }, (_, i) => `vm:${i}`);
    const owners = new Set(await Promise.all(keys.map((k) => cluster.masterFor(`${prefix}e:${k}`))));
    expect(owners.size).toBe(3); // the keys really are spread over every master

    for (const key of keys) await a.set(key, { key }, { tags: [key.endsWith('0') ? 'tens' : 'rest'] });
    for (const key of keys) expect(await b.get(key)).toEqual({ key });
    expect(b.metrics().l2.hits).toBe(60);
    expect(b.metrics().l2.errors).toBe(0);

    await a.deleteByTag('tens');
    await eventually(() => (keys.filter((k) => k.endsWith('0')).some((k) => b.hasLocal(k)) ? undefined : true), 5_000);
    for (const key of keys) expect(await b.get(key)).toEqual(key.endsWith('0') ? undefined : { key });

    await a.deleteByPrefix('vm:1');
    await eventually(() => (b.hasLocal('vm:15') ? undefined : true), 5_000);
    for (const key of keys) expect(await b.get(key)).toEqual(key.endsWith('0') || key.startsWith('vm:1') ? undefined : { key });

    let runs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = a.getOrSet('cold', async () => (runs++, await gate, 'filled'));
    const lock = new RedisLock(new Cluster(cluster.nodes as { host: string; port: number }[]), prefix);
    const probe = lock as unknown as { client: Cluster };
    await eventually(async () => ((await lock.isHeld('lock:cold').catch(() => false)) ? true : undefined), 5_000);
    const second = b.getOrSet('cold', async () => (runs++, 'second'));
    release();
    expect(await Promise.all([first, second])).toEqual(['filled', 'filled']);
    expect(runs).toBe(1);
    probe.client.disconnect();
  }, 30_000);

  it('kills the master holding the bus stream, then the one holding the subscriber: no call fails, B never serves a stale key (every invalidation replayed, or L1 flushed when a dead master took unreplicated entries with it), and L2 serves again', async () => {
    const prefix = `novacron:test:cluster:${++run}:`;
    const writer = await open(`writer${run}`, prefix);
    const readerName = `reader${run}`;
    const reader = await open(readerName, prefix);
    const keys = Array.from({ length: 48 }, (_, i) => `vm:${i}`);
    const work = new FailoverWorkload(writer, reader, keys, 13_2026);
    await work.warm();
    expect(keys.every((k) => reader.hasLocal(k))).toBe(true);

    let outages = 0;
    const killMaster = async (port: number) => {
      const replicas = await cluster.replicasOf(port);
      expect(replicas.length).toBe(1);
      // A hash tag on the master about to die: keys carrying it are on that master.
      let tag = '';
      while (tag === '') {
        const candidate = `{outage-${++outages}}`;
        if ((await cluster.masterFor(candidate)) === port) tag = candidate;
      }
      await cluster.waitForReplicasInSync();
      // The replica waits to take over until both caches have met the outage (else a fast
      // failover could end it before a read reached the dead master).
      await cluster.cli(replicas[0]!, 'config', 'set', 'cluster-replica-no-failover', 'yes');
      await cluster.kill(port);
      // Calls really run while Redis fails over: each reads keys it never held, on the dead master,
      // until an L2 call fails or is skipped.
      await Promise.all([
        work.readThroughOutage(writer, (i) => `${tag}:writer:${i}`),
        work.readThroughOutage(reader, (i) => `${tag}:reader:${i}`),
      ]);
      await cluster.cli(replicas[0]!, 'config', 'set', 'cluster-replica-no-failover', 'no');
      await cluster.waitForHealthy();
      expect(await cluster.topology()).toContainEqual(expect.objectContaining({ port, failing: true }));
    };

    // 1. The master that holds the bus stream (the writer's publish script runs there).
    const streamMaster = await cluster.masterFor(`${prefix}bus-stream`);
    await work.runAround(() => killMaster(streamMaster));
    expect(await cluster.masterFor(`${prefix}bus-stream`)).not.toBe(streamMaster);
    await work.caughtUp();
    // The killed node comes back as a replica, so every master has one again.
    await cluster.restart(streamMaster);
    await cluster.waitForHealthy();
    await eventually(async () => ((await cluster.topology()).find((n) => n.port === streamMaster)?.role === 'replica' ? true : undefined), 30_000);

    // 2. The master the reader's bus subscriber is connected to.
    const subscriberMaster = await eventually(() => subscriberNode(cluster, readerName), 10_000);
    expect((await cluster.topology()).find((n) => n.port === subscriberMaster)?.role).toBe('master');
    await work.runAround(() => killMaster(subscriberMaster));
    await work.caughtUp();
    expect(await eventually(() => subscriberNode(cluster, readerName), 10_000)).not.toBe(subscriberMaster);

    expect(work.failures).toEqual([]);
    expect(work.published).toBeGreaterThanOrEqual(80);
    // Redis replicates asynchronously: messages a master acknowledged in its last moments can die with
    // it (seen in 1 of 3 CI runs, and as "received 842 of 843, gaps 0" before the bus numbered its
    // messages). The reader learns of it from the stream, or from the hole in a sender's numbering,
    // counts a gap and flushes L1, so it still never serves a stale key; without a gap it must have
    // received every invalidation.
    // At most one gap per sender (the writer, and the reader's own fills) per failover: two failovers here.
    const bus = reader.metrics().bus;
    expect(bus.gaps).toBeLessThanOrEqual(4);
    expect(bus.gaps > 0 || bus.received >= work.published).toBe(true);
    expect(await work.staleKeys()).toEqual([]);

    // L2 is back for both: a value written by one is read from L2 by the other.
    await eventually(async () => {
      await writer.set('after', 'failover');
      return (await reader.get('after')) === 'failover' ? true : undefined;
    }, 30_000);
    expect(reader.metrics().l2.breaker).toBe('closed');
  }, 120_000);
});
