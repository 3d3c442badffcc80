import { ValidationError } from '@novacron/core';
import type { Catalog } from './catalog';
import { complianceViolations, type ComplianceRule } from './compliance';
import { buildMigrationPlan, type MigrationPlan, type PlanMoveInput } from './migration-plan';
import type { Cluster, ClusterTier } from './schemas/cluster-schema';
import type { FederatedVm } from './schemas/inventory-schema';

export interface EvacuationOptions {
  clusters: readonly Cluster[];
  inventory: readonly FederatedVm[];
  rules?: readonly ComplianceRule[];
  catalog?: Catalog;
  /** Keep VMs together that must move together: dependencies carried into the plan. */
  dependencies?: Record<string, string[]>;
  planId?: string;
  maxWaveSize?: number;
  now?: () => Date;
}

export interface EvacuationResult {
  plan: MigrationPlan | null;
  /** VMs no healthy cluster can take, with the reason. */
  stranded: Array<{ vmId: string; reason: string }>;
}

const TIER_RANK: Record<ClusterTier, number> = { platinum: 0, gold: 1, silver: 2, bronze: 3 };

/**
 * Disaster recovery: a plan that moves every VM out of a failed cluster to the best healthy one
 * for it. "Best": compliant with the VM's rules, has room (counting what the plan already sent
 * there), then the same residency zone (data stays where it was), the same provider, the better tier, the cheaper nearest
 * instance type (with a catalog), the higher performance score, the id.
 */
export function planEvacuation(failedClusterId: string, options: EvacuationOptions): EvacuationResult {
  const failed = options.clusters.find((c) => c.id === failedClusterId);
  if (!failed) throw new ValidationError(`Unknown cluster ${failedClusterId}.`, [{ path: ['clusterId'], message: 'unknown cluster' }]);
  const candidates = options.clusters.filter((c) => c.id !== failedClusterId && c.health === 'healthy');
  const room = new Map(candidates.map((c) => [c.id, { vcpu: c.capacity.vcpuFree, memoryGib: c.capacity.memoryGibFree }]));
  const vms = options.inventory.filter((vm) => vm.clusterId === failedClusterId);
  // Largest first, so big VMs are not left without room by many small ones.
  const ordered = [...vms].sort((a, b) => b.memoryGib - a.memoryGib || b.vcpu - a.vcpu || a.vmId.localeCompare(b.vmId));
  const moves: PlanMoveInput[] = [];
  const stranded: EvacuationResult['stranded'] = [];
  for (const vm of ordered) {
    const scored = candidates
      .filter((c) => complianceViolations({ vmId: vm.vmId, tags: vm.tags }, c, options.rules).length === 0)
      .filter((c) => {
        const r = room.get(c.id)!;
        return r.vcpu >= vm.vcpu && r.memoryGib >= vm.memoryGib;
      })
      .map((c) => ({ cluster: c, cost: monthly(options.catalog, vm, c) }))
      .sort(
        (a, b) =>
          Number(b.cluster.compliance.dataResidency === failed.compliance.dataResidency) - Number(a.cluster.compliance.dataResidency === failed.compliance.dataResidency) ||
          Number(b.cluster.provider === failed.provider) - Number(a.cluster.provider === failed.provider) ||
          TIER_RANK[a.cluster.tier] - TIER_RANK[b.cluster.tier] ||
          a.cost - b.cost ||
          b.cluster.performanceScore - a.cluster.performanceScore ||
          a.cluster.id.localeCompare(b.cluster.id),
      );
    const best = scored[0]?.cluster;
    if (!best) {
      stranded.push({ vmId: vm.vmId, reason: `no healthy cluster is compliant for vm ${vm.vmId} and has ${vm.vcpu} vCPU and ${vm.memoryGib} GiB free` });
      continue;
    }
    const r = room.get(best.id)!;
    r.vcpu -= vm.vcpu;
    r.memoryGib -= vm.memoryGib;
    moves.push({ vmId: vm.vmId, targetCluster: best.id, dependsOn: options.dependencies?.[vm.vmId] });
  }
  if (moves.length === 0) return { plan: null, stranded };
  const plan = buildMigrationPlan(
    { id: options.planId, name: `evacuate ${failedClusterId}`, moves, maxWaveSize: options.maxWaveSize },
    { inventory: options.inventory, clusters: options.clusters, now: options.now },
  );
  return { plan, stranded };
}

function monthly(catalog: Catalog | undefined, vm: FederatedVm, cluster: Cluster): number {
  if (!catalog) return 0;
  const match = catalog.nearest({ vcpu: vm.vcpu, memoryGib: vm.memoryGib }, cluster.provider, cluster.region);
  return match.found ? match.monthly : Number.POSITIVE_INFINITY;
}
