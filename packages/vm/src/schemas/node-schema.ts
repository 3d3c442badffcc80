import * as z from 'zod/mini';

export const NODE_STATUSES = ['online', 'offline', 'maintenance'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export const NodeWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  status: z.enum(NODE_STATUSES),
  cloud_provider: z.string(),
  region: z.string(),
  total_cpu: z.number().check(z.nonnegative()),
  used_cpu: z.number().check(z.nonnegative()),
  total_memory_mb: z.number().check(z.nonnegative()),
  used_memory_mb: z.number().check(z.nonnegative()),
  total_disk_gb: z.number().check(z.nonnegative()),
  used_disk_gb: z.number().check(z.nonnegative()),
  vm_count: z.int().check(z.nonnegative()),
  schedulable: z.boolean(),
  labels: z.record(z.string(), z.string()),
  resource_version: z.int(),
});
export type NodeWire = z.infer<typeof NodeWireSchema>;

export interface Node {
  id: string;
  name: string;
  address: string;
  status: NodeStatus;
  cloudProvider: string;
  region: string;
  totalCpu: number;
  usedCpu: number;
  totalMemoryMb: number;
  usedMemoryMb: number;
  totalDiskGb: number;
  usedDiskGb: number;
  vmCount: number;
  schedulable: boolean;
  labels: Record<string, string>;
  resourceVersion: number;
}

export function nodeFromWire(wire: NodeWire): Node {
  return {
    id: wire.id,
    name: wire.name,
    address: wire.address,
    status: wire.status,
    cloudProvider: wire.cloud_provider,
    region: wire.region,
    totalCpu: wire.total_cpu,
    usedCpu: wire.used_cpu,
    totalMemoryMb: wire.total_memory_mb,
    usedMemoryMb: wire.used_memory_mb,
    totalDiskGb: wire.total_disk_gb,
    usedDiskGb: wire.used_disk_gb,
    vmCount: wire.vm_count,
    schedulable: wire.schedulable,
    labels: { ...wire.labels },
    resourceVersion: wire.resource_version,
  };
}

export function nodeToWire(node: Node): NodeWire {
  return {
    id: node.id,
    name: node.name,
    address: node.address,
    status: node.status,
    cloud_provider: node.cloudProvider,
    region: node.region,
    total_cpu: node.totalCpu,
    used_cpu: node.usedCpu,
    total_memory_mb: node.totalMemoryMb,
    used_memory_mb: node.usedMemoryMb,
    total_disk_gb: node.totalDiskGb,
    used_disk_gb: node.usedDiskGb,
    vm_count: node.vmCount,
    schedulable: node.schedulable,
    labels: { ...node.labels },
    resource_version: node.resourceVersion,
  };
}
