import type {
  CreateNetworkWire,
  CreateVmInterfaceWire,
  NetworkWire,
  UpdateVmInterfaceWire,
  VmInterfaceWire,
} from '@novacron/vm';
import { HttpError, notFound } from '../http/http-error';
import type { World } from './world';

type InterfaceResource = Required<VmInterfaceWire>;

/** Networks (per tenant, upstream's canonical shape) and the interfaces that attach VMs to them. */
export class NetworkService {
  private readonly networks = new Map<string, { network: NetworkWire; tenantId: string; version: number }>();
  /** vm id → interface id → interface. */
  private readonly interfaces = new Map<string, Map<string, InterfaceResource>>();

  constructor(private readonly world: World) {}

  allNetworks(): NetworkWire[] {
    return [...this.networks.values()].map((entry) => entry.network);
  }

  listNetworks(tenantId: string): NetworkWire[] {
    return [...this.networks.values()].filter((entry) => entry.tenantId === tenantId).map((entry) => entry.network);
  }

  getNetwork(tenantId: string, id: string): NetworkWire {
    const entry = this.networks.get(id);
    if (!entry || entry.tenantId !== tenantId) throw notFound('network');
    return entry.network;
  }

  createNetwork(tenantId: string, body: CreateNetworkWire): NetworkWire {
    const now = this.world.now();
    const network: NetworkWire = {
      id: this.world.newId('net'),
      name: body.name,
      type: body.type ?? 'bridged',
      subnet: body.subnet,
      gateway: body.gateway ?? null,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    const version = this.world.nextVersion();
    this.networks.set(network.id, { network, tenantId, version });
    this.publish('network.created', tenantId, network.id, version, { network: { ...network } });
    return network;
  }

  deleteNetwork(tenantId: string, id: string): { id: string; status: string } {
    this.getNetwork(tenantId, id);
    this.networks.delete(id);
    this.publish('network.deleted', tenantId, id, this.world.nextVersion(), { id });
    return { id, status: 'deleted' };
  }

  listInterfaces(vmId: string): InterfaceResource[] {
    return [...(this.interfaces.get(vmId)?.values() ?? [])];
  }

  getInterface(vmId: string, id: string): InterfaceResource {
    const iface = this.interfaces.get(vmId)?.get(id);
    if (!iface) throw notFound('vm interface');
    return iface;
  }

  createInterface(tenantId: string, vmId: string, body: CreateVmInterfaceWire): InterfaceResource {
    if (body.network_id !== undefined) this.requireNetwork(tenantId, body.network_id);
    const now = this.world.now();
    const iface: InterfaceResource = {
      id: this.world.newId('iface'),
      vm_id: vmId,
      network_id: body.network_id ?? null,
      name: body.name,
      mac_address: body.mac_address ?? this.macAddress(),
      ip_address: body.ip_address ?? null,
      status: 'attached',
      created_at: now,
      updated_at: now,
    };
    let forVm = this.interfaces.get(vmId);
    if (!forVm) this.interfaces.set(vmId, (forVm = new Map()));
    forVm.set(iface.id, iface);
    this.publish('vm.interface_attached', tenantId, iface.id, this.world.nextVersion(), { interface: { ...iface } });
    return iface;
  }

  updateInterface(tenantId: string, vmId: string, id: string, body: UpdateVmInterfaceWire): InterfaceResource {
    const iface = this.getInterface(vmId, id);
    if (body.network_id !== undefined && body.network_id !== null) this.requireNetwork(tenantId, body.network_id);
    if (body.name !== undefined) iface.name = body.name;
    if (body.network_id !== undefined) iface.network_id = body.network_id;
    if (body.ip_address !== undefined) iface.ip_address = body.ip_address;
    if (body.status !== undefined) iface.status = body.status;
    iface.updated_at = this.world.now();
    this.publish('vm.interface_updated', tenantId, iface.id, this.world.nextVersion(), { interface: { ...iface } });
    return iface;
  }

  deleteInterface(tenantId: string, vmId: string, id: string): { id: string; vm_id: string; status: string } {
    this.getInterface(vmId, id);
    this.interfaces.get(vmId)!.delete(id);
    this.publish('vm.interface_detached', tenantId, id, this.world.nextVersion(), { id, vm_id: vmId });
    return { id, vm_id: vmId, status: 'detached' };
  }

  removeVm(vmId: string): void {
    this.interfaces.delete(vmId);
  }

  private requireNetwork(tenantId: string, id: string): void {
    const entry = this.networks.get(id);
    if (!entry || entry.tenantId !== tenantId) throw new HttpError(400, 'validation_error', `network_id: network ${id} not found`);
  }

  /** A locally administered, KVM-style MAC from the seeded stream. */
  private macAddress(): string {
    const hex = this.world.random.hex(6);
    return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
  }

  private publish(type: string, tenantId: string, id: string, version: number, data: Record<string, unknown>): void {
    this.world.publish({
      type,
      resourceType: type.startsWith('network') ? 'network' : 'vm_interface',
      resourceId: id,
      resourceVersion: version,
      tenantId,
      data,
    });
  }
}
