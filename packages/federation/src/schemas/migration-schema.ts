import * as z from 'zod/mini';

export const FEDERATION_MIGRATION_STATES = ['pending', 'preparing', 'transferring', 'activating', 'completed', 'failed', 'cancelled'] as const;
export type FederationMigrationState = (typeof FEDERATION_MIGRATION_STATES)[number];
export const MIGRATION_TYPES = ['cold', 'warm', 'live'] as const;
export type CrossCloudMigrationType = (typeof MIGRATION_TYPES)[number];

export const FederationMigrationWireSchema = z.looseObject({
  id: z.string(),
  vm_id: z.string(),
  vm_name: z.optional(z.string()),
  source_cluster: z.nullable(z.string()),
  source_provider: z.string(),
  source_region: z.string(),
  target_cluster: z.string(),
  target_provider: z.string(),
  target_region: z.string(),
  state: z.enum(FEDERATION_MIGRATION_STATES),
  progress: z.number(),
  bytes_transferred: z.optional(z.number()),
  total_bytes: z.optional(z.number()),
  transfer_rate: z.optional(z.number()),
  egress_gb: z.optional(z.number()),
  egress_cost: z.optional(z.nullable(z.number())),
  egress_cost_reason: z.optional(z.nullable(z.string())),
  currency: z.optional(z.string()),
  downtime_ms: z.optional(z.nullable(z.number())),
  error_message: z.optional(z.nullable(z.string())),
  plan_id: z.optional(z.nullable(z.string())),
  rollback_of: z.optional(z.nullable(z.string())),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.optional(z.nullable(z.string())),
  resource_version: z.optional(z.number()),
});
export type FederationMigrationWire = z.infer<typeof FederationMigrationWireSchema>;

export interface CrossCloudMigration {
  id: string;
  vmId: string;
  vmName: string | null;
  sourceCluster: string | null;
  sourceProvider: string;
  sourceRegion: string;
  targetCluster: string;
  targetProvider: string;
  targetRegion: string;
  state: FederationMigrationState;
  /** 0–100. */
  progress: number;
  bytesTransferred: number | null;
  totalBytes: number | null;
  egressGb: number | null;
  /** What the source cloud charges to send the data out; null with `egressCostReason` when unknown. */
  egressCost: number | null;
  egressCostReason: string | null;
  currency: string;
  downtimeMs: number | null;
  errorMessage: string | null;
  planId: string | null;
  rollbackOf: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  resourceVersion: number | null;
}

export function crossCloudMigrationFromWire(w: FederationMigrationWire): CrossCloudMigration {
  return {
    id: w.id,
    vmId: w.vm_id,
    vmName: w.vm_name ?? null,
    sourceCluster: w.source_cluster,
    sourceProvider: w.source_provider,
    sourceRegion: w.source_region,
    targetCluster: w.target_cluster,
    targetProvider: w.target_provider,
    targetRegion: w.target_region,
    state: w.state,
    progress: w.progress,
    bytesTransferred: w.bytes_transferred ?? null,
    totalBytes: w.total_bytes ?? null,
    egressGb: w.egress_gb ?? null,
    egressCost: w.egress_cost ?? null,
    egressCostReason: w.egress_cost_reason ?? null,
    currency: w.currency ?? 'USD',
    downtimeMs: w.downtime_ms ?? null,
    errorMessage: w.error_message ?? null,
    planId: w.plan_id ?? null,
    rollbackOf: w.rollback_of ?? null,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    completedAt: w.completed_at ?? null,
    resourceVersion: w.resource_version ?? null,
  };
}

export interface StartCrossCloudMigrationInput {
  vmId: string;
  targetCluster: string;
  targetProvider?: string;
  targetRegion?: string;
  type?: CrossCloudMigrationType;
  planId?: string;
  wave?: number;
  rollbackOf?: string;
}

export const StartCrossCloudMigrationInputSchema = z.object({
  vmId: z.string().check(z.minLength(1)),
  targetCluster: z.string().check(z.minLength(1)),
  targetProvider: z.optional(z.string().check(z.minLength(1))),
  targetRegion: z.optional(z.string().check(z.minLength(1))),
  type: z.optional(z.enum(MIGRATION_TYPES)),
  planId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  wave: z.optional(z.number().check(z.int(), z.minimum(0))),
  rollbackOf: z.optional(z.string().check(z.minLength(1))),
});

/** The wire body, exactly as the old EnhancedNovaCronClient sends it plus our options. */
export function startMigrationToWire(input: StartCrossCloudMigrationInput): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (input.type !== undefined) options.type = input.type;
  if (input.planId !== undefined) options.plan_id = input.planId;
  if (input.wave !== undefined) options.wave = input.wave;
  if (input.rollbackOf !== undefined) options.rollback_of = input.rollbackOf;
  return {
    vm_id: input.vmId,
    target_cluster: input.targetCluster,
    ...(input.targetProvider === undefined ? {} : { target_provider: input.targetProvider }),
    ...(input.targetRegion === undefined ? {} : { target_region: input.targetRegion }),
    options,
  };
}
