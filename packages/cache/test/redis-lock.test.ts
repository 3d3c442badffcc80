import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Cache } from '../src/cache';
import { RedisL2Store, RedisLock } from '../src/redis';
import { REDIS_URL, dropPrefix, uniquePrefix } from './support/redis-test-env';

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/lock-contender.ts'), ...args], {
      cwd: path.join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('RedisLock', () => {
  const prefix = uniquePrefix('lock');
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    await dropPrefix(prefix);
    redis.disconnect();
  });

  it('four processes × 250 concurrent getOrSet on one cold key run the factory once in total', async () => {
    const startAt = String(Date.now() + 2_500);
    const outputs = await Promise.all([0, 1, 2, 3].map(() => runChild([REDIS_URL, prefix, 'cold-key', startAt])));
    const results = outputs.map((o) => JSON.parse(o) as { distinct: number; value: string });
    expect(await redis.get(`${prefix}factory-runs`)).toBe('1');
    expect(results.every((r) => r.distinct === 1)).toBe(true);
    expect(new Set(results.map((r) => r.value)).size).toBe(1);
  }, 45_000);

  it('only the holder releases; a second acquire waits for the first', async () => {
    const lock = new RedisLock(redis, prefix);
    await new Promise((r) => (redis.status === 'ready' ? r(undefined) : redis.once('ready', r)));
    const first = await lock.acquire('k', 5_000);
    expect(first).toBeDefined();
    expect(await lock.acquire('k', 5_000)).toBeUndefined();
    expect(await lock.isHeld('k')).toBe(true);
    await first!.release();
    expect(await lock.isHeld('k')).toBe(false);
  });

  it('falls back to the local lock when the lock service cannot be reached', async () => {
    await new Promise((r) => (redis.status === 'ready' ? r(undefined) : redis.once('ready', r)));
    let runs = 0;
    const errors: string[] = [];
    const cache = new Cache({
      l2: new RedisL2Store({ client: redis, prefix }),
      lock: {
        acquire: async () => {
          throw new Error('lock service down');
        },
        isHeld: async () => false,
      },
      onError: (_e, ctx) => errors.push(ctx.operation),
    });
    const values = await Promise.all(Array.from({ length: 100 }, () => cache.getOrSet('fallback', async () => ++runs)));
    expect(runs).toBe(1);
    expect(new Set(values)).toEqual(new Set([1]));
    expect(errors).toEqual(['lock.acquire']);
  });
});
