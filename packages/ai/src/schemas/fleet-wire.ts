import * as z from 'zod/mini';
import type { VmUsage } from '../cost/cost-types';
import type { PlacementCandidate } from '../placement/placement-types';

/**
 * The few fields of the contract's node and VM resources (as `@novacron/vm` and the simulator serve
 * them, snake_case) the engines need. Declared here, loose, so this package does not depend on the
 * vm package, and a newer server's extra fields pass through.
 */
export const FleetNodeWireSchema = z.looseObject({
  id: z.string(),
  status: z.optional(z.string()),
  schedulable: z.optional(z.boolean()),
  cloud_provider: z.optional(z.string()),
  region: z.optional(z.string()),
  total_cpu: z.number(),
  used_cpu: z.optional(z.number()),
  total_memory_mb: z.number(),
  used_memory_mb: z.optional(z.number()),
  total_disk_gb: z.optional(z.number()),
  used_disk_gb: z.optional(z.number()),
  labels: z.optional(z.nullable(z.record(z.string(), z.string()))),
});
export type FleetNodeWire = z.infer<typeof FleetNodeWireSchema>;

export const FleetVmWireSchema = z.looseObject({
  id: z.string(),
  name: z.optional(z.string()),
  state: z.optional(z.string()),
  node_id: z.optional(z.nullable(z.string())),
  tenant_id: z.optional(z.string()),
  cpu_shares: z.optional(z.number()),
  memory_mb: z.optional(z.number()),
  disk_size_gb: z.optional(z.number()),
  cloud_provider: z.optional(z.string()),
  region: z.optional(z.string()),
  tags: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
export type FleetVmWire = z.infer<typeof FleetVmWireSchema>;

export const MetricsHistoryWireSchema = z.looseObject({
  vm_id: z.string(),
  step_seconds: z.number(),
  points: z.array(z.looseObject({ timestamp: z.string(), cpu_usage: z.number(), memory_usage: z.number() })),
});
export type MetricsHistoryWire = z.infer<typeof MetricsHistoryWireSchema>;

function stringTags(tags: Record<string, unknown> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Placement candidates from nodes and the VMs on them. A node's provider and region are also put in
 * its labels (`provider`, `region`) so preferences and topology keys can name them; its VMs' tags
 * are what affinity and spread rules select on.
 */
export function candidatesFromFleet(nodes: readonly FleetNodeWire[], vms: readonly FleetVmWire[]): PlacementCandidate[] {
  const byNode = new Map<string, Array<{ id: string; labels: Record<string, string> }>>();
  for (const vm of vms) {
    if (!vm.node_id) continue;
    const list = byNode.get(vm.node_id) ?? [];
    list.push({ id: vm.id, labels: stringTags(vm.tags) });
    byNode.set(vm.node_id, list);
  }
  return nodes.map((n) => ({
    id: n.id,
    ...(n.cloud_provider !== undefined && { provider: n.cloud_provider }),
    ...(n.region !== undefined && { region: n.region }),
    ...(n.labels?.zone !== undefined && { zone: n.labels.zone }),
    labels: { ...n.labels, ...(n.cloud_provider !== undefined && { provider: n.cloud_provider }), ...(n.region !== undefined && { region: n.region }) },
    capacity: { cpu: n.total_cpu, memoryMb: n.total_memory_mb, diskGb: n.total_disk_gb ?? 0 },
    allocated: { cpu: n.used_cpu ?? 0, memoryMb: n.used_memory_mb ?? 0, diskGb: n.used_disk_gb ?? 0 },
    ...(n.status !== undefined && { status: n.status }),
    ...(n.schedulable !== undefined && { schedulable: n.schedulable }),
    vms: byNode.get(n.id) ?? [],
  }));
}

/** A VM's cost-engine record from the VM, the node it runs on and its metrics history. */
export function usageFromFleet(vm: FleetVmWire, node: FleetNodeWire | undefined, history: MetricsHistoryWire): VmUsage {
  const points = history.points;
  const tags = stringTags(vm.tags);
  return {
    vmId: vm.id,
    ...(vm.name !== undefined && { name: vm.name }),
    ...(vm.tenant_id !== undefined && { tenantId: vm.tenant_id }),
    provider: node?.cloud_provider ?? vm.cloud_provider ?? 'unknown',
    ...((node?.region ?? vm.region) !== undefined && { region: node?.region ?? vm.region }),
    ...(tags.instance_type !== undefined && { instanceType: tags.instance_type }),
    cpu: vm.cpu_shares ?? 1,
    memoryMb: vm.memory_mb ?? 1024,
    ...(vm.disk_size_gb !== undefined && { diskGb: vm.disk_size_gb }),
    tags,
    cpuUsage: points.map((p) => p.cpu_usage),
    memoryUsage: points.map((p) => p.memory_usage),
    stepMinutes: history.step_seconds / 60,
    ...(points.length > 0 && { start: Date.parse(points[0]!.timestamp) }),
  };
}
