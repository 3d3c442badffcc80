import { Cache } from '../cache';
import type { CacheOptions } from '../cache-options';
import { createRedisClient, duplicateForSubscribe, type RedisConnectionOptions } from './redis-connection';
import { RedisInvalidationBus } from './redis-invalidation-bus';
import { RedisL2Store } from './redis-l2-store';
import { RedisLock } from './redis-lock';

export interface RedisCacheOptions extends Omit<CacheOptions, 'l2' | 'bus' | 'lock'>, RedisConnectionOptions {
  /** Every Redis key and channel of this cache starts with it. Default `novacron:cache:`. */
  prefix?: string;
  /** Keep other processes' L1 coherent through pub/sub. Default true. */
  bus?: boolean;
  /** One factory run per cold key across processes. Default true. */
  lock?: boolean;
  /** Messages kept for a reconnecting subscriber to replay. Default 10,000. */
  maxStreamLength?: number;
}

/**
 * A cache with L1 in memory and L2 in Redis, the invalidation bus and the distributed lock
 * wired; `close()` closes the connections it opened.
 */
export function createRedisCache(options: RedisCacheOptions = {}): Cache {
  const { url, redisOptions, clusterOptions, client: given, prefix = 'novacron:cache:', bus = true, lock = true, maxStreamLength, ...cacheOptions } = options;
  const client = createRedisClient({ url, redisOptions, clusterOptions, client: given });
  const l2 = new RedisL2Store({ client, prefix, ownsClient: given === undefined });
  return new Cache({
    ...cacheOptions,
    l2,
    ...(bus ? { bus: new RedisInvalidationBus({ publisher: client, subscriber: duplicateForSubscribe(client), prefix, maxStreamLength }) } : {}),
    ...(lock ? { lock: new RedisLock(client, prefix) } : {}),
  });
}
