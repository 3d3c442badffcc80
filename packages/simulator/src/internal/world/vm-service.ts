import type { CreateVmWire, UpdateVmWire, VmState, VmWire } from '@novacron/vm';
import { HttpError, invalidState, notFound } from '../http/http-error';
import type { ResourceRequest } from './node-fleet';
import type { ScheduledTask } from './scheduler';
import type { World } from './world';

/** The full VM as the simulator keeps and serves it: every optional wire field is present. */
export type VmResource = Required<VmWire> & { tenant_id: string; tags: Record<string, string> };

export interface VmRecord {
  vm: VmResource;
  pending: ScheduledTask | undefined;
  /** Set while a migration runs: its id correlates the VM's events. */
  migrationId: string | undefined;
  /** When it was created, on the simulated clock (epoch ms): metrics history starts here. */
  createdAtMs: number;
  /** Spans of the simulated clock (epoch ms) in state `running`; the last one is open while it runs. */
  running: Array<{ fromMs: number; toMs: number | undefined }>;
}

/** Whether the VM was `running` at `ms` on the simulated clock: its metrics read zero otherwise. */
export function wasRunningAt(record: VmRecord, ms: number): boolean {
  return record.running.some((span) => span.fromMs <= ms && (span.toMs === undefined || ms < span.toMs));
}

export type VmAction = 'start' | 'stop' | 'restart' | 'pause' | 'resume';

export interface VmListFilter {
  state?: string | undefined;
  nodeId?: string | undefined;
  name?: string | undefined;
  tags?: { key: string; value: string }[] | undefined;
}

/** Base durations (ms) of the transitional states, before the time scale. */
export const VM_TIMINGS = {
  creating: 1500,
  starting: 1000,
  stopping: 1000,
  forceStopping: 150,
  pausing: 500,
  resuming: 500,
  restarting: 1500,
  deleting: 1000,
} as const;

const DEFAULTS = { cpuShares: 2, memoryMb: 2048, diskSizeGb: 20, image: 'ubuntu-24.04', type: 'kvm' } as const;

/** VMs and their lifecycle: every action moves through a transitional state and settles on a timer. */
export class VmService {
  private readonly records = new Map<string, VmRecord>();
  private ipCounter = 0;

  constructor(private readonly world: World) {}

  get size(): number {
    return this.records.size;
  }

  all(): VmRecord[] {
    return [...this.records.values()];
  }

  list(tenantId: string, filter: VmListFilter): VmResource[] {
    const out: VmResource[] = [];
    const name = filter.name?.toLowerCase();
    for (const { vm } of this.records.values()) {
      if (vm.tenant_id !== tenantId) continue;
      if (filter.state !== undefined && vm.state !== filter.state) continue;
      if (filter.nodeId !== undefined && vm.node_id !== filter.nodeId) continue;
      if (name !== undefined && !vm.name.toLowerCase().includes(name)) continue;
      if (filter.tags && filter.tags.some((t) => vm.tags[t.key] !== t.value)) continue;
      out.push(vm);
    }
    return out;
  }

  /** Another tenant's VM is indistinguishable from a missing one. */
  get(tenantId: string, id: string): VmRecord {
    const record = this.records.get(id);
    if (!record || record.vm.tenant_id !== tenantId) throw notFound('vm');
    return record;
  }

