import type { CoreClient } from '@novacron/core';
import { MigrationsResource } from './migrations-resource';
import { MonitoringResource } from './monitoring-resource';
import { NetworksResource, VmInterfacesResource } from './networks-resource';
import { NodesResource } from './nodes-resource';
import { VmsResource } from './vms-resource';

/** The VM domain's resources, all sending through one CoreClient. */
export interface VmClient {
  vms: VmsResource;
  migrations: MigrationsResource;
  nodes: NodesResource;
  networks: NetworksResource;
  interfaces: VmInterfacesResource;
  monitoring: MonitoringResource;
}

export function createVmClient(core: CoreClient): VmClient {
  return {
    vms: new VmsResource(core),
    migrations: new MigrationsResource(core),
    nodes: new NodesResource(core),
    networks: new NetworksResource(core),
    interfaces: new VmInterfacesResource(core),
    monitoring: new MonitoringResource(core),
  };
}
