import { untilRunning, type NovaCron } from '@novacron/example-shared';
import type { Vm } from '@novacron/sdk';

/** The application that moves: who depends on whom decides the order of the waves. */
export interface AppVm {
  name: string;
  cpu: number;
  memoryMb: number;
  diskGb: number;
  dependsOn: string[];
}

export const APP_NAME = 'erp';

export const ERP_APP: readonly AppVm[] = [
  { name: 'db-1', cpu: 4, memoryMb: 16384, diskGb: 100, dependsOn: [] },
  { name: 'cache-1', cpu: 2, memoryMb: 8192, diskGb: 20, dependsOn: [] },
  { name: 'api-1', cpu: 2, memoryMb: 4096, diskGb: 20, dependsOn: ['db-1', 'cache-1'] },
  { name: 'api-2', cpu: 2, memoryMb: 4096, diskGb: 20, dependsOn: ['db-1', 'cache-1'] },
  { name: 'api-3', cpu: 2, memoryMb: 4096, diskGb: 20, dependsOn: ['db-1', 'cache-1'] },
  { name: 'worker-1', cpu: 2, memoryMb: 4096, diskGb: 40, dependsOn: ['db-1'] },
  { name: 'web-1', cpu: 2, memoryMb: 2048, diskGb: 20, dependsOn: ['api-1', 'api-2', 'api-3'] },
  { name: 'web-2', cpu: 2, memoryMb: 2048, diskGb: 20, dependsOn: ['api-1', 'api-2', 'api-3'] },
];

/** Creates the application on `nodeId` (the simulator's AWS node) and waits until every VM runs. */
export async function deployApplication({ client }: NovaCron, nodeId: string | undefined, onDone: (vm: Vm) => void): Promise<Vm[]> {
  return Promise.all(
    ERP_APP.map(async (spec) => {
      const created = await client.vms.create({
        name: spec.name,
        cpuShares: spec.cpu,
        memoryMb: spec.memoryMb,
        diskSizeGb: spec.diskGb,
        image: 'ubuntu-24.04',
        tags: { app: APP_NAME },
        ...(nodeId && { nodeId }),
      });
      const vm = await untilRunning(client, created.id);
      onDone(vm);
      return vm;
    }),
  );
}
