import * as z from 'zod/mini';

export const CLUSTER_TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;
export type ClusterTier = (typeof CLUSTER_TIERS)[number];
export const CLUSTER_HEALTH = ['healthy', 'degraded', 'unavailable'] as const;
export type ClusterHealth = (typeof CLUSTER_HEALTH)[number];

/** A federated cluster on the wire (`/api/v1/federation/clusters`). Unknown fields pass through. */
export const ClusterWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  region: z.string(),
  zone: z.optional(z.string()),
  tier: z.enum(CLUSTER_TIERS),
  performance_score: z.number(),
  interconnect_latency_ms: z.number(),
  interconnect_bandwidth_mbps: z.number(),
  current_node_count: z.number(),
  max_supported_node_count: z.number(),
  growth_state: z.string(),
  degraded: z.boolean(),
  health: z.enum(CLUSTER_HEALTH),
  capacity: z.object({
    vcpu_total: z.number(),
    vcpu_used: z.number(),
    memory_gib_total: z.number(),
    memory_gib_used: z.number(),
    disk_gb_total: z.number(),
    disk_gb_used: z.number(),
    gpu_total: z.number(),
    gpu_used: z.number(),
  }),
  compliance: z.object({ data_residency: z.string(), country: z.string(), certifications: z.array(z.string()) }),
  vm_count: z.number(),
  last_evaluated_at: z.string(),
  resource_version: z.optional(z.number()),
});
export type ClusterWire = z.infer<typeof ClusterWireSchema>;

export interface ClusterCapacity {
  vcpuTotal: number;
  vcpuUsed: number;
  vcpuFree: number;
  memoryGibTotal: number;
  memoryGibUsed: number;
  memoryGibFree: number;
  diskGbTotal: number;
  diskGbUsed: number;
  gpuTotal: number;
  gpuUsed: number;
}

export interface ComplianceLabels {
  /** Where the cluster keeps data: `US`, `EU`, `SG`… */
  dataResidency: string;
  /** ISO 3166 country. */
  country: string;
  certifications: string[];
}

export interface Cluster {
  id: string;
  name: string;
  provider: string;
  region: string;
  zone: string | null;
  tier: ClusterTier;
  performanceScore: number;
  interconnectLatencyMs: number;
  interconnectBandwidthMbps: number;
  currentNodeCount: number;
  maxSupportedNodeCount: number;
  growthState: string;
  degraded: boolean;
  health: ClusterHealth;
  capacity: ClusterCapacity;
  compliance: ComplianceLabels;
  vmCount: number;
  lastEvaluatedAt: string;
  resourceVersion: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function clusterFromWire(w: ClusterWire): Cluster {
  const c = w.capacity;
  return {
    id: w.id,
    name: w.name,
    provider: w.provider,
    region: w.region,
    zone: w.zone ?? null,
    tier: w.tier,
    performanceScore: w.performance_score,
    interconnectLatencyMs: w.interconnect_latency_ms,
    interconnectBandwidthMbps: w.interconnect_bandwidth_mbps,
    currentNodeCount: w.current_node_count,
    maxSupportedNodeCount: w.max_supported_node_count,
    growthState: w.growth_state,
    degraded: w.degraded,
    health: w.health,
    capacity: {
      vcpuTotal: c.vcpu_total,
      vcpuUsed: c.vcpu_used,
      vcpuFree: c.vcpu_total - c.vcpu_used,
      memoryGibTotal: c.memory_gib_total,
      memoryGibUsed: c.memory_gib_used,
      memoryGibFree: round2(c.memory_gib_total - c.memory_gib_used),
      diskGbTotal: c.disk_gb_total,
      diskGbUsed: c.disk_gb_used,
      gpuTotal: c.gpu_total,
      gpuUsed: c.gpu_used,
    },
    compliance: { dataResidency: w.compliance.data_residency, country: w.compliance.country, certifications: [...w.compliance.certifications] },
    vmCount: w.vm_count,
    lastEvaluatedAt: w.last_evaluated_at,
    resourceVersion: w.resource_version ?? null,
  };
}

export const CapabilitiesWireSchema = z.looseObject({
  cluster_id: z.string(),
  provider: z.string(),
  region: z.string(),
  architectures: z.array(z.string()),
  gpu_models: z.array(z.string()),
  live_migration: z.boolean(),
  max_vm_vcpu: z.number(),
  max_vm_memory_gib: z.number(),
  instance_types: z.array(z.string()),
  free: z.object({ vcpu: z.number(), memory_gib: z.number(), disk_gb: z.number(), gpu: z.number() }),
});
export type CapabilitiesWire = z.infer<typeof CapabilitiesWireSchema>;

export interface ClusterCapabilities {
  clusterId: string;
  provider: string;
  region: string;
  architectures: string[];
  gpuModels: string[];
  liveMigration: boolean;
  maxVmVcpu: number;
  maxVmMemoryGib: number;
  instanceTypes: string[];
  free: { vcpu: number; memoryGib: number; diskGb: number; gpu: number };
}

export function capabilitiesFromWire(w: CapabilitiesWire): ClusterCapabilities {
  return {
    clusterId: w.cluster_id,
    provider: w.provider,
    region: w.region,
    architectures: w.architectures,
    gpuModels: w.gpu_models,
    liveMigration: w.live_migration,
    maxVmVcpu: w.max_vm_vcpu,
    maxVmMemoryGib: w.max_vm_memory_gib,
    instanceTypes: w.instance_types,
    free: { vcpu: w.free.vcpu, memoryGib: w.free.memory_gib, diskGb: w.free.disk_gb, gpu: w.free.gpu },
  };
}

export const ProviderWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  pricing: z.string(),
  currency: z.string(),
  regions: z.array(z.string()),
});
export const RegionWireSchema = z.looseObject({
  id: z.string(),
  provider: z.string(),
  country: z.string(),
  data_residency: z.string(),
  clusters: z.array(z.string()),
});

export interface ProviderInfo {
  id: string;
  name: string;
  kind: string;
  pricing: string;
  currency: string;
  regions: string[];
}
export interface RegionInfo {
  id: string;
  provider: string;
  country: string;
  dataResidency: string;
  clusters: string[];
}

export const providerFromWire = (w: z.infer<typeof ProviderWireSchema>): ProviderInfo => ({
  id: w.id,
  name: w.name,
  kind: w.kind,
  pricing: w.pricing,
  currency: w.currency,
  regions: w.regions,
});
export const regionFromWire = (w: z.infer<typeof RegionWireSchema>): RegionInfo => ({
  id: w.id,
  provider: w.provider,
  country: w.country,
  dataResidency: w.data_residency,
  clusters: w.clusters,
});
