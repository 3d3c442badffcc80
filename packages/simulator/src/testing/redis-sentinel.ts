import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInfo, RedisProcess, redisCli, replicaLines } from './redis-processes';
import { freePort } from './redis-server';
import { eventually } from './simulator-client';

export interface RedisSentinelOptions {
  /** Default `novacron`. */
  masterName?: string;
  /** Default 2. */
  replicas?: number;
  /** Default 3 (quorum 2). */
  sentinels?: number;
  /** How long the master must be silent before the sentinels call it down. Default 1,000 ms. */
  downAfterMs?: number;
  binary?: string;
  cliBinary?: string;
}

/** A throw-away Sentinel set (one master, its replicas, `redis-server --sentinel` processes) on loopback. */
export interface RedisSentinelHandle {
  readonly masterName: string;
  /** The sentinels' addresses, for a client's `sentinels` option. */
  readonly sentinels: readonly { host: string; port: number }[];
  /** `redis-sentinel://127.0.0.1:s1,.../masterName` */
  readonly url: string;
  /** The master's port as every sentinel agrees on it. */
  masterPort(): Promise<number>;
  /** SIGKILL a data node (the master or a replica). */
  kill(port: number): Promise<void>;
  /** Kill the master; resolves its port. */
  killMaster(): Promise<number>;
  /** Wait until every sentinel names a running master other than `oldPort`, and that node says it is master. */
  waitForFailover(oldPort: number, timeoutMs?: number): Promise<number>;
  /** Wait until every running replica has acknowledged everything the master wrote. */
  waitForReplicasInSync(timeoutMs?: number): Promise<void>;
  /** Run one command through redis-cli on a node (e.g. `CLIENT LIST`); resolves its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startRedisSentinel(options: RedisSentinelOptions = {}): Promise<RedisSentinelHandle> {
  const name = options.masterName ?? 'novacron';
  const binary = options.binary ?? 'redis-server';
  const cli = options.cliBinary ?? 'redis-cli';
  const sentinelCount = options.sentinels ?? 3;
  const quorum = Math.floor(sentinelCount / 2) + 1;
  const dir = mkdtempSync(join(tmpdir(), 'novacron-redis-sentinel-'));
  const data = new Map<number, RedisProcess>();
  const sentinels: RedisProcess[] = [];
  const run = (port: number, args: string[]) => redisCli(port, args, cli);
  const stop = async () => {
    await Promise.all([...sentinels, ...data.values()].map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  };

  const dataNode = async (replicaOf?: number) => {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
    if (replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(replicaOf));
    const node = new RedisProcess(port, args, binary);
    data.set(port, node);
    await node.start();
    return port;
  };

  try {
    const master = await dataNode();
    for (let i = 0; i < (options.replicas ?? 2); i++) await dataNode(master);
    for (let i = 0; i < sentinelCount; i++) {
      const port = await freePort();
      // Sentinel rewrites its config file, so each gets its own.
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${master} ${quorum}`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1_000}`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = new RedisProcess(port, [file, '--sentinel'], binary);
      sentinels.push(sentinel);
      await sentinel.start();
    }
    // A failover needs the sentinels to know each other and the replicas: wait until they do.
    await eventually(async () => {
      for (const s of sentinels) {
        const fields = pairs(await run(s.port, ['sentinel', 'master', name]));
        if (Number(fields['num-other-sentinels']) !== sentinelCount - 1 || Number(fields['num-slaves']) !== data.size - 1) return undefined;
      }
      for (const port of data.keys()) {
        if (port === master) continue;
        if (parseInfo(await run(port, ['info', 'replication']))['master_link_status'] !== 'up') return undefined;
      }
      return true;
    }, 30_000, 50);
  } catch (error) {
    await stop();
    throw error;
  }

  const masterPort = async () => {
    let agreed: number | undefined;
    for (const s of sentinels) {
      if (!s.running) continue;
      const [, port] = (await run(s.port, ['sentinel', 'get-master-addr-by-name', name])).trim().split(/\s+/);
      if (agreed !== undefined && Number(port) !== agreed) throw new Error('the sentinels disagree on the master');
      agreed = Number(port);
    }
    if (agreed === undefined) throw new Error('no sentinel is running');
    return agreed;
  };
  const kill = async (port: number) => {
    await data.get(port)?.kill();
  };

  return {
    masterName: name,
    sentinels: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
    url: `redis-sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${encodeURIComponent(name)}`,
    masterPort,
    kill,
    async killMaster() {
      const port = await masterPort();
      await kill(port);
      return port;
    },
    waitForFailover(oldPort, timeoutMs = 30_000) {
      return eventually(async () => {
        const port = await masterPort();
        if (port === oldPort || !data.get(port)?.running) return undefined;
        return parseInfo(await run(port, ['info', 'replication']))['role'] === 'master' ? port : undefined;
      }, timeoutMs, 50);
    },
    async waitForReplicasInSync(timeoutMs = 10_000) {
      const port = await masterPort();
      // What the master had written when we were called; writes after that may still be in flight.
      const target = Number(parseInfo(await run(port, ['info', 'replication']))['master_repl_offset']);
      await eventually(async () => {
        const replicas = replicaLines(parseInfo(await run(port, ['info', 'replication'])));
        return replicas.every((r) => r.state === 'online' && r.offset >= target) ? true : undefined;
      }, timeoutMs, 20);
    },
    cli: (port, ...args) => run(port, args),
    stop,
  };
}

/** A flat `key value key value` reply from redis-cli, as a map. */
function pairs(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) out[lines[i]!] = lines[i + 1]!;
  return out;
}