  create(owner: { tenantId: string; userId: string }, body: CreateVmWire): VmResource {
    const need: ResourceRequest = {
      cpu: body.cpu_shares ?? DEFAULTS.cpuShares,
      memoryMb: body.memory_mb ?? DEFAULTS.memoryMb,
      diskGb: body.disk_size_gb ?? DEFAULTS.diskSizeGb,
    };
    const node = this.world.nodes.place(need, {
      nodeId: body.node_id,
      policy: body.placement?.policy,
      preferredNodes: body.placement?.preferred_nodes,
      excludedNodes: body.placement?.excluded_nodes,
    });
    this.world.nodes.reserve(node, need);
    const nowMs = this.world.nowMs();
    const now = new Date(nowMs).toISOString();
    const type = body.type ?? DEFAULTS.type;
    const vm: VmResource = {
      id: this.world.newId('vm'),
      name: body.name,
      state: 'creating',
      status: 'creating',
      node_id: node.id,
      tenant_id: owner.tenantId,
      owner_id: owner.userId,
      type,
      cpu_shares: need.cpu,
      memory_mb: need.memoryMb,
      disk_size_gb: need.diskGb,
      image: body.image ?? DEFAULTS.image,
      tags: { ...body.tags },
      ip_address: null,
      cloud_provider: node.cloud_provider,
      region: node.region,
      created_at: now,
      updated_at: now,
      started_at: null,
      error_message: null,
      resource_version: this.world.nextVersion(),
    };
    const record: VmRecord = { vm, pending: undefined, migrationId: undefined, createdAtMs: nowMs, running: [] };
    this.records.set(vm.id, record);
    this.publish(record, 'vm.created', { vm: { ...vm } });
    this.settleLater(record, VM_TIMINGS.creating, 'running');
    return vm;
  }

  update(record: VmRecord, body: UpdateVmWire): VmResource {
    const { vm } = record;
    if (vm.state === 'deleting') throw invalidState('cannot update a VM in state deleting');
    const changed: string[] = [];
    if (body.name !== undefined && body.name !== vm.name) {
      vm.name = body.name;
      changed.push('name');
    }
    if (body.tags !== undefined) {
      vm.tags = { ...body.tags };
      changed.push('tags');
    }
    this.touch(vm);
    this.publish(record, 'vm.updated', { changed, vm: { ...vm } });
    return vm;
  }

  delete(record: VmRecord): VmResource {
    const { vm } = record;
    if (vm.state === 'deleting') return vm;
    if (vm.state === 'migrating') throw invalidState('cannot delete a VM in state migrating');
    record.pending?.cancel();
    this.setState(record, 'deleting');
    record.pending = this.world.scheduler.after(VM_TIMINGS.deleting, () => this.remove(record));
    return vm;
  }

  /** Applies an action; no-op answers follow upstream (`start` on running, `stop` on stopped succeed). */
  act(record: VmRecord, action: VmAction, options: { force?: boolean | undefined } = {}): VmResource {
    const { vm } = record;
    const refuse = () => invalidState(`cannot ${action} a VM in state ${vm.state}`);
    switch (action) {
      case 'start':
        if (vm.state === 'running' || vm.state === 'creating' || vm.state === 'starting') return vm;
        if (vm.state !== 'stopped' && vm.state !== 'failed') throw refuse();
        if (vm.state === 'failed') this.replaceIfNodeDown(record);
        return this.begin(record, 'starting', VM_TIMINGS.starting, 'running');
      case 'stop':
        if (vm.state === 'stopped') return vm;
        if (vm.state !== 'running' && vm.state !== 'paused') throw refuse();
        return this.begin(record, 'stopping', options.force ? VM_TIMINGS.forceStopping : VM_TIMINGS.stopping, 'stopped');
      case 'restart':
        if (vm.state !== 'running') throw refuse();
        return this.begin(record, 'restarting', VM_TIMINGS.restarting, 'running');
      case 'pause':
        if (vm.state !== 'running') throw refuse();
        return this.begin(record, 'pausing', VM_TIMINGS.pausing, 'paused');
      case 'resume':
        if (vm.state !== 'paused') throw refuse();
        return this.begin(record, 'resuming', VM_TIMINGS.resuming, 'running');
    }
  }

