import { untilRunning, type NovaCron } from '@novacron/example-shared';
import type { Vm } from '@novacron/sdk';

/** The replicated service this example looks after: its name, a replica's size. */
export const SERVICE = { name: 'checkout', cpu: 4, memoryMb: 8192, diskGb: 40 } as const;

export interface Replica {
  vmId: string;
  name: string;
  nodeId: string;
  provider: string;
  /** Why the AI placement chose the node. */
  reasoning: string;
}

/** Places a replica with the AI placement (spread over nodes, soft anti-affinity with its siblings), creates and starts it. */
export async function addReplica({ client, ai }: NovaCron, name: string): Promise<Replica> {
  const labels = { service: SERVICE.name };
  const placement = await ai.placement({
    name,
    cpu: SERVICE.cpu,
    memoryMb: SERVICE.memoryMb,
    diskGb: SERVICE.diskGb,
    labels,
    constraints: { antiAffinity: [{ selector: labels, topologyKey: 'node', weight: 100 }] },
  });
  const created = await client.vms.create({
    name,
    cpuShares: SERVICE.cpu,
    memoryMb: SERVICE.memoryMb,
    diskSizeGb: SERVICE.diskGb,
    image: 'ubuntu-24.04',
    tags: labels,
    nodeId: placement.nodeId,
  });
  const vm = await untilRunning(client, created.id);
  return { vmId: vm.id, name, nodeId: vm.nodeId ?? placement.nodeId, provider: vm.cloudProvider ?? '?', reasoning: placement.reasoning };
}

/** The service's running replicas, by name. */
export async function runningReplicas({ client }: NovaCron): Promise<Vm[]> {
  const vms = await client.vms.list({ tags: { service: SERVICE.name }, pageSize: 100 }).toArray({ limit: 1000 });
  return vms.filter((vm) => vm.state === 'running').sort((a, b) => a.name.localeCompare(b.name));
}
