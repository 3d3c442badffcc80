import type { NovaCron } from '@novacron/example-shared';
import type { CostRecommendation } from '@novacron/sdk/ai';
import type { Catalog, CrossCloudMigration, FederatedVm, FederationClient, MonthlyCostRow } from '@novacron/sdk/federation';
import { APP_NAME } from './app-topology';

export interface CrossCloudMove {
  vmId: string;
  name: string;
  from: { cluster: string | null; provider: string; region: string; monthly: number };
  to: { cluster: string; provider: string; region: string; instanceType: string | null; monthly: number };
  monthlySavings: number;
  /** One-time: the source's egress for the VM's data. */
  egressCost: number;
  paybackMonths: number | null;
}

export interface CostReview {
  /** The AI engine's recommendations for this application's VMs (right-sizing, schedules, cheaper types). */
  recommendations: CostRecommendation[];
  /** Moves to a cheaper cluster that pay back their egress within a year, best first. */
  moves: CrossCloudMove[];
  /** Monthly compute cost of the application per provider, at list prices. */
  costByProvider: Record<string, number>;
}

/**
 * The AI cost optimizer's recommendations, plus a cross-cloud comparison of every VM against every
 * healthy cluster from the catalog's list prices (the move's egress counted, payback within 12 months).
 */
export async function reviewCosts({ federation, ai }: NovaCron): Promise<CostReview> {
  const vms = await appVms(federation);
  const ids = new Set(vms.map((v) => v.vmId));
  const [recommendations, catalog, clusters] = await Promise.all([
    ai.costOptimization(),
    federation.catalog.get(),
    federation.clusters.all(),
  ]);
  const healthy = clusters.filter((c) => c.health === 'healthy');
  const moves: CrossCloudMove[] = [];
  for (const vm of vms) {
    const rows = catalog.monthlyCosts(specOf(vm), { from: { provider: vm.provider, region: vm.region } });
    const current = rows.find((r) => r.provider === vm.provider && r.region === vm.region);
    if (current?.monthly == null) continue;
    const best = cheapestElsewhere(rows, vm, healthy);
    if (!best) continue;
    const { row, cluster } = best;
    const monthlySavings = round2(current.monthly - row.monthly!);
    const egressCost = row.egressCost ?? 0;
    const paybackMonths = monthlySavings > 0 ? round2(egressCost / monthlySavings) : null;
    if (monthlySavings <= 0 || paybackMonths === null || paybackMonths > 12) continue;
    moves.push({
      vmId: vm.vmId,
      name: vm.name,
      from: { cluster: vm.clusterId, provider: vm.provider, region: vm.region, monthly: current.monthly },
      to: { cluster, provider: row.provider, region: row.region, instanceType: row.instanceType, monthly: row.monthly! },
      monthlySavings,
      egressCost,
      paybackMonths,
    });
  }
  moves.sort((a, b) => b.monthlySavings - a.monthlySavings || a.name.localeCompare(b.name));
  return {
    recommendations: recommendations.filter((r) => r.vmIds.some((id) => ids.has(id))),
    moves,
    costByProvider: costByProvider(vms, catalog),
  };
}

/** Moves one VM with a cross-cloud migration, showing its progress; resolves when it completed. */
export async function executeMove(federation: FederationClient, move: CrossCloudMove, onProgress: (m: CrossCloudMigration) => void): Promise<CrossCloudMigration> {
  const migration = await federation.migrations.start({ vmId: move.vmId, targetCluster: move.to.cluster, type: 'live' });
  return federation.migrations.wait(migration.id, { intervalMs: 100, timeoutMs: 300_000, onProgress });
}

export async function appVms(federation: FederationClient): Promise<FederatedVm[]> {
  return (await federation.inventory.all()).filter((vm) => vm.tags['app'] === APP_NAME && vm.state !== 'failed' && vm.state !== 'deleting');
}

export function costByProvider(vms: FederatedVm[], catalog: Catalog): Record<string, number> {
  const out: Record<string, number> = {};
  for (const vm of vms) {
    const row = catalog.monthlyCosts(specOf(vm), { providers: [vm.provider] }).find((r) => r.region === vm.region);
    if (row?.monthly != null) out[vm.provider] = round2((out[vm.provider] ?? 0) + row.monthly);
  }
  return out;
}

function cheapestElsewhere(rows: MonthlyCostRow[], vm: FederatedVm, clusters: Array<{ id: string; provider: string; region: string }>): { row: MonthlyCostRow; cluster: string } | undefined {
  for (const row of rows) {
    if (row.monthly == null || (row.provider === vm.provider && row.region === vm.region)) continue;
    const cluster = clusters.find((c) => c.provider === row.provider && c.region === row.region && c.id !== vm.clusterId);
    if (cluster) return { row, cluster: cluster.id };
  }
  return undefined;
}

function specOf(vm: FederatedVm) {
  return { vcpu: vm.vcpu, memoryGib: vm.memoryGib, diskGb: vm.diskGb };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
