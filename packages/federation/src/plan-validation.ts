import type { Catalog } from './catalog';
import { round2 } from './catalog';
import { complianceViolations, type ComplianceRule } from './compliance';
import { PlanValidationError, type PlanRefusal } from './errors';
import type { MigrationPlan, PlannedMove } from './migration-plan';
import type { Cluster } from './schemas/cluster-schema';
import type { FederatedVm } from './schemas/inventory-schema';

export interface PlanValidationOptions {
  clusters: readonly Cluster[];
  inventory: readonly FederatedVm[];
  rules?: readonly ComplianceRule[];
  /** `provider/region` or `provider/*` a VM may go to; anything else is refused under `region`. */
  allowedRegions?: readonly string[];
  catalog?: Catalog;
  /** Refuse the plan when the moved VMs' compute would cost more than this per month (after the move). */
  maxMonthlyCost?: number;
  /** Refuse the plan when moving raises the monthly compute cost by more than this. */
  maxMonthlyIncrease?: number;
}

export interface CostEstimate {
  currency: 'USD';
  monthlyBefore: number;
  monthlyAfter: number;
  monthlyDelta: number;
  /** VMs whose price (before or after) is unknown, with the reason; they are left out of the sums. */
  unknown: Array<{ vmId: string; reason: string }>;
}

export interface PlanValidationResult {
  ok: boolean;
  refusals: PlanRefusal[];
  cost: CostEstimate | null;
}

/**
 * Checks a plan before anything moves: every VM and target exists, the target is reachable and not
 * the VM's own cluster, the region is allowed, the VM's compliance rules hold there, each target
 * cluster has room for everything the plan sends it, and the budget holds. Every refusal has a reason.
 */
export function validatePlan(plan: MigrationPlan, options: PlanValidationOptions): PlanValidationResult {
  const refusals: PlanRefusal[] = [];
  const clusters = new Map(options.clusters.map((c) => [c.id, c]));
  const vms = new Map(options.inventory.map((vm) => [vm.vmId, vm]));
  const free = new Map(options.clusters.map((c) => [c.id, { vcpu: c.capacity.vcpuFree, memoryGib: c.capacity.memoryGibFree }]));
  const ordered = plan.waves.flat().map((id) => plan.moves[id]!);
  for (const move of ordered) {
    const vm = vms.get(move.vmId);
    const target = clusters.get(move.targetCluster);
    if (!vm) {
      refusals.push({ vmId: move.vmId, rule: 'unknown_vm', reason: `vm ${move.vmId} is not in the inventory` });
      continue;
    }
    if (!target) {
      refusals.push({ vmId: move.vmId, rule: 'unknown_cluster', reason: `cluster ${move.targetCluster} does not exist` });
      continue;
    }
    if (vm.clusterId === target.id) refusals.push({ vmId: move.vmId, rule: 'same_cluster', reason: `vm ${move.vmId} is already in ${target.id}` });
    if (target.health === 'unavailable') refusals.push({ vmId: move.vmId, rule: 'health', reason: `cluster ${target.id} is unavailable` });
    if (vm.state !== 'running' && vm.state !== 'stopped') refusals.push({ vmId: move.vmId, rule: 'vm_state', reason: `vm ${move.vmId} is ${vm.state}; only running or stopped VMs move` });
    if (options.allowedRegions && !regionAllowed(target, options.allowedRegions)) {
      refusals.push({ vmId: move.vmId, rule: 'region', reason: `${target.provider}/${target.region} is not among the allowed regions (${options.allowedRegions.join(', ')})` });
    }
    for (const v of complianceViolations({ vmId: vm.vmId, tags: vm.tags }, target, options.rules)) {
      refusals.push({ vmId: move.vmId, rule: `compliance:${v.rule}`, reason: v.reason });
    }
    const room = free.get(target.id)!;
    if (vm.vcpu > room.vcpu || vm.memoryGib > room.memoryGib) {
      refusals.push({
        vmId: move.vmId,
        rule: 'capacity',
        reason: `cluster ${target.id} has ${room.vcpu} vCPU and ${round2(room.memoryGib)} GiB left for this plan; vm ${move.vmId} needs ${vm.vcpu} vCPU and ${vm.memoryGib} GiB`,
      });
    } else {
      room.vcpu -= vm.vcpu;
      room.memoryGib -= vm.memoryGib;
    }
  }
  const cost = options.catalog ? estimateCost(ordered, options.catalog) : null;
  if (cost && options.maxMonthlyCost !== undefined && cost.monthlyAfter > options.maxMonthlyCost) {
    refusals.push({ vmId: '*', rule: 'budget', reason: `the moved VMs would cost ${cost.monthlyAfter} USD a month, over the budget of ${options.maxMonthlyCost}` });
  }
  if (cost && options.maxMonthlyIncrease !== undefined && cost.monthlyDelta > options.maxMonthlyIncrease) {
    refusals.push({ vmId: '*', rule: 'budget', reason: `moving raises the monthly cost by ${cost.monthlyDelta} USD, over the allowed ${options.maxMonthlyIncrease}` });
  }
  if (cost && (options.maxMonthlyCost !== undefined || options.maxMonthlyIncrease !== undefined)) {
    for (const u of cost.unknown) refusals.push({ vmId: u.vmId, rule: 'budget', reason: `cannot check the budget: ${u.reason}` });
  }
  return { ok: refusals.length === 0, refusals, cost };
}

/** As validatePlan, but throws PlanValidationError listing every refusal. */
export function assertPlanValid(plan: MigrationPlan, options: PlanValidationOptions): PlanValidationResult {
  const result = validatePlan(plan, options);
  if (!result.ok) throw new PlanValidationError(result.refusals);
  return result;
}

/** Monthly compute before and after for the moves (nearest on-demand type on each side). */
export function estimateCost(moves: readonly PlannedMove[], catalog: Catalog): CostEstimate {
  let before = 0;
  let after = 0;
  const unknown: CostEstimate['unknown'] = [];
  for (const move of moves) {
    if (!(move.vcpu > 0) || !(move.memoryGib > 0)) {
      unknown.push({ vmId: move.vmId, reason: 'the VM size is unknown' });
      continue;
    }
    const spec = { vcpu: move.vcpu, memoryGib: move.memoryGib };
    const from = catalog.nearest(spec, move.sourceProvider, move.sourceRegion);
    const to = catalog.nearest(spec, move.targetProvider, move.targetRegion);
    if (!from.found || !to.found) {
      unknown.push({ vmId: move.vmId, reason: !from.found ? from.reason : (to as { reason: string }).reason });
      continue;
    }
    before += from.monthly;
    after += to.monthly;
  }
  return { currency: 'USD', monthlyBefore: round2(before), monthlyAfter: round2(after), monthlyDelta: round2(after - before), unknown };
}

function regionAllowed(cluster: Cluster, allowed: readonly string[]): boolean {
  return allowed.some((entry) => entry === `${cluster.provider}/${cluster.region}` || entry === `${cluster.provider}/*` || entry === cluster.id);
}
