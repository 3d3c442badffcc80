import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanLockedError, PlanStoreError } from './errors';
import { parseMigrationPlan, type MigrationPlan } from './migration-plan';
import type { LeaseResult, PlanExecutionState, PlanStore } from './plan-store';

export interface FilePlanStoreOptions {
  /** Directory holding `<plan>.plan.json`, `<plan>.state.json` and `<plan>.lease.json`. */
  dir: string;
  now?: () => number;
}

/** A mutex file older than this was left by a process that died inside the few lines it guards. */
const STALE_MUTEX_MS = 10_000;

/**
 * Plans and their execution state as JSON files, for one machine (processes share the directory).
 * Every write goes to a temporary file renamed over the old one, so a process killed mid-write
 * leaves the previous state whole. The lease is checked and taken under an exclusive-create mutex file.
 */
export class FilePlanStore implements PlanStore {
  private readonly dir: string;
  private readonly now: () => number;
  private ready: Promise<void> | undefined;

  constructor(options: FilePlanStoreOptions) {
    this.dir = options.dir;
    this.now = options.now ?? Date.now;
  }

  async savePlan(plan: MigrationPlan): Promise<void> {
    await this.ensureDir();
    const path = this.path(plan.id, 'plan');
    if (await exists(path)) return;
    await this.writeAtomic(path, JSON.stringify(plan));
  }

  async loadPlan(planId: string): Promise<MigrationPlan | undefined> {
    const raw = await this.read(this.path(planId, 'plan'));
    return raw === undefined ? undefined : parseMigrationPlan(raw);
  }

  async loadState(planId: string): Promise<PlanExecutionState | undefined> {
    const raw = await this.read(this.path(planId, 'state'));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as PlanExecutionState;
    } catch (cause) {
      throw new PlanStoreError(`The state file of plan ${planId} is not valid JSON.`, { code: 'plan_state_corrupt', cause });
    }
  }

  async saveState(state: PlanExecutionState, owner: string): Promise<void> {
    const lease = await this.readLease(state.planId);
    if (!lease || lease.owner !== owner || lease.expiresAt <= this.now()) throw new PlanLockedError(state.planId, lease?.owner ?? 'nobody');
    await this.writeAtomic(this.path(state.planId, 'state'), JSON.stringify(state));
  }

  async acquireLease(planId: string, owner: string, ttlMs: number): Promise<LeaseResult> {
    await this.ensureDir();
    return this.withMutex(planId, async () => {
      const lease = await this.readLease(planId);
      if (lease && lease.owner !== owner && lease.expiresAt > this.now()) return { acquired: false, holder: lease.owner };
      await this.writeAtomic(this.path(planId, 'lease'), JSON.stringify({ owner, expiresAt: this.now() + ttlMs }));
      return { acquired: true };
    });
  }

  async renewLease(planId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.withMutex(planId, async () => {
      const lease = await this.readLease(planId);
      if (!lease || lease.owner !== owner) return false;
      await this.writeAtomic(this.path(planId, 'lease'), JSON.stringify({ owner, expiresAt: this.now() + ttlMs }));
      return true;
    });
  }

  async releaseLease(planId: string, owner: string): Promise<void> {
    await this.withMutex(planId, async () => {
      if ((await this.readLease(planId))?.owner === owner) await rm(this.path(planId, 'lease'), { force: true });
    });
  }

  private path(planId: string, kind: 'plan' | 'state' | 'lease' | 'mutex'): string {
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(planId) || planId.startsWith('.')) throw new PlanStoreError(`Invalid plan id ${JSON.stringify(planId)}.`, { code: 'invalid_plan_id' });
    return join(this.dir, `${planId.replace(/:/g, '_')}.${kind}${kind === 'mutex' ? '' : '.json'}`);
  }

  private ensureDir(): Promise<void> {
    return (this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined));
  }

  private async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new PlanStoreError(`Cannot read ${path}.`, { code: 'plan_store_io', cause: error });
    }
  }

  private async readLease(planId: string): Promise<{ owner: string; expiresAt: number } | undefined> {
    const raw = await this.read(this.path(planId, 'lease'));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as { owner: string; expiresAt: number };
    } catch {
      return undefined;
    }
  }

  private async writeAtomic(path: string, data: string): Promise<void> {
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, data, 'utf8');
    await rename(tmp, path);
  }

  private async withMutex<T>(planId: string, body: () => Promise<T>): Promise<T> {
    const mutex = this.path(planId, 'mutex');
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(mutex, 'wx');
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new PlanStoreError(`Cannot lock plan ${planId}.`, { code: 'plan_store_io', cause: error });
        const age = await stat(mutex).then((s) => this.now() - s.mtimeMs, () => 0);
        if (age > STALE_MUTEX_MS) await rm(mutex, { force: true });
        else await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt)));
      }
    }
    try {
      return await body();
    } finally {
      await rm(mutex, { force: true });
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
