import { Redis, type Cluster } from 'ioredis';
import { PlanLockedError, PlanStoreError } from './errors';
import { parseMigrationPlan, type MigrationPlan } from './migration-plan';
import type { LeaseResult, PlanExecutionState, PlanStore } from './plan-store';

export interface RedisPlanStoreOptions {
  /** `redis://…`; default NOVACRON_REDIS_URL. Ignored when `client` is given. */
  url?: string;
  /** Bring your own client (it is not closed by `close()`). */
  client?: Redis | Cluster;
  /** Default `novacron:plan:`. */
  keyPrefix?: string;
}

// Writes only while `owner` holds the lease, in one step on the server.
const SAVE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2]) return 1 end return 0`;
const RENEW_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const ACQUIRE = `local holder = redis.call('GET', KEYS[1]) if holder == false or holder == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return '' end return holder`;

/**
 * Plans and execution state in Redis, for teams: any process that reaches the Redis can resume a
 * plan. The lease is a key with a TTL, so a crashed executor's plan frees itself.
 */
export class RedisPlanStore implements PlanStore {
  private readonly client: Redis | Cluster;
  private readonly owned: boolean;
  private readonly prefix: string;

  constructor(options: RedisPlanStoreOptions = {}) {
    this.prefix = options.keyPrefix ?? 'novacron:plan:';
    if (options.client) {
      this.client = options.client;
      this.owned = false;
    } else {
      const url = options.url ?? process.env['NOVACRON_REDIS_URL'];
      if (!url) throw new PlanStoreError('No Redis URL: pass `url` or `client`, or set NOVACRON_REDIS_URL.', { code: 'plan_store_config' });
      this.client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
      this.owned = true;
    }
  }

  async savePlan(plan: MigrationPlan): Promise<void> {
    await this.call(() => this.client.set(this.key('plan', plan.id), JSON.stringify(plan), 'NX'));
  }

  async loadPlan(planId: string): Promise<MigrationPlan | undefined> {
    const raw = await this.call(() => this.client.get(this.key('plan', planId)));
    return raw === null ? undefined : parseMigrationPlan(raw);
  }

  async loadState(planId: string): Promise<PlanExecutionState | undefined> {
    const raw = await this.call(() => this.client.get(this.key('state', planId)));
    return raw === null ? undefined : (JSON.parse(raw) as PlanExecutionState);
  }

  async saveState(state: PlanExecutionState, owner: string): Promise<void> {
    const saved = await this.call(() => this.client.eval(SAVE_IF_OWNER, 2, this.key('lease', state.planId), this.key('state', state.planId), owner, JSON.stringify(state)));
    if (saved !== 1) {
      const holder = await this.call(() => this.client.get(this.key('lease', state.planId)));
      throw new PlanLockedError(state.planId, holder ?? 'nobody');
    }
  }

  async acquireLease(planId: string, owner: string, ttlMs: number): Promise<LeaseResult> {
    const holder = await this.call(() => this.client.eval(ACQUIRE, 1, this.key('lease', planId), owner, String(Math.ceil(ttlMs))));
    return holder === '' ? { acquired: true } : { acquired: false, holder: String(holder) };
  }

  async renewLease(planId: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.call(() => this.client.eval(RENEW_IF_OWNER, 1, this.key('lease', planId), owner, String(Math.ceil(ttlMs))))) === 1;
  }

  async releaseLease(planId: string, owner: string): Promise<void> {
    await this.call(() => this.client.eval(RELEASE_IF_OWNER, 1, this.key('lease', planId), owner));
  }

  async close(): Promise<void> {
    if (this.owned) await this.client.quit().catch(() => undefined);
  }

  private key(kind: 'plan' | 'state' | 'lease', planId: string): string {
    return `${this.prefix}${kind}:${planId}`;
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (cause) {
      throw new PlanStoreError('The Redis plan store failed.', { code: 'plan_store_io', cause });
    }
  }
}
