import { ConfigError } from '@novacron/core';
import type { Cache } from '@novacron/cache';

/**
 * Browsers: caching from variables is Node only (a browser has no environment, and the Cache
 * class is not in createClient's browser bundle unless you bring it); pass `cache` instead.
 */
export function cacheFromEnv(redisUrl: string | undefined, _prefix?: string): Cache {
  throw new ConfigError(redisUrl !== undefined ? 'NOVACRON_REDIS_URL' : 'NOVACRON_CACHE_TTL', 'caching from environment variables needs Node; in a browser pass `cache` to createClient');
}
