import { ConfigError } from '@novacron/core';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { clusterNodeConnector } from './cluster-node-connector';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  /**
   * Where Redis is; default `NOVACRON_REDIS_URL`. Standalone `redis://` / `rediss://`;
   * Sentinel `redis-sentinel://[:password@]host:26379,host2:26379/masterName[?db=N]`;
   * Cluster `redis-cluster://[:password@]host:7000,host2:7001`.
   */
  url?: string;
  /** Extra ioredis options (for Cluster: its `redisOptions`). */
  redisOptions?: RedisOptions;
  clusterOptions?: ClusterOptions;
  /** Bring your own connected client instead (it is then not closed by the cache). */
  client?: RedisClient;
}

/**
 * Options for the cache's command connection: fail fast instead of queueing while Redis is
 * down (the cache skips L2 then), and bound every command so a hung server degrades to L1.
 */
const COMMAND_DEFAULTS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1_000,
  connectTimeout: 2_000,
  retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
};

export function createRedisClient(options: RedisConnectionOptions = {}, env: Record<string, string | undefined> = readEnv()): RedisClient {
  if (options.client) return options.client;
  const url = options.url ?? env['NOVACRON_REDIS_URL'];
  if (!url) throw new ConfigError('redis.url', 'no Redis URL: pass `url` or set NOVACRON_REDIS_URL.');
  const base: RedisOptions = { ...COMMAND_DEFAULTS, ...options.redisOptions };
  if (/^rediss?:\/\//.test(url)) return new Redis(url, base);
  // Multi-host URLs are not WHATWG URLs, so these two schemes are parsed by hand.
  const m = /^(redis-sentinel|redis-cluster):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) {
    throw new ConfigError('redis.url', 'unsupported or malformed URL (use redis://, rediss://, redis-sentinel://host:port,.../master or redis-cluster://host:port,...).');
  }
  const [, scheme, user, pass, hosts, path, search] = m;
  const username = user ? decodeURIComponent(user) : undefined;
  const password = pass ? decodeURIComponent(pass) : undefined;
  const auth = { ...(password === undefined ? {} : { password }), ...(username === undefined ? {} : { username }) };
  if (scheme === 'redis-sentinel') {
    const name = decodeURIComponent(path ?? '');
    if (!name) throw new ConfigError('redis.url', 'a Sentinel URL must name the master: redis-sentinel://host:26379/mymaster.');
    const db = new URLSearchParams(search ?? '').get('db');
    return new Redis({
      ...base,
      ...auth,
      ...(password === undefined ? {} : { sentinelPassword: password }),
      sentinels: hostList(hosts!, 26379),
      name,
      ...(db === null ? {} : { db: Number(db) }),
    });
  }
  return new Cluster(hostList(hosts!, 6379), {
    enableOfflineQueue: false,
    ...options.clusterOptions,
    redisOptions: { ...base, ...auth },
  });
}

/** Parsed form of a Sentinel or Cluster URL, for diagnostics and tests. */
export function describeRedisUrl(url: string): { kind: 'standalone' | 'sentinel' | 'cluster'; hosts: { host: string; port: number }[]; name?: string } {
  if (/^rediss?:\/\//.test(url)) {
    const u = new URL(url);
    return { kind: 'standalone', hosts: [{ host: u.hostname, port: u.port ? Number(u.port) : 6379 }] };
  }
  const m = /^(redis-sentinel|redis-cluster):\/\/(?:[^@/]*@)?([^/?]+)(?:\/([^?]*))?/.exec(url);
  if (!m) throw new ConfigError('redis.url', 'unsupported or malformed URL.');
  return m[1] === 'redis-sentinel'
    ? { kind: 'sentinel', hosts: hostList(m[2]!, 26379), name: decodeURIComponent(m[3] ?? '') }
    : { kind: 'cluster', hosts: hostList(m[2]!, 6379) };
}

/** A second connection for SUBSCRIBE (a subscribed connection can run nothing else). */
export function duplicateForSubscribe(client: RedisClient): RedisClient {
  const subscriberOptions: RedisOptions = { enableOfflineQueue: true, commandTimeout: undefined as unknown as number, maxRetriesPerRequest: null };
  if (!(client instanceof Cluster)) return client.duplicate(subscriberOptions);
  // Not `client.duplicate()`: its subscriber changes node without a word, and the bus must hear of
  // every disconnect to replay what it missed (see cluster-node-connector.ts).
  return new Redis({ ...COMMAND_DEFAULTS, ...client.options.redisOptions, ...subscriberOptions, Connector: clusterNodeConnector(client) });
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

function hostList(hosts: string, defaultPort: number): { host: string; port: number }[] {
  return hosts.split(',').map((h) => {
    const [name, port] = h.split(':');
    const n = port ? Number(port) : defaultPort;
    if (!name || !Number.isInteger(n) || n <= 0 || n > 65535) throw new ConfigError('redis.url', `bad host "${h}".`);
    return { host: name, port: n };
  });
}

function readEnv(): Record<string, string | undefined> {
  return typeof process !== 'undefined' ? process.env : {};
}
