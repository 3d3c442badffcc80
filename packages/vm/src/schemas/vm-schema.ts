import * as z from 'zod/mini';

/** Every state a VM can be in on the wire (upstream `backend/core/vm/vm.go`, narrowed to what the contract serves). */
export const VM_STATES = [
  'creating',
  'starting',
  'running',
  'stopping',
  'stopped',
  'pausing',
  'paused',
  'resuming',
  'restarting',
  'migrating',
  'deleting',
  'failed',
] as const;
export type VmState = (typeof VM_STATES)[number];
export const VmStateSchema = z.enum(VM_STATES);

export const PLACEMENT_POLICIES = ['balanced', 'consolidated', 'performance', 'efficiency'] as const;
export type PlacementPolicy = (typeof PLACEMENT_POLICIES)[number];

/** Limits shared by the SDK's input checks and the simulator's request validation, so they cannot disagree. */
export const VM_LIMITS = {
  nameMaxLength: 63,
  cpuShares: { min: 1, max: 128 },
  memoryMb: { min: 128, max: 1_048_576 },
  diskSizeGb: { min: 1, max: 65_536 },
  maxTags: 50,
} as const;

export const VmNameSchema = z
  .string().check(z.minLength(1, 'name must not be empty'), z.maxLength(VM_LIMITS.nameMaxLength, `name must be at most ${VM_LIMITS.nameMaxLength} characters`), z.regex(/^[a-z0-9._-]+$/i, 'name may contain only letters, digits, ".", "_" and "-"'));

export const TagsSchema = z
  .record(z.string().check(z.minLength(1), z.maxLength(128)), z.string().check(z.maxLength(256))).check(z.refine((tags) => Object.keys(tags).length <= VM_LIMITS.maxTags, `at most ${VM_LIMITS.maxTags} tags`));

const cpuShares = z.int().check(z.minimum(VM_LIMITS.cpuShares.min), z.maximum(VM_LIMITS.cpuShares.max));
const memoryMb = z.int().check(z.minimum(VM_LIMITS.memoryMb.min), z.maximum(VM_LIMITS.memoryMb.max));
const diskSizeGb = z.int().check(z.minimum(VM_LIMITS.diskSizeGb.min), z.maximum(VM_LIMITS.diskSizeGb.max));
const nodeIdList = z.array(z.string().check(z.minLength(1))).check(z.maxLength(100));

/**
 * A VM as the server sends it. Only the fields upstream's canonical server always sends are required;
 * the rest are optional so the SDK also reads that server, and unknown fields pass through.
 */
export const VmWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  state: VmStateSchema,
  status: z.optional(VmStateSchema),
  node_id: z.nullable(z.string()),
  tenant_id: z.optional(z.string()),
  owner_id: z.optional(z.nullable(z.string())),
  type: z.optional(z.string()),
  cpu_shares: z.optional(z.number()),
  memory_mb: z.optional(z.number()),
  disk_size_gb: z.optional(z.number()),
  image: z.optional(z.nullable(z.string())),
  // Upstream's canonical server stores any JSON value as a tag; the contract is string → string.
  tags: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  ip_address: z.optional(z.nullable(z.string())),
  cloud_provider: z.optional(z.string()),
  region: z.optional(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  started_at: z.optional(z.nullable(z.string())),
  error_message: z.optional(z.nullable(z.string())),
  resource_version: z.optional(z.int()),
});
export type VmWire = z.infer<typeof VmWireSchema>;

/**
 * A VM as the SDK hands it out. Timestamps stay RFC 3339 strings so a VM survives a JSON round trip
 * through a cache unchanged; fields an older server omits are `null`, never guessed.
 */
export interface Vm {
  id: string;
  name: string;
  state: VmState;
  nodeId: string | null;
  tenantId: string | null;
  ownerId: string | null;
  type: string;
  cpuShares: number | null;
  memoryMb: number | null;
  diskSizeGb: number | null;
  image: string | null;
  tags: Record<string, string>;
  ipAddress: string | null;
  cloudProvider: string | null;
  region: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  errorMessage: string | null;
  /** Grows on every change; `null` when the server does not version resources. */
  resourceVersion: number | null;
}

export function vmFromWire(wire: VmWire): Vm {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(wire.tags ?? {})) {
    if (value !== null && value !== undefined) tags[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    id: wire.id,
    name: wire.name,
    state: wire.state,
    // Upstream's create answer echoes "" for "no node"; the rest of the contract says null.
    nodeId: wire.node_id ? wire.node_id : null,
    tenantId: wire.tenant_id ?? null,
    ownerId: wire.owner_id ?? null,
    type: wire.type ?? 'kvm',
    cpuShares: wire.cpu_shares ?? null,
    memoryMb: wire.memory_mb ?? null,
    diskSizeGb: wire.disk_size_gb ?? null,
    image: wire.image ?? null,
    tags,
    ipAddress: wire.ip_address ?? null,
    cloudProvider: wire.cloud_provider ?? null,
    region: wire.region ?? null,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    startedAt: wire.started_at ?? null,
    errorMessage: wire.error_message ?? null,
    resourceVersion: wire.resource_version ?? null,
  };
}

