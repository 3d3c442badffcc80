import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Cache } from '../../src/cache';
import type { RedisInvalidationBus } from '../../src/redis/redis-invalidation-bus';

/** The shared Redis every test may use (never flushed: each test keeps to its own prefix). */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(name: string): string {
  return `novacron:test:cache:${name}:${randomUUID()}:`;
}

/** Remove every key under `prefix` (the test's own keys only). */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Poll `check` every few ms until it is true or `timeoutMs` passes; resolves the time it took (ms) or -1. */
export async function pollUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) return -1;
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A Redis-backed cache's bus (tests cut its subscriber to prove the replay). */
export function busOf(cache: Cache): RedisInvalidationBus {
  return (cache as unknown as { bus: RedisInvalidationBus }).bus;
}

export { seededRandom, shuffle } from '@novacron/simulator';
