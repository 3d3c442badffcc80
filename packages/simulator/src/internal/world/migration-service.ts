import { startTransfer, TRANSFER_TIMINGS } from './transfer-phases';
import type { MigrationState, MigrationWire, StartMigrationWire, VmState } from '@novacron/vm';
import { HttpError, invalidState, notFound } from '../http/http-error';
import { insufficientCapacity } from './node-fleet';
import type { ScheduledTask } from './scheduler';
import type { VmRecord } from './vm-service';
import type { World } from './world';

interface MigrationRecord {
  migration: MigrationWire;
  tenantId: string;
  vm: VmRecord;
  /** The VM's state before it became `migrating`, restored at the end. */
  vmStateBefore: VmState;
  pending: ScheduledTask | undefined;
  failAtProgress: number | undefined;
  failReason: string;
  maxDowntimeMs: number;
}

/** Base durations (ms) of each phase, before the time scale. */
export const MIGRATION_TIMINGS = TRANSFER_TIMINGS;

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Migrations: pending → preparing → transferring (bytes grow at a seeded rate) → activating → completed.
 * The target's capacity is reserved up front; a failure or cancel gives it back and leaves the VM on its source.
 */
export class MigrationService {
  private readonly records = new Map<string, MigrationRecord>();
  private failNext: string | undefined;

  constructor(private readonly world: World) {}

  all(): MigrationWire[] {
    return [...this.records.values()].map((record) => record.migration);
  }

  failNextMigration(reason: string): void {
    this.failNext = reason;
  }

  list(tenantId: string, filter: { vmId?: string | undefined; state?: string | undefined }): MigrationWire[] {
    const out: MigrationWire[] = [];
    for (const record of this.records.values()) {
      if (record.tenantId !== tenantId) continue;
      if (filter.vmId !== undefined && record.migration.vm_id !== filter.vmId) continue;
      if (filter.state !== undefined && record.migration.state !== filter.state) continue;
      out.push(record.migration);
    }
    return out;
  }

  get(tenantId: string, id: string): MigrationWire {
    const record = this.records.get(id);
    if (!record || record.tenantId !== tenantId) throw notFound('migration');
    return record.migration;
  }

  start(vmRecord: VmRecord, body: StartMigrationWire): MigrationWire {
    const { vm } = vmRecord;
    const allowed: VmState[] = body.type === 'cold' ? ['running', 'stopped'] : ['running'];
    if (!allowed.includes(vm.state)) throw invalidState(`cannot migrate a VM in state ${vm.state} (${body.type} migration)`);
    const target = this.world.nodes.get(body.target_node_id);
    if (!target) throw new HttpError(400, 'validation_error', `target_node_id: node ${body.target_node_id} not found`);
    if (target.id === vm.node_id) throw new HttpError(409, 'invalid_target', 'the target node is the node the VM runs on');
    if (target.status !== 'online') throw new HttpError(409, 'node_unavailable', `node ${target.id} is ${target.status}`);
    const need = this.world.vms.resourceRequest(vm);
    if (!this.world.nodes.fits(target, need)) throw insufficientCapacity(`node ${target.id} cannot fit the VM`);
    this.world.nodes.reserve(target, need);

    const totalBytes = vm.memory_mb * MIB;
    // A seeded link speed, never so slow that a big VM takes more than a few simulated seconds.
    let rate = Math.max(Math.round(this.world.random.between(0.8, 1.6) * GIB), Math.ceil(totalBytes / MIGRATION_TIMINGS.maxTransferSeconds));
    if (body.bandwidth_limit !== undefined) rate = Math.min(rate, body.bandwidth_limit);
    const now = this.world.now();
    const migration: MigrationWire = {
      id: this.world.newId('mig'),
      vm_id: vm.id,
      vm_name: vm.name,
      source_node_id: vm.node_id ?? '',
      target_node_id: target.id,
      type: body.type,
      state: 'pending',
      progress: 0,
      bytes_transferred: 0,
      total_bytes: totalBytes,
      transfer_rate: rate,
      downtime_ms: null,
      error_message: null,
      started_at: now,
      completed_at: null,
      created_at: now,
      updated_at: now,
      resource_version: this.world.nextVersion(),
    };
    const record: MigrationRecord = {
      migration,
      tenantId: vm.tenant_id,
      vm: vmRecord,
      vmStateBefore: vm.state,
      pending: undefined,
      failAtProgress: undefined,
      failReason: '',
      maxDowntimeMs: body.max_downtime_ms ?? Number.POSITIVE_INFINITY,
    };
    if (this.failNext !== undefined) {
      record.failAtProgress = Math.round(this.world.random.between(20, 70));
      record.failReason = this.failNext;
      this.failNext = undefined;
    }
    this.records.set(migration.id, record);
    vmRecord.pending?.cancel();
    vmRecord.pending = undefined;
    vmRecord.migrationId = migration.id;
    this.world.vms.setState(vmRecord, 'migrating');
    this.publish(record, 'migration.started', {});
    record.pending = this.world.scheduler.after(MIGRATION_TIMINGS.pending, () => this.prepare(record));
    return migration;
  }

