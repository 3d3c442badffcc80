import { ConfigError } from '@novacron/core';

export type Env = Record<string, string | undefined>;

/** The variables createClient reads itself (core reads the connection ones). */
export interface SdkEnvSettings {
  /** `NOVACRON_REDIS_URL`: Node builds an L1 + Redis L2 cache from it. */
  redisUrl: string | undefined;
  /** `NOVACRON_CACHE_TTL`, in seconds, as ms: how long GETs are cached. */
  cacheTtlMs: number | undefined;
  /** `NOVACRON_ENABLE_METRICS`; false stops recording the per-route metrics. */
  metrics: boolean;
  /** `NOVACRON_CACHE_PREFIX`: the Redis key prefix, so applications sharing a Redis stay apart. */
  cachePrefix: string | undefined;
}

export function hostEnv(env: Env | undefined): Env {
  return env ?? (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

export function sdkEnvSettings(env: Env): SdkEnvSettings {
  const ttl = env['NOVACRON_CACHE_TTL'];
  let cacheTtlMs: number | undefined;
  if (ttl !== undefined && ttl !== '') {
    const seconds = Number(ttl);
    if (!Number.isInteger(seconds) || seconds < 1) throw new ConfigError('NOVACRON_CACHE_TTL', `must be a whole number of seconds, 1 or more, got "${ttl.slice(0, 20)}"`);
    cacheTtlMs = seconds * 1000;
  }
  const metrics = env['NOVACRON_ENABLE_METRICS'];
  let metricsOn = true;
  if (metrics !== undefined && metrics !== '') {
    const v = metrics.trim().toLowerCase();
    if (v === 'true' || v === '1' || v === 'yes' || v === 'on') metricsOn = true;
    else if (v === 'false' || v === '0' || v === 'no' || v === 'off') metricsOn = false;
    else throw new ConfigError('NOVACRON_ENABLE_METRICS', `must be true or false, got "${metrics.slice(0, 20)}"`);
  }
  return { redisUrl: env['NOVACRON_REDIS_URL'] || undefined, cacheTtlMs, metrics: metricsOn, cachePrefix: env['NOVACRON_CACHE_PREFIX'] || undefined };
}
