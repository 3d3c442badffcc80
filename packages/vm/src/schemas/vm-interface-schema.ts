import * as z from 'zod/mini';

/**
 * A VM's network interface, in upstream's canonical shape (`/api/v1/vms/{vm_id}/interfaces`).
 * Upstream's PUT answers a partial object, hence the optional fields.
 */
export const VmInterfaceWireSchema = z.looseObject({
  id: z.string(),
  vm_id: z.string(),
  network_id: z.nullable(z.string()),
  name: z.string(),
  mac_address: z.optional(z.string()),
  ip_address: z.nullable(z.string()),
  status: z.string(),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
});
export type VmInterfaceWire = z.infer<typeof VmInterfaceWireSchema>;

export interface VmInterface {
  id: string;
  vmId: string;
  networkId: string | null;
  name: string;
  macAddress: string | null;
  ipAddress: string | null;
  status: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export function vmInterfaceFromWire(wire: VmInterfaceWire): VmInterface {
  return {
    id: wire.id,
    vmId: wire.vm_id,
    networkId: wire.network_id,
    name: wire.name,
    macAddress: wire.mac_address ?? null,
    ipAddress: wire.ip_address,
    status: wire.status,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
  };
}

export function vmInterfaceToWire(iface: VmInterface): VmInterfaceWire {
  return {
    id: iface.id,
    vm_id: iface.vmId,
    network_id: iface.networkId,
    name: iface.name,
    ...(iface.macAddress !== null && { mac_address: iface.macAddress }),
    ip_address: iface.ipAddress,
    status: iface.status,
    ...(iface.createdAt !== null && { created_at: iface.createdAt }),
    ...(iface.updatedAt !== null && { updated_at: iface.updatedAt }),
  };
}

const macAddress = z.string().check(z.regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'mac_address must look like 52:54:00:12:34:56'));

/** Upstream requires `mac_address`; this contract generates one when it is left out. */
export const CreateVmInterfaceWireSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(15)),
  mac_address: z.optional(macAddress),
  network_id: z.optional(z.string().check(z.minLength(1))),
  ip_address: z.optional(z.ipv4()),
});
export type CreateVmInterfaceWire = z.infer<typeof CreateVmInterfaceWireSchema>;

export const CreateVmInterfaceInputSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(15)),
  macAddress: z.optional(macAddress),
  networkId: z.optional(z.string().check(z.minLength(1))),
  ipAddress: z.optional(z.ipv4()),
});
export type CreateVmInterfaceInput = z.infer<typeof CreateVmInterfaceInputSchema>;

export function createVmInterfaceInputToWire(input: CreateVmInterfaceInput): CreateVmInterfaceWire {
  return {
    name: input.name,
    ...(input.macAddress !== undefined && { mac_address: input.macAddress }),
    ...(input.networkId !== undefined && { network_id: input.networkId }),
    ...(input.ipAddress !== undefined && { ip_address: input.ipAddress }),
  };
}

export const UpdateVmInterfaceWireSchema = z.object({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(15))),
  network_id: z.optional(z.nullable(z.string().check(z.minLength(1)))),
  ip_address: z.optional(z.nullable(z.ipv4())),
  status: z.optional(z.enum(['attached', 'detached'])),
});
export type UpdateVmInterfaceWire = z.infer<typeof UpdateVmInterfaceWireSchema>;

export const UpdateVmInterfaceInputSchema = z.object({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(15))),
  networkId: z.optional(z.nullable(z.string().check(z.minLength(1)))),
  ipAddress: z.optional(z.nullable(z.ipv4())),
  status: z.optional(z.enum(['attached', 'detached'])),
});
export type UpdateVmInterfaceInput = z.infer<typeof UpdateVmInterfaceInputSchema>;

export function updateVmInterfaceInputToWire(input: UpdateVmInterfaceInput): UpdateVmInterfaceWire {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.networkId !== undefined && { network_id: input.networkId }),
    ...(input.ipAddress !== undefined && { ip_address: input.ipAddress }),
    ...(input.status !== undefined && { status: input.status }),
  };
}

/** The answer to `DELETE /vms/{vm_id}/interfaces/{id}`. */
export const VmInterfaceDeletionWireSchema = z.looseObject({ id: z.string(), vm_id: z.string(), status: z.string() });