export function vmToWire(vm: Vm): VmWire {
  return {
    id: vm.id,
    name: vm.name,
    state: vm.state,
    status: vm.state,
    node_id: vm.nodeId,
    ...(vm.tenantId !== null && { tenant_id: vm.tenantId }),
    owner_id: vm.ownerId,
    type: vm.type,
    ...(vm.cpuShares !== null && { cpu_shares: vm.cpuShares }),
    ...(vm.memoryMb !== null && { memory_mb: vm.memoryMb }),
    ...(vm.diskSizeGb !== null && { disk_size_gb: vm.diskSizeGb }),
    image: vm.image,
    tags: { ...vm.tags },
    ip_address: vm.ipAddress,
    ...(vm.cloudProvider !== null && { cloud_provider: vm.cloudProvider }),
    ...(vm.region !== null && { region: vm.region }),
    created_at: vm.createdAt,
    updated_at: vm.updatedAt,
    started_at: vm.startedAt,
    error_message: vm.errorMessage,
    ...(vm.resourceVersion !== null && { resource_version: vm.resourceVersion }),
  };
}

/** The body of `POST /vms` on the wire. Unknown fields are dropped, as upstream does. */
export const CreateVmWireSchema = z.object({
  name: VmNameSchema,
  cpu_shares: z.optional(cpuShares),
  memory_mb: z.optional(memoryMb),
  disk_size_gb: z.optional(diskSizeGb),
  image: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  tags: z.optional(TagsSchema),
  node_id: z.optional(z.string().check(z.minLength(1))),
  type: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  placement: z.optional(z
    .object({
      policy: z.optional(z.enum(PLACEMENT_POLICIES)),
      preferred_nodes: z.optional(nodeIdList),
      excluded_nodes: z.optional(nodeIdList),
    })),
});
export type CreateVmWire = z.infer<typeof CreateVmWireSchema>;

/** What a caller passes to create a VM. */
export const CreateVmInputSchema = z.object({
  name: VmNameSchema,
  cpuShares: z.optional(cpuShares),
  memoryMb: z.optional(memoryMb),
  diskSizeGb: z.optional(diskSizeGb),
  image: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  tags: z.optional(TagsSchema),
  nodeId: z.optional(z.string().check(z.minLength(1))),
  type: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  placement: z.optional(z
    .object({
      policy: z.optional(z.enum(PLACEMENT_POLICIES)),
      preferredNodes: z.optional(nodeIdList),
      excludedNodes: z.optional(nodeIdList),
    })),
});
export type CreateVmInput = z.infer<typeof CreateVmInputSchema>;

export function createVmInputToWire(input: CreateVmInput): CreateVmWire {
  const wire: CreateVmWire = { name: input.name };
  if (input.cpuShares !== undefined) wire.cpu_shares = input.cpuShares;
  if (input.memoryMb !== undefined) wire.memory_mb = input.memoryMb;
  if (input.diskSizeGb !== undefined) wire.disk_size_gb = input.diskSizeGb;
  if (input.image !== undefined) wire.image = input.image;
  if (input.tags !== undefined) wire.tags = { ...input.tags };
  if (input.nodeId !== undefined) wire.node_id = input.nodeId;
  if (input.type !== undefined) wire.type = input.type;
  if (input.placement !== undefined) {
    const { policy, preferredNodes, excludedNodes } = input.placement;
    wire.placement = {
      ...(policy !== undefined && { policy }),
      ...(preferredNodes !== undefined && { preferred_nodes: [...preferredNodes] }),
      ...(excludedNodes !== undefined && { excluded_nodes: [...excludedNodes] }),
    };
  }
  return wire;
}

/** The body of `PATCH`/`PUT /vms/{id}`: only the name and the tags may change. */
export const UpdateVmWireSchema = z
  .object({ name: z.optional(VmNameSchema), tags: z.optional(TagsSchema) }).check(z.refine((body) => body.name !== undefined || body.tags !== undefined, 'give name or tags to update'));
export type UpdateVmWire = z.infer<typeof UpdateVmWireSchema>;

export const UpdateVmInputSchema = UpdateVmWireSchema;
export type UpdateVmInput = UpdateVmWire;

export function updateVmInputToWire(input: UpdateVmInput): UpdateVmWire {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.tags !== undefined && { tags: { ...input.tags } }),
  };
}

/** The body of `POST /vms/{id}/stop`. */
export const StopVmWireSchema = z.object({ force: z.optional(z.boolean()) });
export type StopVmWire = z.infer<typeof StopVmWireSchema>;

/** The answer to `DELETE /vms/{id}`: the VM is on its way out. */
export const VmDeletionWireSchema = z.looseObject({ id: z.string(), status: z.string() });
export type VmDeletionWire = z.infer<typeof VmDeletionWireSchema>;
