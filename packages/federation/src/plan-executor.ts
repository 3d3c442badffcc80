import { abortableSleep, AbortError, NovaCronError, ValidationError } from '@novacron/core';
import type { Catalog } from './catalog';
import type { CrossCloudMigrationsResource } from './cross-cloud-migrations-resource';
import { PlanLockedError, PlanStoreError } from './errors';
import { runBounded } from './internal/bounded-pool';
import type { MigrationPlan } from './migration-plan';
import { estimateCost, type CostEstimate } from './plan-validation';
import { initialState, type PlanExecutionState, type PlanStore, type VmExecutionState, type VmExecutionStatus } from './plan-store';

export interface PlanProgressEvent {
  type: 'plan_started' | 'wave_started' | 'vm_state' | 'vm_progress' | 'wave_completed' | 'wave_failed' | 'rollback_started' | 'plan_finished';
  planId: string;
  wave: number;
  vmId?: string;
  status?: VmExecutionStatus;
  /** 0–100 for `vm_progress`. */
  progress?: number;
  message?: string;
}

export interface ExecutePlanOptions {
  store: PlanStore;
  /** Migrations in flight at once within a wave. Default 5. */
  concurrency?: number;
  /** Who executes: shows in the lease and the report. Default a random id. */
  owner?: string;
  /** Lease length; renewed every third of it. A crashed executor's plan is free again after this. Default 30 s. */
  leaseMs?: number;
  /** How long to wait for another executor's lease before PlanLockedError. Default leaseMs + 1 s. */
  leaseWaitMs?: number;
  /** Between polls of a migration. Default 250 ms. */
  pollIntervalMs?: number;
  /** Give up on one migration after this long. Default 30 minutes. */
  migrationTimeoutMs?: number;
  /** Move a failed wave's moved VMs back. Default true. */
  rollback?: boolean;
  /** Prices for the report's cost delta. */
  catalog?: Catalog;
  onProgress?: (event: PlanProgressEvent) => void;
  signal?: AbortSignal;
}

export interface PlanReport {
  planId: string;
  status: 'completed' | 'failed';
  moved: string[];
  rolledBack: string[];
  failed: Array<{ vmId: string; reason: string }>;
  rollbackFailed: Array<{ vmId: string; reason: string }>;
  /** VMs of the failed wave that never started, and of the waves after it. */
  notStarted: string[];
  failedWave: number | null;
  /** Monthly compute before and after for the VMs that stayed moved (needs `catalog`). */
  cost: CostEstimate | null;
  /** Egress the source clouds charge for every transfer made, rollbacks included; unknown ones are listed. */
  egressCost: number;
  egressUnknown: string[];
  downtime: { totalMs: number; maxMs: number };
  /** Create requests sent per VM beyond the first (a resumed process re-sends once; the server moves once). */
  resentCreates: number;
  owners: string[];
  startedAt: string | null;
  finishedAt: string | null;
}

const DONE: ReadonlySet<VmExecutionStatus> = new Set(['moved', 'rolled_back', 'rollback_failed', 'failed', 'skipped']);

/**
 * Executes migration plans wave by wave against `/federation/migrations`, keeping every step in a
 * plan store. A VM's create carries the idempotency key `<plan>:<vm>:move`, so a process that
 * resumes after a crash re-sends it and gets the same migration back: no VM moves twice.
 */
export class PlanExecutor {
  constructor(private readonly migrations: CrossCloudMigrationsResource) {}

  /** Stores the plan and runs it (or resumes it, when the store already has its state). */
  async execute(plan: MigrationPlan, options: ExecutePlanOptions): Promise<PlanReport> {
    await options.store.savePlan(plan);
    return this.run(plan, options);
  }

  /** Resumes a plan another process started, from the store. */
  async resume(planId: string, options: ExecutePlanOptions): Promise<PlanReport> {
    const plan = await options.store.loadPlan(planId);
    if (!plan) throw new PlanStoreError(`No plan ${planId} in the store.`, { code: 'plan_not_found' });
    return this.run(plan, options);
  }

