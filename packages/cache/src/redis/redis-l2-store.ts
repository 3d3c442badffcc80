import type { L2Store, L2Write } from '../l2-store';
import { isCluster, type RedisClient } from './redis-connection';

/**
 * Conditional write: the stored payload starts with `<version>|<kind>|`, so versions compare
 * without decoding JSON. A value loses to a higher version or to a tombstone at its version or
 * higher; a tombstone loses to a higher version; a floor loses to the same version or higher.
 */
const SET_SCRIPT = `
local nv = ARGV[4]
if nv ~= '' then
  local cur = redis.call('GET', KEYS[1])
  if cur then
    local cv, ck = string.match(cur, '^(%d+)|(%a)|')
    if cv then
      cv = tonumber(cv)
      nv = tonumber(nv)
      local kind = ARGV[3]
      if kind == 'v' and (cv > nv or (ck == 't' and cv >= nv)) then return 0 end
      if kind == 't' and cv > nv then return 0 end
      if kind == 'f' and cv >= nv then return 0 end
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Adds a key to a tag set and keeps the set alive at least as long as the key. */
const TAG_SCRIPT = `
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

const POP_TAG_SCRIPT = `
local members = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return members`;

const KIND_CODE = { value: 'v', tombstone: 't', floor: 'f' } as const;

export interface RedisL2StoreOptions {
  client: RedisClient;
  /** Every key this cache writes starts with it; unique per cache (and per test run). Default `novacron:cache:`. */
  prefix?: string;
  /** Close the client in `close()`. Default false (the caller owns it). */
  ownsClient?: boolean;
}

type Scripted = RedisClient & {
  novacronCacheSet(key: string, payload: string, ttl: string, kind: string, version: string): Promise<number>;
  novacronCacheTag(key: string, member: string, ttl: string): Promise<number>;
  novacronCachePopTag(key: string): Promise<string[]>;
};

/**
 * L2 on Redis (standalone, Sentinel or Cluster). Every script touches one key, so it runs on
 * a Cluster as it does on a single node; multi-key deletes go one key per command there.
 */
export class RedisL2Store implements L2Store {
  readonly client: RedisClient;
  readonly prefix: string;
  private readonly ownsClient: boolean;

  constructor(options: RedisL2StoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'novacron:cache:';
    this.ownsClient = options.ownsClient ?? false;
    const c = this.client as Scripted;
    if (typeof c.novacronCacheSet !== 'function') {
      c.defineCommand('novacronCacheSet', { numberOfKeys: 1, lua: SET_SCRIPT });
      c.defineCommand('novacronCacheTag', { numberOfKeys: 1, lua: TAG_SCRIPT });
      c.defineCommand('novacronCachePopTag', { numberOfKeys: 1, lua: POP_TAG_SCRIPT });
    }
  }

  get ready(): boolean {
    return this.client.status === 'ready';
  }

  /** The Redis key of a cache key. */
  entryKey(key: string): string {
    return `${this.prefix}e:${key}`;
  }

  /** The client's own promise, unwrapped by nobody: this is the L2 hit path. */
  get(key: string): Promise<string | null> {
    return this.client.get(this.entryKey(key));
  }

  async set(key: string, payload: string, ttlMs: number, write: L2Write): Promise<boolean> {
    const redisKey = this.entryKey(key);
    const ttl = String(Math.max(1, Math.ceil(ttlMs)));
    const stored = await (this.client as Scripted).novacronCacheSet(redisKey, payload, ttl, KIND_CODE[write.kind], write.version === undefined ? '' : String(write.version));
    if (stored === 1 && write.tags && write.tags.length > 0) {
      await Promise.all(write.tags.map((tag) => (this.client as Scripted).novacronCacheTag(this.tagKey(tag), redisKey, ttl)));
    }
    return stored === 1;
  }

  async delete(keys: readonly string[]): Promise<void> {
    await this.unlink(keys.map((k) => this.entryKey(k)));
  }

  async deleteByTag(tag: string): Promise<void> {
    const members = await (this.client as Scripted).novacronCachePopTag(this.tagKey(tag));
    await this.unlink(members);
  }

  async deleteByPrefix(prefix: string): Promise<void> {
    const patterns = [`${this.prefix}e:${escapeGlob(prefix)}*`];
    if (prefix === '') patterns.push(`${this.prefix}t:*`);
    const nodes = isCluster(this.client) ? this.client.nodes('master') : [this.client];
    for (const node of nodes) {
      for (const match of patterns) {
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await this.unlink(keys);
        } while (cursor !== '0');
      }
    }
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (!this.ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private tagKey(tag: string): string {
    return `${this.prefix}t:${tag}`;
  }

  private async unlink(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    if (isCluster(this.client)) {
      await Promise.all(keys.map((k) => this.client.unlink(k)));
      return;
    }
    for (let i = 0; i < keys.length; i += 500) await this.client.unlink(...keys.slice(i, i + 500));
  }
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}
