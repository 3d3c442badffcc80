import * as z from 'zod/mini';

/** A network, in upstream's canonical shape (`/api/v1/networks`). */
export const NetworkWireSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  subnet: z.string(),
  gateway: z.nullable(z.string()),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type NetworkWire = z.infer<typeof NetworkWireSchema>;

export interface Network {
  id: string;
  name: string;
  type: string;
  subnet: string;
  gateway: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export function networkFromWire(wire: NetworkWire): Network {
  return {
    id: wire.id,
    name: wire.name,
    type: wire.type,
    subnet: wire.subnet,
    gateway: wire.gateway,
    status: wire.status,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
  };
}

export function networkToWire(network: Network): NetworkWire {
  return {
    id: network.id,
    name: network.name,
    type: network.type,
    subnet: network.subnet,
    gateway: network.gateway,
    status: network.status,
    created_at: network.createdAt,
    updated_at: network.updatedAt,
  };
}

const cidr = z
  .string().check(z.regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, 'subnet must be an IPv4 CIDR such as 10.0.0.0/24'), z.refine((value) => {
    const [address, bits] = value.split('/') as [string, string];
    return address.split('.').every((octet) => Number(octet) <= 255) && Number(bits) <= 32;
  }, 'subnet must be an IPv4 CIDR such as 10.0.0.0/24'));
const ipv4 = z.ipv4();

export const CreateNetworkWireSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(63)),
  subnet: cidr,
  type: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  gateway: z.optional(ipv4),
});
export type CreateNetworkWire = z.infer<typeof CreateNetworkWireSchema>;

export const CreateNetworkInputSchema = CreateNetworkWireSchema;
export type CreateNetworkInput = CreateNetworkWire;

export function createNetworkInputToWire(input: CreateNetworkInput): CreateNetworkWire {
  return { ...input };
}

/** The answer to `DELETE /networks/{id}`. */
export const NetworkDeletionWireSchema = z.looseObject({ id: z.string(), status: z.string() });
