import { ConfigError } from '@novacron/core';
import { createCache, type Cache } from '@novacron/cache';

/** Browsers: an in-memory cache; Redis is reached from Node only. */
export function cacheFromEnv(redisUrl: string | undefined, _prefix?: string): Cache {
  if (redisUrl !== undefined) throw new ConfigError('NOVACRON_REDIS_URL', 'a Redis cache needs Node; in a browser leave it unset');
  return createCache();
}
