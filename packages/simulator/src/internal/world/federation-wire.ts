import * as z from 'zod';

/** The federation wire contract as the simulator serves it (snake_case; the SDK maps it in @novacron/federation). */

export const FEDERATION_MIGRATION_STATES = ['pending', 'preparing', 'transferring', 'activating', 'completed', 'failed', 'cancelled'] as const;
export type FederationMigrationState = (typeof FEDERATION_MIGRATION_STATES)[number];

const price = z.object({
  hourly: z.number().nullable(),
  unknown_reason: z.string().nullable(),
  free_confirmed: z.boolean().optional(),
});

export const OfferingWireSchema = z.looseObject({
  provider: z.string(),
  region: z.string(),
  instance_type: z.string(),
  family: z.string(),
  vcpu: z.number(),
  memory_gib: z.number(),
  gpu_count: z.number(),
  gpu_model: z.string().nullable(),
  arch: z.string(),
  currency: z.string(),
  pricing: z.enum(['public_list', 'rate_card']),
  prices: z.object({ on_demand: price, spot: price, reserved_1y: price, reserved_3y: price }),
  effective_date: z.string(),
  source: z.string(),
  sku: z.string().nullable(),
});
export type OfferingWire = z.infer<typeof OfferingWireSchema>;
export type PriceWire = z.infer<typeof price>;

export const EgressWireSchema = z.looseObject({
  provider: z.string(),
  region: z.string(),
  currency: z.string(),
  per_gb: z.number().nullable(),
  unknown_reason: z.string().nullable(),
  free_confirmed: z.boolean().optional(),
  free_gb_per_month: z.number(),
  effective_date: z.string(),
  source: z.string(),
  note: z.string(),
});
export type EgressWire = z.infer<typeof EgressWireSchema>;

export const CatalogWireSchema = z.looseObject({
  snapshot_id: z.string(),
  effective_date: z.string(),
  hours_per_month: z.number(),
  offerings: z.array(OfferingWireSchema),
  egress: z.array(EgressWireSchema),
});

export const ClusterWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  region: z.string(),
  zone: z.string(),
  tier: z.enum(['platinum', 'gold', 'silver', 'bronze']),
  performance_score: z.number(),
  interconnect_latency_ms: z.number(),
  interconnect_bandwidth_mbps: z.number(),
  current_node_count: z.number(),
  max_supported_node_count: z.number(),
  growth_state: z.enum(['expandable', 'at_capacity']),
  degraded: z.boolean(),
  health: z.enum(['healthy', 'degraded', 'unavailable']),
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
  resource_version: z.number(),
});
export type ClusterWire = z.infer<typeof ClusterWireSchema>;

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

export const ProviderWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['public_cloud', 'private_cloud']),
  pricing: z.enum(['public_list', 'rate_card']),
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

export const FederatedVmWireSchema = z.looseObject({
  vm_id: z.string(),
  name: z.string(),
  state: z.string(),
  cluster_id: z.string().nullable(),
  cloud_provider: z.string(),
  region: z.string(),
  cpu_shares: z.number(),
  memory_mb: z.number(),
  disk_size_gb: z.number(),
  tags: z.record(z.string(), z.string()),
  migration_id: z.string().nullable(),
});

export const FederationMigrationWireSchema = z.looseObject({
  id: z.string(),
  vm_id: z.string(),
  vm_name: z.string(),
  source_cluster: z.string().nullable(),
  source_provider: z.string(),
  source_region: z.string(),
  target_cluster: z.string(),
  target_provider: z.string(),
  target_region: z.string(),
  state: z.enum(FEDERATION_MIGRATION_STATES),
  progress: z.number(),
  bytes_transferred: z.number(),
  total_bytes: z.number(),
  transfer_rate: z.number(),
  egress_gb: z.number(),
  egress_cost: z.number().nullable(),
  egress_cost_reason: z.string().nullable(),
  currency: z.string(),
  downtime_ms: z.number().nullable(),
  error_message: z.string().nullable(),
  plan_id: z.string().nullable(),
  rollback_of: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
  resource_version: z.number(),
});
export type FederationMigrationWire = z.infer<typeof FederationMigrationWireSchema>;

/** Body of POST /federation/migrations, as the old EnhancedNovaCronClient sends it (plus our optional fields). */
export const CreateFederationMigrationSchema = z.object({
  vm_id: z.string().min(1, 'vm_id is required'),
  target_cluster: z.string().min(1, 'target_cluster is required'),
  target_provider: z.string().min(1).optional(),
  target_region: z.string().min(1).optional(),
  options: z
    .looseObject({
      type: z.enum(['cold', 'warm', 'live']).optional(),
      plan_id: z.string().min(1).max(200).optional(),
      wave: z.number().int().min(0).optional(),
      rollback_of: z.string().min(1).optional(),
      max_downtime_ms: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type CreateFederationMigrationBody = z.infer<typeof CreateFederationMigrationSchema>;

const positiveNumber = z.number().positive();

/** The old client's VMSpec ({name, cpu_shares, memory_mb, disk_size_gb}) or vcpu / memory_gib directly. */
export const VmSpecWireSchema = z
  .looseObject({
    name: z.string().optional(),
    cpu_shares: positiveNumber.optional(),
    vcpu: positiveNumber.optional(),
    memory_mb: positiveNumber.optional(),
    memory_gib: positiveNumber.optional(),
    disk_size_gb: z.number().min(0).optional(),
    gpu_count: z.number().int().min(0).optional(),
    arch: z.enum(['x86_64', 'arm64']).optional(),
  })
  .refine((s) => s.cpu_shares !== undefined || s.vcpu !== undefined, 'vm_specs needs cpu_shares or vcpu')
  .refine((s) => s.memory_mb !== undefined || s.memory_gib !== undefined, 'vm_specs needs memory_mb or memory_gib');
export type VmSpecWire = z.infer<typeof VmSpecWireSchema>;

export const CostComparisonRequestSchema = z.object({
  source_provider: z.string().min(1),
  target_provider: z.string().min(1),
  vm_specs: VmSpecWireSchema,
  source_region: z.string().min(1).optional(),
  target_region: z.string().min(1).optional(),
  /** Data moved by the migration; defaults to the spec's disk. */
  data_gb: z.number().min(0).optional(),
});

const quote = z.object({
  provider: z.string(),
  region: z.string().nullable(),
  instance_type: z.string().nullable(),
  hourly: z.number().nullable(),
  monthly: z.number().nullable(),
  reason: z.string().nullable(),
});

export const CostComparisonWireSchema = z.looseObject({
  currency: z.string(),
  hours_per_month: z.number(),
  source: quote,
  target: quote,
  monthly_savings: z.number().nullable(),
  egress: z.object({ data_gb: z.number(), per_gb: z.number().nullable(), cost: z.number().nullable(), reason: z.string().nullable() }),
  payback_months: z.number().nullable(),
  rule: z.string(),
});
