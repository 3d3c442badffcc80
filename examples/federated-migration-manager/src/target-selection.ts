import type { NovaCron } from '@novacron/example-shared';
import type { Cluster, FederatedVm } from '@novacron/sdk/federation';

export interface ClusterCost {
  cluster: string;
  provider: string;
  region: string;
  /** The application's compute per month there, at list prices (nearest instance type per VM). */
  monthly: number;
}

/**
 * The application's monthly cost on every healthy cluster in the same residency zone as where it
 * runs now; the cheapest one that is not the current cluster and has room is the target.
 */
export async function chooseTarget({ federation }: NovaCron, vms: FederatedVm[]): Promise<{ source: Cluster; target: Cluster; costs: ClusterCost[] }> {
  const [clusters, catalog] = await Promise.all([federation.clusters.all(), federation.catalog.get()]);
  const source = clusters.find((c) => c.id === vms[0]?.clusterId);
  if (!source) throw new Error('the application is not in a known cluster');
  const need = vms.reduce((n, vm) => ({ vcpu: n.vcpu + vm.vcpu, memoryGib: n.memoryGib + vm.memoryGib }), { vcpu: 0, memoryGib: 0 });
  const costs: ClusterCost[] = [];
  for (const cluster of clusters) {
    if (cluster.health !== 'healthy' || cluster.compliance.dataResidency !== source.compliance.dataResidency) continue;
    let monthly = 0;
    for (const vm of vms) {
      const row = catalog.monthlyCosts({ vcpu: vm.vcpu, memoryGib: vm.memoryGib, diskGb: vm.diskGb }, { providers: [cluster.provider] }).find((r) => r.region === cluster.region);
      if (row?.monthly == null) {
        monthly = Number.NaN;
        break;
      }
      monthly += row.monthly;
    }
    if (!Number.isNaN(monthly)) costs.push({ cluster: cluster.id, provider: cluster.provider, region: cluster.region, monthly: Math.round(monthly * 100) / 100 });
  }
  costs.sort((a, b) => a.monthly - b.monthly || a.cluster.localeCompare(b.cluster));
  const room = (c: Cluster) => c.capacity.vcpuFree >= need.vcpu && c.capacity.memoryGibFree >= need.memoryGib;
  const best = costs.find((c) => c.cluster !== source.id && room(clusters.find((x) => x.id === c.cluster)!));
  if (!best) throw new Error('no cheaper cluster with room in the same residency zone');
  return { source, target: clusters.find((c) => c.id === best.cluster)!, costs };
}
