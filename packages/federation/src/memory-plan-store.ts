import { PlanLockedError } from './errors';
import type { MigrationPlan } from './migration-plan';
import type { LeaseResult, PlanExecutionState, PlanStore } from './plan-store';

/** A plan store in this process's memory: for browsers, tests and single-process tools. */
export class MemoryPlanStore implements PlanStore {
  private readonly plans = new Map<string, string>();
  private readonly states = new Map<string, string>();
  private readonly leases = new Map<string, { owner: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async savePlan(plan: MigrationPlan): Promise<void> {
    if (!this.plans.has(plan.id)) this.plans.set(plan.id, JSON.stringify(plan));
  }

  async loadPlan(planId: string): Promise<MigrationPlan | undefined> {
    const raw = this.plans.get(planId);
    return raw === undefined ? undefined : (JSON.parse(raw) as MigrationPlan);
  }

  async loadState(planId: string): Promise<PlanExecutionState | undefined> {
    const raw = this.states.get(planId);
    return raw === undefined ? undefined : (JSON.parse(raw) as PlanExecutionState);
  }

  async saveState(state: PlanExecutionState, owner: string): Promise<void> {
    const lease = this.leases.get(state.planId);
    if (!lease || lease.owner !== owner || lease.expiresAt <= this.now()) throw new PlanLockedError(state.planId, lease?.owner ?? 'nobody');
    this.states.set(state.planId, JSON.stringify(state));
  }

  async acquireLease(planId: string, owner: string, ttlMs: number): Promise<LeaseResult> {
    const lease = this.leases.get(planId);
    if (lease && lease.owner !== owner && lease.expiresAt > this.now()) return { acquired: false, holder: lease.owner };
    this.leases.set(planId, { owner, expiresAt: this.now() + ttlMs });
    return { acquired: true };
  }

  async renewLease(planId: string, owner: string, ttlMs: number): Promise<boolean> {
    const lease = this.leases.get(planId);
    if (!lease || lease.owner !== owner) return false;
    lease.expiresAt = this.now() + ttlMs;
    return true;
  }

  async releaseLease(planId: string, owner: string): Promise<void> {
    if (this.leases.get(planId)?.owner === owner) this.leases.delete(planId);
  }
}
