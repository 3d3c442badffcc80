import {
  CreateNetworkWireSchema,
  CreateVmInterfaceWireSchema,
  NetworkDeletionWireSchema,
  NetworkWireSchema,
  UpdateVmInterfaceWireSchema,
  VmInterfaceDeletionWireSchema,
  VmInterfaceWireSchema,
  type CreateNetworkWire,
  type CreateVmInterfaceWire,
  type UpdateVmInterfaceWire,
} from '@novacron/vm';
import { defineRoute, type RouteDefinition } from '../http/route-definition';

export const networkRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'GET',
    path: '/networks',
    mount: 'api',
    access: 'viewer',
    operationId: 'listNetworks',
    summary: "List the tenant's networks (a bare array, unpaginated as upstream)",
    tag: 'networks',
    responses: { 200: { description: 'networks', schema: NetworkWireSchema, array: true } },
    handle: ({ world, principal }) => ({ status: 200, body: world.networks.listNetworks(principal.tenantId) }),
  }),
  defineRoute<CreateNetworkWire>({
    method: 'POST',
    path: '/networks',
    mount: 'api',
    access: 'admin',
    operationId: 'createNetwork',
    summary: 'Create a network (admin)',
    tag: 'networks',
    body: CreateNetworkWireSchema,
    responses: { 201: { description: 'the network, `active`', schema: NetworkWireSchema } },
    handle: ({ world, principal, body }) => ({ status: 201, body: world.networks.createNetwork(principal.tenantId, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/networks/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getNetwork',
    summary: 'Get a network',
    tag: 'networks',
    responses: { 200: { description: 'the network', schema: NetworkWireSchema } },
    handle: ({ world, principal, params }) => ({ status: 200, body: world.networks.getNetwork(principal.tenantId, params.id!) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/networks/{id}',
    mount: 'api',
    access: 'admin',
    operationId: 'deleteNetwork',
    summary: 'Delete a network (admin)',
    tag: 'networks',
    responses: { 200: { description: '`{id, status:"deleted"}`', schema: NetworkDeletionWireSchema } },
    handle: ({ world, principal, params }) => ({ status: 200, body: world.networks.deleteNetwork(principal.tenantId, params.id!) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/vms/{vm_id}/interfaces',
    mount: 'api',
    access: 'viewer',
    operationId: 'listVmInterfaces',
    summary: "List a VM's network interfaces",
    tag: 'networks',
    responses: { 200: { description: 'interfaces', schema: VmInterfaceWireSchema, array: true } },
    handle: ({ world, principal, params }) => {
      const { vm } = world.vms.get(principal.tenantId, params.vm_id!);
      return { status: 200, body: world.networks.listInterfaces(vm.id) };
    },
  }),
  defineRoute<CreateVmInterfaceWire>({
    method: 'POST',
    path: '/vms/{vm_id}/interfaces',
    mount: 'api',
    access: 'operator',
    operationId: 'createVmInterface',
    summary: 'Attach a network interface to a VM (a MAC is generated when none is given)',
    tag: 'networks',
    body: CreateVmInterfaceWireSchema,
    responses: { 201: { description: 'the interface, `attached`', schema: VmInterfaceWireSchema } },
    handle: ({ world, principal, params, body }) => {
      const { vm } = world.vms.get(principal.tenantId, params.vm_id!);
      return { status: 201, body: world.networks.createInterface(principal.tenantId, vm.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/vms/{vm_id}/interfaces/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getVmInterface',
    summary: 'Get a VM interface',
    tag: 'networks',
    responses: { 200: { description: 'the interface', schema: VmInterfaceWireSchema } },
    handle: ({ world, principal, params }) => {
      const { vm } = world.vms.get(principal.tenantId, params.vm_id!);
      return { status: 200, body: world.networks.getInterface(vm.id, params.id!) };
    },
  }),
  defineRoute<UpdateVmInterfaceWire>({
    method: 'PUT',
    path: '/vms/{vm_id}/interfaces/{id}',
    mount: 'api',
    access: 'operator',
    operationId: 'updateVmInterface',
    summary: 'Update a VM interface',
    tag: 'networks',
    body: UpdateVmInterfaceWireSchema,
    responses: { 200: { description: 'the interface', schema: VmInterfaceWireSchema } },
    handle: ({ world, principal, params, body }) => {
      const { vm } = world.vms.get(principal.tenantId, params.vm_id!);
      return { status: 200, body: world.networks.updateInterface(principal.tenantId, vm.id, params.id!, body) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/vms/{vm_id}/interfaces/{id}',
    mount: 'api',
    access: 'operator',
    operationId: 'deleteVmInterface',
    summary: 'Detach and delete a VM interface',
    tag: 'networks',
    responses: { 200: { description: '`{id, vm_id, status:"detached"}`', schema: VmInterfaceDeletionWireSchema } },
    handle: ({ world, principal, params }) => {
      const { vm } = world.vms.get(principal.tenantId, params.vm_id!);
      return { status: 200, body: world.networks.deleteInterface(principal.tenantId, vm.id, params.id!) };
    },
  }),
];