  /** Moves the VM to `to`, bumps its version and publishes `vm.state_changed`. */
  setState(record: VmRecord, to: VmState, extra: { errorMessage?: string } = {}): void {
    const { vm } = record;
    const from = vm.state;
    vm.state = to;
    vm.status = to;
    if (from !== 'running' && to === 'running') record.running.push({ fromMs: this.world.nowMs(), toMs: undefined });
    const open = record.running.at(-1);
    if (from === 'running' && to !== 'running' && open && open.toMs === undefined) open.toMs = this.world.nowMs();
    if (to === 'running' && (from === 'creating' || from === 'starting' || from === 'restarting')) {
      vm.started_at = this.world.now();
      vm.ip_address ??= this.nextIp();
    }
    if (to === 'stopped') vm.started_at = null;
    vm.error_message = to === 'failed' ? (extra.errorMessage ?? 'unknown failure') : null;
    this.touch(vm);
    this.publish(record, 'vm.state_changed', { from, to, vm: { ...vm } });
    if (to === 'failed') this.publish(record, 'vm.failed', { from, error_message: vm.error_message, vm: { ...vm } });
  }

  /** A node died: its VMs fail where they stand (a deletion in progress still completes). */
  failOnNode(nodeId: string): void {
    for (const record of this.records.values()) {
      if (record.vm.node_id !== nodeId || record.vm.state === 'deleting' || record.migrationId) continue;
      record.pending?.cancel();
      record.pending = undefined;
      this.setState(record, 'failed', { errorMessage: `node ${nodeId} failed` });
    }
  }

  resourceRequest(vm: VmResource): ResourceRequest {
    return { cpu: vm.cpu_shares, memoryMb: vm.memory_mb, diskGb: vm.disk_size_gb };
  }

  publish(record: VmRecord, type: string, data: Record<string, unknown>): void {
    const { vm } = record;
    this.world.publish({
      type,
      resourceType: 'vm',
      resourceId: vm.id,
      resourceVersion: vm.resource_version,
      tenantId: vm.tenant_id,
      cloudProvider: vm.cloud_provider,
      region: vm.region,
      correlationId: record.migrationId ?? null,
      data,
    });
  }

  touch(vm: VmResource): void {
    vm.resource_version = this.world.nextVersion();
    vm.updated_at = this.world.now();
  }

  private begin(record: VmRecord, transitional: VmState, durationMs: number, settled: VmState): VmResource {
    record.pending?.cancel();
    this.setState(record, transitional);
    this.settleLater(record, durationMs, settled);
    return record.vm;
  }

  private settleLater(record: VmRecord, durationMs: number, settled: VmState): void {
    record.pending = this.world.scheduler.after(durationMs, () => {
      record.pending = undefined;
      if (this.records.get(record.vm.id) === record) this.setState(record, settled);
    });
  }

  private replaceIfNodeDown(record: VmRecord): void {
    const { vm } = record;
    const node = vm.node_id === null ? undefined : this.world.nodes.get(vm.node_id);
    if (node && node.status === 'online') return;
    const need = this.resourceRequest(vm);
    const target = this.world.nodes.place(need, { excludedNodes: vm.node_id ? [vm.node_id] : [] });
    this.world.nodes.release(vm.node_id, need);
    this.world.nodes.reserve(target, need);
    vm.node_id = target.id;
    vm.cloud_provider = target.cloud_provider;
    vm.region = target.region;
  }

  private remove(record: VmRecord): void {
    const { vm } = record;
    if (this.records.get(vm.id) !== record) return;
    this.records.delete(vm.id);
    this.world.nodes.release(vm.node_id, this.resourceRequest(vm));
    this.world.networks.removeVm(vm.id);
    vm.resource_version = this.world.nextVersion();
    this.publish(record, 'vm.deleted', { id: vm.id });
  }

  private nextIp(): string {
    const n = ++this.ipCounter;
    return `10.${100 + ((n >> 16) & 0xff)}.${(n >> 8) & 0xff}.${n & 0xff}`;
  }
}

export function assertIfMatch(vm: { resource_version: number }, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const current = String(vm.resource_version);
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (!tags.includes(current)) {
    throw new HttpError(412, 'precondition_failed', `resource_version is ${current}, not ${tags.join(', ')}`, { ETag: `"${current}"` });
  }
}
