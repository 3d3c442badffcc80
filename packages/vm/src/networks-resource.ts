import { requireId, validateInput, type CoreClient, type PagePromise, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import {
  CreateNetworkInputSchema,
  CreateVmInterfaceInputSchema,
  NetworkDeletionWireSchema,
  NetworkWireSchema,
  UpdateVmInterfaceInputSchema,
  VmInterfaceDeletionWireSchema,
  VmInterfaceWireSchema,
  createNetworkInputToWire,
  createVmInterfaceInputToWire,
  networkFromWire,
  updateVmInterfaceInputToWire,
  vmInterfaceFromWire,
  type CreateNetworkInput,
  type CreateVmInterfaceInput,
  type Network,
  type UpdateVmInterfaceInput,
  type VmInterface,
} from './schemas';

/** Networks (upstream's canonical `/networks`). */
export class NetworksResource {
  constructor(private readonly core: CoreClient) {}

  list(options?: RequestOptions): PagePromise<Network> {
    return this.core.list({ method: 'GET', path: '/networks', schema: z.array(NetworkWireSchema) }, networkFromWire, options);
  }

  async get(id: string, options?: RequestOptions): Promise<Network> {
    return networkFromWire(
      await this.core.request({ method: 'GET', path: '/networks/{id}', params: { id: requireId(id, 'network id') }, schema: NetworkWireSchema }, options),
    );
  }

  async create(input: CreateNetworkInput, options?: RequestOptions): Promise<Network> {
    const body = createNetworkInputToWire(validateInput(CreateNetworkInputSchema, input, 'network'));
    return networkFromWire(await this.core.request({ method: 'POST', path: '/networks', body, schema: NetworkWireSchema }, options));
  }

  async delete(id: string, options?: RequestOptions): Promise<{ id: string; status: string }> {
    return this.core.request({ method: 'DELETE', path: '/networks/{id}', params: { id: requireId(id, 'network id') }, schema: NetworkDeletionWireSchema }, options);
  }
}

/** A VM's network interfaces. */
export class VmInterfacesResource {
  constructor(private readonly core: CoreClient) {}

  list(vmId: string, options?: RequestOptions): PagePromise<VmInterface> {
    return this.core.list(
      () => ({ method: 'GET', path: '/vms/{vmId}/interfaces', params: { vmId: requireId(vmId, 'vm id') }, schema: z.array(VmInterfaceWireSchema) }),
      vmInterfaceFromWire,
      options,
    );
  }

  async get(vmId: string, id: string, options?: RequestOptions): Promise<VmInterface> {
    const wire = await this.core.request(
      { method: 'GET', path: '/vms/{vmId}/interfaces/{id}', params: { vmId: requireId(vmId, 'vm id'), id: requireId(id, 'interface id') }, schema: VmInterfaceWireSchema },
      options,
    );
    return vmInterfaceFromWire(wire);
  }

  async attach(vmId: string, input: CreateVmInterfaceInput, options?: RequestOptions): Promise<VmInterface> {
    const body = createVmInterfaceInputToWire(validateInput(CreateVmInterfaceInputSchema, input, 'interface'));
    const wire = await this.core.request(
      { method: 'POST', path: '/vms/{vmId}/interfaces', params: { vmId: requireId(vmId, 'vm id') }, body, schema: VmInterfaceWireSchema, context: { vmId } },
      options,
    );
    return vmInterfaceFromWire(wire);
  }

  /** The server answers a partial interface; the SDK returns what it sent back. */
  async update(vmId: string, id: string, input: UpdateVmInterfaceInput, options?: RequestOptions): Promise<Partial<VmInterface> & { id: string }> {
    const body = updateVmInterfaceInputToWire(validateInput(UpdateVmInterfaceInputSchema, input, 'interface update'));
    const wire = await this.core.request(
      { method: 'PUT', path: '/vms/{vmId}/interfaces/{id}', params: { vmId: requireId(vmId, 'vm id'), id: requireId(id, 'interface id') }, body, context: { vmId } },
      options,
    );
    const w = wire as Record<string, unknown>;
    return {
      id: String(w['id'] ?? id),
      ...(w['name'] !== undefined && { name: w['name'] as string }),
      ...(w['network_id'] !== undefined && { networkId: w['network_id'] as string | null }),
      ...(w['ip_address'] !== undefined && { ipAddress: w['ip_address'] as string | null }),
      ...(w['status'] !== undefined && { status: w['status'] as string }),
    };
  }

  async detach(vmId: string, id: string, options?: RequestOptions): Promise<{ id: string; vm_id: string; status: string }> {
    return this.core.request(
      {
        method: 'DELETE',
        path: '/vms/{vmId}/interfaces/{id}',
        params: { vmId: requireId(vmId, 'vm id'), id: requireId(id, 'interface id') },
        schema: VmInterfaceDeletionWireSchema,
        context: { vmId },
      },
      options,
    );
  }
}