  private async run(plan: MigrationPlan, options: ExecutePlanOptions): Promise<PlanReport> {
    const concurrency = options.concurrency ?? 5;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new ValidationError('concurrency must be a positive integer.', [{ path: ['concurrency'], message: 'invalid' }]);
    const run = new PlanRun(plan, this.migrations, { ...options, concurrency });
    return run.execute();
  }
}

class PlanRun {
  private readonly owner: string;
  private readonly leaseMs: number;
  private state!: PlanExecutionState;
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private leaseLost = false;

  constructor(
    private readonly plan: MigrationPlan,
    private readonly migrations: CrossCloudMigrationsResource,
    private readonly options: ExecutePlanOptions & { concurrency: number },
  ) {
    this.owner = options.owner ?? `executor-${Math.random().toString(36).slice(2, 10)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  async execute(): Promise<PlanReport> {
    const { store } = this.options;
    await this.acquireLease();
    const renew = setInterval(() => {
      store.renewLease(this.plan.id, this.owner, this.leaseMs).then(
        (held) => {
          if (!held) this.leaseLost = true;
        },
        () => undefined,
      );
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    (renew as { unref?: () => void }).unref?.();
    try {
      this.state = (await store.loadState(this.plan.id)) ?? initialState(this.plan);
      if (this.state.status === 'completed' || this.state.status === 'failed') return this.report();
      this.state.owners.push(this.owner);
      this.state.status = 'running';
      this.state.startedAt ??= new Date().toISOString();
      await this.persist();
      this.emit({ type: 'plan_started', wave: this.state.wave });

      if (this.state.failedWave === null) {
        for (let w = this.state.wave; w < this.plan.waves.length; w++) {
          this.state.wave = w;
          await this.persist();
          if (!(await this.runWave(w))) {
            this.state.failedWave = w;
            await this.persist();
            break;
          }
        }
      }
      if (this.state.failedWave !== null) {
        for (const vmId of this.plan.waves.slice(this.state.failedWave).flat()) {
          const vm = this.state.vms[vmId]!;
          if (vm.status === 'pending') vm.status = 'skipped';
        }
        if (this.options.rollback !== false) await this.rollbackWave(this.state.failedWave);
      }
      this.state.status = this.state.failedWave === null ? 'completed' : 'failed';
      this.state.finishedAt = new Date().toISOString();
      await this.persist();
      const report = this.report();
      this.emit({ type: 'plan_finished', wave: this.state.wave, message: report.status });
      return report;
    } finally {
      clearInterval(renew);
      await this.writing;
      await store.releaseLease(this.plan.id, this.owner).catch(() => undefined);
    }
  }

  /** True when every VM of the wave moved. On the first failure no further VM of the wave starts. */
  private async runWave(w: number): Promise<boolean> {
    const vmIds = this.plan.waves[w]!;
    this.emit({ type: 'wave_started', wave: w });
    let failed = vmIds.some((id) => this.state.vms[id]!.status === 'failed');
    const todo = vmIds.filter((id) => !DONE.has(this.state.vms[id]!.status));
    const results = await runBounded(
      todo,
      this.options.concurrency,
      async (vmId) => {
        const ok = await this.moveVm(vmId, w);
        if (!ok) failed = true;
      },
      () => failed || this.leaseLost || this.options.signal?.aborted === true,
    );
    const crash = results.find((r): r is PromiseRejectedResult => r?.status === 'rejected');
    if (crash) throw crash.reason;
    this.checkAlive();
    this.emit({ type: failed ? 'wave_failed' : 'wave_completed', wave: w });
    return !failed;
  }

  private async moveVm(vmId: string, wave: number): Promise<boolean> {
    const vm = this.state.vms[vmId]!;
    const move = this.plan.moves[vmId]!;
    if (vm.status === 'pending' || vm.status === 'starting' || (vm.status === 'migrating' && vm.migrationId === null)) {
      vm.status = 'starting';
      vm.attempts++;
      await this.persist();
      this.emitVm(wave, vmId, vm);
      try {
        const started = await this.migrations.start(
          {
            vmId,
            targetCluster: move.targetCluster,
            targetProvider: move.targetProvider || undefined,
            targetRegion: move.targetRegion || undefined,
            type: this.plan.type,
            planId: this.plan.id,
            wave,
          },
          { idempotencyKey: `${this.plan.id}:${vmId}:move`, signal: this.options.signal },
        );
        vm.migrationId = started.id;
        vm.status = 'migrating';
      } catch (error) {
        if (isInterruption(error)) throw error;
        vm.status = 'failed';
        vm.error = messageOf(error);
      }
      await this.persist();
      this.emitVm(wave, vmId, vm);
      if (vm.status === 'failed') return false;
    }
    if (vm.status === 'moved') return true;
    const final = await this.migrations.settle(vm.migrationId!, {
      intervalMs: this.options.pollIntervalMs ?? 250,
      timeoutMs: this.options.migrationTimeoutMs ?? 1_800_000,
      signal: this.options.signal,
      onProgress: (m) => this.emit({ type: 'vm_progress', wave, vmId, progress: m.progress, message: m.state }),
    });
    this.addEgress(vm, final.id, final.egressCost);
    if (final.state === 'completed') {
      vm.status = 'moved';
      vm.downtimeMs = final.downtimeMs;
    } else {
      vm.status = 'failed';
      vm.error = final.errorMessage ?? `migration ${final.state}`;
    }
    await this.persist();
    this.emitVm(wave, vmId, vm);
    return vm.status === 'moved';
  }

  private async rollbackWave(w: number): Promise<void> {
    const toUndo = this.plan.waves[w]!.filter((id) => ['moved', 'rolling_back'].includes(this.state.vms[id]!.status));
    if (toUndo.length === 0) return;
    this.emit({ type: 'rollback_started', wave: w });
    const results = await runBounded(toUndo, this.options.concurrency, (vmId) => this.rollbackVm(vmId, w), () => this.leaseLost || this.options.signal?.aborted === true);
    const crash = results.find((r): r is PromiseRejectedResult => r?.status === 'rejected');
    if (crash) throw crash.reason;
    this.checkAlive();
  }

  private async rollbackVm(vmId: string, wave: number): Promise<void> {
    const vm = this.state.vms[vmId]!;
    const move = this.plan.moves[vmId]!;
    if (vm.status === 'moved' || vm.rollbackMigrationId === null) {
      if (move.sourceCluster === null) {
        vm.status = 'rollback_failed';
        vm.error = 'the source cluster is unknown, so the VM cannot be moved back';
        await this.persist();
        return;
      }
      vm.status = 'rolling_back';
      await this.persist();
      this.emitVm(wave, vmId, vm);
      try {
        const started = await this.migrations.start(
          { vmId, targetCluster: move.sourceCluster, type: this.plan.type, planId: this.plan.id, wave, rollbackOf: vm.migrationId ?? undefined },
          { idempotencyKey: `${this.plan.id}:${vmId}:rollback`, signal: this.options.signal },
        );
        vm.rollbackMigrationId = started.id;
      } catch (error) {
        if (isInterruption(error)) throw error;
        vm.status = 'rollback_failed';
        vm.error = messageOf(error);
        await this.persist();
        return;
      }
      await this.persist();
    }
    const final = await this.migrations.settle(vm.rollbackMigrationId!, {
      intervalMs: this.options.pollIntervalMs ?? 250,
      timeoutMs: this.options.migrationTimeoutMs ?? 1_800_000,
      signal: this.options.signal,
    });
    this.addEgress(vm, final.id, final.egressCost);
    vm.status = final.state === 'completed' ? 'rolled_back' : 'rollback_failed';
    if (final.state !== 'completed') vm.error = final.errorMessage ?? `rollback ${final.state}`;
    await this.persist();
    this.emitVm(wave, vmId, vm);
  }

  /** Keyed by migration, so settling the same migration again after a resume never counts it twice. */
  private addEgress(vm: VmExecutionState, migrationId: string, cost: number | null): void {
    vm.egress[migrationId] = cost;
  }

  private async acquireLease(): Promise<void> {
    const { store } = this.options;
    const deadline = Date.now() + (this.options.leaseWaitMs ?? this.leaseMs + 1_000);
    for (;;) {
      const lease = await store.acquireLease(this.plan.id, this.owner, this.leaseMs);
      if (lease.acquired) return;
      if (Date.now() >= deadline) throw new PlanLockedError(this.plan.id, lease.holder ?? 'another executor');
      await abortableSleep(Math.min(250, Math.max(10, this.leaseMs / 10)), this.options.signal);
    }
  }

  /** Writes the newest state; calls made while a write is queued share it. */
  private persist(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.writing.then(() => {
      this.queued = undefined;
      return this.options.store.saveState(JSON.parse(JSON.stringify(this.state)) as PlanExecutionState, this.owner);
    });
    this.queued = next;
    this.writing = next.catch(() => undefined);
    return next;
  }

  private checkAlive(): void {
    if (this.options.signal?.aborted) throw new AbortError('Plan execution was aborted; resume it from the store.');
    if (this.leaseLost) throw new PlanLockedError(this.plan.id, 'another executor (this one lost its lease)');
  }

  private emitVm(wave: number, vmId: string, vm: VmExecutionState): void {
    this.emit({ type: 'vm_state', wave, vmId, status: vm.status, message: vm.error ?? undefined });
  }

  private emit(event: Omit<PlanProgressEvent, 'planId'>): void {
    try {
      this.options.onProgress?.({ planId: this.plan.id, ...event });
    } catch {
      // A throwing progress listener must not stop a migration half-way.
    }
  }

  private report(): PlanReport {
    const ids = this.plan.waves.flat();
    const by = (status: VmExecutionStatus) => ids.filter((id) => this.state.vms[id]!.status === status);
    const reasons = (status: VmExecutionStatus) => by(status).map((vmId) => ({ vmId, reason: this.state.vms[vmId]!.error ?? status }));
    const moved = by('moved');
    const downtimes = moved.map((id) => this.state.vms[id]!.downtimeMs ?? 0);
    let egress = 0;
    const egressUnknown: string[] = [];
    for (const id of ids) {
      for (const cost of Object.values(this.state.vms[id]!.egress)) {
        if (cost === null) egressUnknown.push(id);
        else egress += cost;
      }
    }
    return {
      planId: this.plan.id,
      status: this.state.status === 'completed' ? 'completed' : 'failed',
      moved,
      rolledBack: by('rolled_back'),
      failed: reasons('failed'),
      rollbackFailed: reasons('rollback_failed'),
      notStarted: [...by('skipped'), ...by('pending')],
      failedWave: this.state.failedWave,
      cost: this.options.catalog ? estimateCost(moved.map((id) => this.plan.moves[id]!), this.options.catalog) : null,
      egressCost: Math.round(egress * 100) / 100,
      egressUnknown,
      downtime: { totalMs: downtimes.reduce((a, b) => a + b, 0), maxMs: downtimes.reduce((a, b) => Math.max(a, b), 0) },
      resentCreates: ids.reduce((n, id) => n + Math.max(0, this.state.vms[id]!.attempts - 1), 0),
      owners: [...this.state.owners],
      startedAt: this.state.startedAt,
      finishedAt: this.state.finishedAt,
    };
  }
}

function isInterruption(error: unknown): boolean {
  return error instanceof AbortError || error instanceof PlanLockedError;
}

function messageOf(error: unknown): string {
  if (error instanceof NovaCronError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
