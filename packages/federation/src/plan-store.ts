import type { MigrationPlan } from './migration-plan';

/** Where one VM of a plan stands. `starting` means a create may have reached the server: resume re-sends it with the same idempotency key. */
export type VmExecutionStatus =
  | 'pending'
  | 'starting'
  | 'migrating'
  | 'moved'
  | 'failed'
  | 'skipped'
  | 'rolling_back'
  | 'rolled_back'
  | 'rollback_failed';

export interface VmExecutionState {
  status: VmExecutionStatus;
  migrationId: string | null;
  rollbackMigrationId: string | null;
  error: string | null;
  downtimeMs: number | null;
  /** Egress each of its migrations cost (null: unknown), by migration id. */
  egress: Record<string, number | null>;
  /** How many times a create was sent (a resume may re-send once); the server moves it once. */
  attempts: number;
}

export type PlanStatus = 'pending' | 'running' | 'completed' | 'failed';

/** A plan's execution state: everything a process needs to resume it without moving a VM twice. */
export interface PlanExecutionState {
  planId: string;
  status: PlanStatus;
  /** The wave being executed (or the last one, when done). */
  wave: number;
  /** The wave that failed and was rolled back, if any. */
  failedWave: number | null;
  vms: Record<string, VmExecutionState>;
  startedAt: string | null;
  finishedAt: string | null;
  /** Processes that executed it, in order. */
  owners: string[];
}

export interface LeaseResult {
  acquired: boolean;
  /** Who holds it when not acquired. */
  holder?: string;
}

/**
 * Keeps plans and their execution state where another process can find them. Only the holder of a
 * plan's lease writes its state, so two processes never drive the same plan at once.
 */
export interface PlanStore {
  /** Stores a plan (idempotent: saving the same plan again is a no-op). */
  savePlan(plan: MigrationPlan): Promise<void>;
  loadPlan(planId: string): Promise<MigrationPlan | undefined>;
  loadState(planId: string): Promise<PlanExecutionState | undefined>;
  /** Writes the state; fails with PlanLockedError when `owner` no longer holds the lease. */
  saveState(state: PlanExecutionState, owner: string): Promise<void>;
  /** Takes the lease when it is free, expired or already `owner`'s. */
  acquireLease(planId: string, owner: string, ttlMs: number): Promise<LeaseResult>;
  /** Extends `owner`'s lease; false when it was lost. */
  renewLease(planId: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(planId: string, owner: string): Promise<void>;
  close?(): Promise<void>;
}

export function initialState(plan: MigrationPlan): PlanExecutionState {
  const vms: Record<string, VmExecutionState> = {};
  for (const vmId of Object.keys(plan.moves)) {
    vms[vmId] = { status: 'pending', migrationId: null, rollbackMigrationId: null, error: null, downtimeMs: null, egress: {}, attempts: 0 };
  }
  return { planId: plan.id, status: 'pending', wave: 0, failedWave: null, vms, startedAt: null, finishedAt: null, owners: [] };
}
