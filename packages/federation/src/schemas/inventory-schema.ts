import type { VmState } from '@novacron/vm';
import * as z from 'zod/mini';

export const FederatedVmWireSchema = z.looseObject({
  vm_id: z.string(),
  name: z.string(),
  state: z.string(),
  cluster_id: z.nullable(z.string()),
  cloud_provider: z.string(),
  region: z.string(),
  cpu_shares: z.number(),
  memory_mb: z.number(),
  disk_size_gb: z.number(),
  tags: z.optional(z.record(z.string(), z.string())),
  migration_id: z.optional(z.nullable(z.string())),
});
export type FederatedVmWire = z.infer<typeof FederatedVmWireSchema>;

/** A VM in the global view: where it runs (cluster, provider, region) and what it needs. */
export interface FederatedVm {
  vmId: string;
  name: string;
  state: VmState;
  clusterId: string | null;
  provider: string;
  region: string;
  vcpu: number;
  memoryGib: number;
  diskGb: number;
  tags: Record<string, string>;
  migrationId: string | null;
}

export function federatedVmFromWire(w: FederatedVmWire): FederatedVm {
  return {
    vmId: w.vm_id,
    name: w.name,
    state: w.state as VmState,
    clusterId: w.cluster_id,
    provider: w.cloud_provider,
    region: w.region,
    vcpu: w.cpu_shares,
    memoryGib: w.memory_mb / 1024,
    diskGb: w.disk_size_gb,
    tags: { ...w.tags },
    migrationId: w.migration_id ?? null,
  };
}
