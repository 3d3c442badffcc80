import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInfo, RedisProcess, redisCli, replicaLines } from './redis-processes';
import { freePort } from './redis-server';
import { eventually } from './simulator-client';

export interface RedisClusterOptions {
  /** Default 3. */
  masters?: number;
  /** Replicas per master. Default 1. */
  replicas?: number;
  /** `cluster-node-timeout`: how long a silent node takes to be failed over. Default 1,000 ms. */
  nodeTimeoutMs?: number;
  binary?: string;
  cliBinary?: string;
}

export interface RedisClusterNode {
  id: string;
  port: number;
  role: 'master' | 'replica';
  /** The master's id, for a replica. */
  masterId: string | undefined;
  /** Slot ranges served, inclusive. */
  slots: [number, number][];
  /** Flagged `fail` (or `fail?`) by the node asked. */
  failing: boolean;
}

/** A throw-away Redis Cluster on free loopback ports, in a temp dir, for failover tests. */
export interface RedisClusterHandle {
  /** Every node's address (masters and replicas), as startup nodes for a client. */
  readonly nodes: readonly { host: string; port: number }[];
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...` */
  readonly url: string;
  /** The topology as a running node sees it. */
  topology(): Promise<RedisClusterNode[]>;
  /** The port of the master serving `key`'s slot. */
  masterFor(key: string): Promise<number>;
  /** The ports of the replicas of the master on `masterPort`. */
  replicasOf(masterPort: number): Promise<number[]>;
  /** SIGKILL one node. */
  kill(port: number): Promise<void>;
  /** Start a killed node again (it rejoins with its saved cluster config). */
  restart(port: number): Promise<void>;
  /** `CLUSTER FAILOVER [FORCE|TAKEOVER]` on a replica. */
  failover(replicaPort: number, mode?: 'coordinated' | 'force' | 'takeover'): Promise<void>;
  /** Wait until every running node says cluster_state:ok and every slot is served by a running master. */
  waitForHealthy(timeoutMs?: number): Promise<void>;
  /** Wait until every running replica has acknowledged everything its master wrote (so a kill loses nothing). */
  waitForReplicasInSync(timeoutMs?: number): Promise<void>;
  /** Run one command through redis-cli on a node (e.g. `CLIENT LIST`); resolves its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  running(port: number): boolean;
  stop(): Promise<void>;
}

const SLOTS = 16_384;

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  const binary = options.binary ?? 'redis-server';
  const cli = options.cliBinary ?? 'redis-cli';
  const dir = mkdtempSync(join(tmpdir(), 'novacron-redis-cluster-'));
  const processes = new Map<number, RedisProcess>();
  const run = (port: number, args: string[]) => redisCli(port, args, cli);

  const stop = async () => {
    await Promise.all([...processes.values()].map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < masters * (1 + replicas); i++) {
      const port = await freePort();
      // The cluster bus defaults to port + 10000, which may not exist above 55535: give it its own.
      let busPort = await freePort();
      while (busPort === port) busPort = await freePort();
      // prettier-ignore
      const args = [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-port', String(busPort),
        '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 1_000),
        '--save', '', '--appendonly', 'no',
      ];
      const node = new RedisProcess(port, args, binary);
      processes.set(port, node);
      await node.start();
    }
    const ports = [...processes.keys()];
    await run(ports[0]!, ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes']);
  } catch (error) {
    await stop();
    throw error;
  }

  const livePort = () => {
    for (const [port, p] of processes) if (p.running) return port;
    throw new Error('no cluster node is running');
  };
  const topologyFrom = async (port: number) => parseNodes(await run(port, ['cluster', 'nodes']));
  const topology = () => topologyFrom(livePort());
  const processFor = (port: number) => {
    const p = processes.get(port);
    if (!p) throw new Error(`no cluster node on port ${port}`);
    return p;
  };

  const handle: RedisClusterHandle = {
    nodes: [...processes.keys()].map((port) => ({ host: '127.0.0.1', port })),
    url: `redis-cluster://${[...processes.keys()].map((p) => `127.0.0.1:${p}`).join(',')}`,
    topology,
    async masterFor(key) {
      const slot = Number((await run(livePort(), ['cluster', 'keyslot', key])).trim());
      const owner = (await topology()).find((n) => n.role === 'master' && !n.failing && n.slots.some(([a, b]) => slot >= a && slot <= b));
      if (!owner) throw new Error(`no master serves slot ${slot}`);
      return owner.port;
    },
    async replicasOf(masterPort) {
      const nodes = await topology();
      const master = nodes.find((n) => n.port === masterPort);
      return nodes.filter((n) => n.role === 'replica' && n.masterId === master?.id).map((n) => n.port);
    },
    kill: (port) => processFor(port).kill(),
    restart: (port) => processFor(port).start(),
    async failover(replicaPort, mode = 'coordinated') {
      await run(replicaPort, mode === 'coordinated' ? ['cluster', 'failover'] : ['cluster', 'failover', mode]);
    },
    async waitForHealthy(timeoutMs = 30_000) {
      await eventually(async () => {
        for (const [port, p] of processes) {
          if (!p.running) continue;
          if (parseInfo(await run(port, ['cluster', 'info']))['cluster_state'] !== 'ok') return undefined;
          const nodes = await topologyFrom(port);
          let covered = 0;
          for (const n of nodes) {
            if (n.role !== 'master' || n.slots.length === 0) continue;
            if (n.failing || !processes.get(n.port)?.running) return undefined;
            for (const [a, b] of n.slots) covered += b - a + 1;
          }
          if (covered !== SLOTS) return undefined;
        }
        return true;
      }, timeoutMs, 50);
    },
    async waitForReplicasInSync(timeoutMs = 10_000) {
      // What each master had written when we were called; writes after that may still be in flight.
      const targets = new Map<number, number>();
      for (const [port, p] of processes) {
        if (!p.running) continue;
        const info = parseInfo(await run(port, ['info', 'replication']));
        if (info['role'] === 'master') targets.set(port, Number(info['master_repl_offset']));
      }
      await eventually(async () => {
        for (const [port, target] of targets) {
          const info = parseInfo(await run(port, ['info', 'replication']));
          for (const replica of replicaLines(info)) {
            if (!processes.get(replica.port)?.running) continue;
            if (replica.state !== 'online' || replica.offset < target) return undefined;
          }
        }
        return true;
      }, timeoutMs, 20);
    },
    cli: (port, ...args) => run(port, args),
    running: (port) => processes.get(port)?.running ?? false,
    stop,
  };
  try {
    await handle.waitForHealthy();
    // Every replica must be attached before a test may kill its master.
    await eventually(async () => {
      for (const n of await topology()) {
        if (n.role !== 'replica') continue;
        if (parseInfo(await run(n.port, ['info', 'replication']))['master_link_status'] !== 'up') return undefined;
      }
      return true;
    }, 30_000, 50);
  } catch (error) {
    await stop();
    throw error;
  }
  return handle;
}

/** Parse `CLUSTER NODES`. */
function parseNodes(text: string): RedisClusterNode[] {
  const nodes: RedisClusterNode[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = line.trim().split(' ');
    if (parts.length < 8) continue;
    const [id, address, flags, master] = parts as [string, string, string, string];
    const port = Number(/:(\d+)@/.exec(address)?.[1]);
    const flagSet = new Set(flags.split(','));
    const slots: [number, number][] = [];
    for (const range of parts.slice(8)) {
      if (range.startsWith('[')) continue; // a slot being migrated
      const [a, b] = range.split('-');
      slots.push([Number(a), Number(b ?? a)]);
    }
    nodes.push({
      id,
      port,
      role: flagSet.has('master') ? 'master' : 'replica',
      masterId: master === '-' ? undefined : master,
      slots,
      failing: flagSet.has('fail') || flagSet.has('fail?'),
    });
  }
  return nodes;
}