  cancel(tenantId: string, id: string): MigrationWire {
    const record = this.records.get(id);
    if (!record || record.tenantId !== tenantId) throw notFound('migration');
    const { state } = record.migration;
    if (state !== 'pending' && state !== 'preparing' && state !== 'transferring') {
      throw invalidState(`cannot cancel a migration in state ${state}`);
    }
    this.abort(record, 'cancelled', null);
    return record.migration;
  }

  /** A node died: every migration touching it fails. */
  failOnNode(nodeId: string): void {
    for (const record of this.records.values()) {
      const { migration } = record;
      if (isTerminal(migration.state)) continue;
      if (migration.source_node_id === nodeId || migration.target_node_id === nodeId) {
        this.abort(record, 'failed', `node ${nodeId} failed during the migration`);
      }
    }
  }

  private prepare(record: MigrationRecord): void {
    startTransfer(this.world.scheduler, record, record.migration, {
      setState: (state) => this.setState(record, state),
      progressed: () => {
        this.touch(record.migration);
        this.publish(record, 'migration.progress', { progress: record.migration.progress, bytes_transferred: record.migration.bytes_transferred });
      },
      failed: (reason) => this.abort(record, 'failed', reason),
      transferred: () => this.activate(record),
    });
  }

  private activate(record: MigrationRecord): void {
    const { migration } = record;
    this.setState(record, 'activating');
    const transferMs = Math.round((migration.total_bytes / migration.transfer_rate) * 1000);
    migration.downtime_ms =
      migration.type === 'live'
        ? Math.min(this.world.random.int(20, 150), record.maxDowntimeMs)
        : migration.type === 'warm'
          ? this.world.random.int(500, 2000)
          : transferMs + MIGRATION_TIMINGS.activating;
    record.pending = this.world.scheduler.after(MIGRATION_TIMINGS.activating, () => this.complete(record));
  }

  private complete(record: MigrationRecord): void {
    const { migration, vm: vmRecord } = record;
    const { vm } = vmRecord;
    const target = this.world.nodes.get(migration.target_node_id)!;
    this.world.nodes.release(migration.source_node_id, this.world.vms.resourceRequest(vm));
    vm.node_id = target.id;
    vm.cloud_provider = target.cloud_provider;
    vm.region = target.region;
    migration.progress = 100;
    migration.completed_at = this.world.now();
    this.setState(record, 'completed');
    this.world.vms.setState(vmRecord, record.vmStateBefore);
    this.world.vms.publish(vmRecord, 'vm.migrated', {
      from_node_id: migration.source_node_id,
      to_node_id: target.id,
      migration_id: migration.id,
      vm: { ...vm },
    });
    vmRecord.migrationId = undefined;
  }

  private abort(record: MigrationRecord, state: 'failed' | 'cancelled', errorMessage: string | null): void {
    const { migration, vm: vmRecord } = record;
    record.pending?.cancel();
    record.pending = undefined;
    this.world.nodes.release(migration.target_node_id, this.world.vms.resourceRequest(vmRecord.vm));
    migration.error_message = errorMessage;
    migration.completed_at = this.world.now();
    this.setState(record, state);
    const source = this.world.nodes.get(migration.source_node_id);
    if (source && source.status === 'online') this.world.vms.setState(vmRecord, record.vmStateBefore);
    else this.world.vms.setState(vmRecord, 'failed', { errorMessage: `node ${migration.source_node_id} failed` });
    vmRecord.migrationId = undefined;
  }

  private setState(record: MigrationRecord, state: MigrationState): void {
    const from = record.migration.state;
    record.migration.state = state;
    this.touch(record.migration);
    const type =
      state === 'completed' ? 'migration.completed' : state === 'failed' ? 'migration.failed' : state === 'cancelled' ? 'migration.cancelled' : 'migration.progress';
    this.publish(record, type, { from, to: state });
  }

  private touch(migration: MigrationWire): void {
    migration.resource_version = this.world.nextVersion();
    migration.updated_at = this.world.now();
  }

  private publish(record: MigrationRecord, type: string, data: Record<string, unknown>): void {
    const { migration } = record;
    const node = this.world.nodes.get(migration.target_node_id);
    this.world.publish({
      type,
      resourceType: 'migration',
      resourceId: migration.id,
      resourceVersion: migration.resource_version,
      tenantId: record.tenantId,
      cloudProvider: node?.cloud_provider,
      region: node?.region,
      correlationId: migration.id,
      data: { ...data, migration: { ...migration } },
    });
  }
}

function isTerminal(state: MigrationState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled';
}
