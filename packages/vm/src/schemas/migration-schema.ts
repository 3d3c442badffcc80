import * as z from 'zod/mini';

export const MIGRATION_TYPES = ['cold', 'warm', 'live'] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];

export const MIGRATION_STATES = [
  'pending',
  'preparing',
  'transferring',
  'activating',
  'completed',
  'failed',
  'cancelled',
] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

/** States a migration never leaves. */
export const TERMINAL_MIGRATION_STATES: readonly MigrationState[] = ['completed', 'failed', 'cancelled'];

export const MigrationWireSchema = z.looseObject({
  id: z.string(),
  vm_id: z.string(),
  vm_name: z.string(),
  source_node_id: z.string(),
  target_node_id: z.string(),
  type: z.enum(MIGRATION_TYPES),
  state: z.enum(MIGRATION_STATES),
  /** Percent, 0..100 (upstream mixes 0..1 and 0..100; this contract is 0..100). */
  progress: z.number().check(z.minimum(0), z.maximum(100)),
  bytes_transferred: z.number().check(z.nonnegative()),
  total_bytes: z.number().check(z.nonnegative()),
  /** Bytes per second. */
  transfer_rate: z.number().check(z.nonnegative()),
  downtime_ms: z.nullable(z.number().check(z.nonnegative())),
  error_message: z.nullable(z.string()),
  started_at: z.nullable(z.string()),
  completed_at: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  resource_version: z.int(),
});
export type MigrationWire = z.infer<typeof MigrationWireSchema>;

export interface Migration {
  id: string;
  vmId: string;
  vmName: string;
  sourceNodeId: string;
  targetNodeId: string;
  type: MigrationType;
  state: MigrationState;
  progress: number;
  bytesTransferred: number;
  totalBytes: number;
  transferRate: number;
  downtimeMs: number | null;
  errorMessage: string | null;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  resourceVersion: number;
}

export function migrationFromWire(wire: MigrationWire): Migration {
  return {
    id: wire.id,
    vmId: wire.vm_id,
    vmName: wire.vm_name,
    sourceNodeId: wire.source_node_id,
    targetNodeId: wire.target_node_id,
    type: wire.type,
    state: wire.state,
    progress: wire.progress,
    bytesTransferred: wire.bytes_transferred,
    totalBytes: wire.total_bytes,
    transferRate: wire.transfer_rate,
    downtimeMs: wire.downtime_ms,
    errorMessage: wire.error_message,
    startedAt: wire.started_at,
    completedAt: wire.completed_at,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    resourceVersion: wire.resource_version,
  };
}

export function migrationToWire(migration: Migration): MigrationWire {
  return {
    id: migration.id,
    vm_id: migration.vmId,
    vm_name: migration.vmName,
    source_node_id: migration.sourceNodeId,
    target_node_id: migration.targetNodeId,
    type: migration.type,
    state: migration.state,
    progress: migration.progress,
    bytes_transferred: migration.bytesTransferred,
    total_bytes: migration.totalBytes,
    transfer_rate: migration.transferRate,
    downtime_ms: migration.downtimeMs,
    error_message: migration.errorMessage,
    started_at: migration.startedAt,
    completed_at: migration.completedAt,
    created_at: migration.createdAt,
    updated_at: migration.updatedAt,
    resource_version: migration.resourceVersion,
  };
}

/** The body of `POST /vms/{id}/migrate`. */
export const StartMigrationWireSchema = z.object({
  target_node_id: z.string().check(z.minLength(1)),
  type: z.enum(MIGRATION_TYPES),
  /** Bytes per second. */
  bandwidth_limit: z.optional(z.int().check(z.positive())),
  compression_level: z.optional(z.int().check(z.minimum(0), z.maximum(9))),
  max_downtime_ms: z.optional(z.int().check(z.positive(), z.maximum(600_000))),
});
export type StartMigrationWire = z.infer<typeof StartMigrationWireSchema>;

/** Upstream's `DefaultMigrationOptions` type, sent when the caller names none. */
export const DEFAULT_MIGRATION_TYPE: MigrationType = 'cold';

export const StartMigrationInputSchema = z.object({
  targetNodeId: z.string().check(z.minLength(1)),
  /** Default `cold`, as upstream. */
  type: z.optional(z.enum(MIGRATION_TYPES)),
  bandwidthLimit: z.optional(z.int().check(z.positive())),
  compressionLevel: z.optional(z.int().check(z.minimum(0), z.maximum(9))),
  maxDowntimeMs: z.optional(z.int().check(z.positive(), z.maximum(600_000))),
});
export type StartMigrationInput = z.infer<typeof StartMigrationInputSchema>;

export function startMigrationInputToWire(input: StartMigrationInput): StartMigrationWire {
  return {
    target_node_id: input.targetNodeId,
    type: input.type ?? DEFAULT_MIGRATION_TYPE,
    ...(input.bandwidthLimit !== undefined && { bandwidth_limit: input.bandwidthLimit }),
    ...(input.compressionLevel !== undefined && { compression_level: input.compressionLevel }),
    ...(input.maxDowntimeMs !== undefined && { max_downtime_ms: input.maxDowntimeMs }),
  };
}
