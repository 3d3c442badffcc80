import type { NodeWire } from '@novacron/vm';
import type { SeedNode } from '../../seed-data';
import { HttpError } from '../http/http-error';

export interface ResourceRequest {
  cpu: number;
  memoryMb: number;
  diskGb: number;
}

export interface PlacementHints {
  nodeId?: string | undefined;
  policy?: 'balanced' | 'consolidated' | 'performance' | 'efficiency' | undefined;
  preferredNodes?: readonly string[] | undefined;
  excludedNodes?: readonly string[] | undefined;
}

/** The hypervisor nodes and their capacity bookkeeping. A VM holds its reservation for as long as it exists. */
export class NodeFleet {
  private readonly nodes = new Map<string, NodeWire>();

  constructor(
    seeds: readonly SeedNode[],
    private readonly nextVersion: () => number,
  ) {
    seeds.forEach((seed, index) => {
      this.nodes.set(seed.id, {
        id: seed.id,
        name: seed.name ?? seed.id,
        address: seed.address ?? `10.10.0.${index + 10}`,
        status: seed.status ?? 'online',
        cloud_provider: seed.cloudProvider,
        region: seed.region,
        total_cpu: seed.totalCpu,
        used_cpu: 0,
        total_memory_mb: seed.totalMemoryMb,
        used_memory_mb: 0,
        total_disk_gb: seed.totalDiskGb,
        used_disk_gb: 0,
        vm_count: 0,
        schedulable: seed.schedulable ?? true,
        labels: { ...seed.labels },
        resource_version: nextVersion(),
      });
    });
  }

  list(): NodeWire[] {
    return [...this.nodes.values()];
  }

  get(id: string): NodeWire | undefined {
    return this.nodes.get(id);
  }

  fits(node: NodeWire, need: ResourceRequest): boolean {
    return (
      node.status === 'online' &&
      node.schedulable &&
      node.used_cpu + need.cpu <= node.total_cpu &&
      node.used_memory_mb + need.memoryMb <= node.total_memory_mb &&
      node.used_disk_gb + need.diskGb <= node.total_disk_gb
    );
  }

  /** Picks a node for `need`, honouring an explicit node and the placement hints; 409 when nothing fits. */
  place(need: ResourceRequest, hints: PlacementHints): NodeWire {
    if (hints.nodeId !== undefined) {
      const node = this.nodes.get(hints.nodeId);
      if (!node) throw new HttpError(400, 'validation_error', `node_id: node ${hints.nodeId} not found`);
      if (!this.fits(node, need)) throw insufficientCapacity(`node ${node.id} cannot fit the VM`);
      return node;
    }
    const excluded = new Set(hints.excludedNodes ?? []);
    const candidates = [...this.nodes.values()].filter((node) => !excluded.has(node.id) && this.fits(node, need));
    if (candidates.length === 0) throw insufficientCapacity('no node has capacity for the VM');
    const preferred = (hints.preferredNodes ?? []).map((id) => candidates.find((node) => node.id === id)).find(Boolean);
    if (preferred) return preferred;
    const score = scorer(hints.policy ?? 'balanced');
    // Ties go to the lower id so placement is deterministic.
    return candidates.reduce((best, node) => {
      const diff = score(node) - score(best);
      return diff > 0 || (diff === 0 && node.id < best.id) ? node : best;
    });
  }

  reserve(node: NodeWire, need: ResourceRequest): void {
    node.used_cpu += need.cpu;
    node.used_memory_mb += need.memoryMb;
    node.used_disk_gb += need.diskGb;
    node.vm_count += 1;
    node.resource_version = this.nextVersion();
  }

  release(nodeId: string | null, need: ResourceRequest): void {
    const node = nodeId === null ? undefined : this.nodes.get(nodeId);
    if (!node) return;
    node.used_cpu = Math.max(0, node.used_cpu - need.cpu);
    node.used_memory_mb = Math.max(0, node.used_memory_mb - need.memoryMb);
    node.used_disk_gb = Math.max(0, node.used_disk_gb - need.diskGb);
    node.vm_count = Math.max(0, node.vm_count - 1);
    node.resource_version = this.nextVersion();
  }

  setStatus(node: NodeWire, status: NodeWire['status']): void {
    node.status = status;
    node.resource_version = this.nextVersion();
  }
}

export function insufficientCapacity(message: string): HttpError {
  return new HttpError(409, 'insufficient_capacity', message);
}

function scorer(policy: NonNullable<PlacementHints['policy']>): (node: NodeWire) => number {
  const freeMemory = (node: NodeWire) => 1 - node.used_memory_mb / node.total_memory_mb;
  const freeCpu = (node: NodeWire) => 1 - node.used_cpu / node.total_cpu;
  switch (policy) {
    case 'balanced':
      return (node) => freeMemory(node) + freeCpu(node);
    case 'performance':
      return (node) => node.total_cpu - node.used_cpu;
    // Bin packing: fill the fullest node that still fits, keeping others empty.
    case 'consolidated':
    case 'efficiency':
      return (node) => -(freeMemory(node) + freeCpu(node));
  }
}
