import type { CostRecommendation, VmUsage } from './cost-types';
import { fits, HOURS_PER_MONTH, type PriceTable } from './price-table';
import { currentHourly, DEFAULT_IMPLEMENTATION_COST, money } from './vm-pricing';

export interface CheaperAlternativeSettings {
  prices: PriceTable;
  allowProviders: readonly string[];
  minMonthlySavings: number;
  implementationCost: Partial<Record<'instance_type_change' | 'cross_cloud_migration', number>>;
  currency: string;
}

interface Offer {
  provider: string;
  region: string | undefined;
  instanceType: string | undefined;
  hourly: number;
  cpu: number;
  memoryMb: number;
}

/**
 * The cheapest equivalent — at least the VM's vCPUs, memory and GPUs, not resized — among listed
 * instance types and rate cards of its own provider (same region) and of `allowProviders` (any
 * region). Same provider: an instance type change, low risk. Another provider: a cross-cloud
 * migration, medium risk and a larger one-time cost.
 */
export function cheaperAlternative(vm: VmUsage, s: CheaperAlternativeSettings): CostRecommendation | undefined {
  const before = currentHourly(vm, s.prices);
  if (before === null) return undefined;
  const size = { cpu: vm.cpu, memoryMb: vm.memoryMb, gpu: vm.gpu };
  const allowed = new Set([vm.provider, ...s.allowProviders]);
  const offers: Offer[] = [];
  for (const i of s.prices.instances ?? []) {
    if (i.hourly === null || !allowed.has(i.provider) || !fits(i, size)) continue;
    if (i.provider === vm.provider && i.region !== undefined && i.region !== vm.region) continue;
    if (i.provider === vm.provider && i.instanceType === vm.instanceType) continue;
    offers.push({ provider: i.provider, region: i.region, instanceType: i.instanceType, hourly: i.hourly, cpu: i.vcpu, memoryMb: i.memoryGib * 1024 });
  }
  for (const r of s.prices.rates ?? []) {
    if (!allowed.has(r.provider) || r.provider === vm.provider) continue;
    if ((vm.gpu ?? 0) > 0 && r.gpuHour === undefined) continue;
    offers.push({
      provider: r.provider,
      region: r.region,
      instanceType: undefined,
      hourly: vm.cpu * r.vcpuHour + (vm.memoryMb / 1024) * r.memoryGibHour + (vm.gpu ?? 0) * (r.gpuHour ?? 0),
      cpu: vm.cpu,
      memoryMb: vm.memoryMb,
    });
  }
  // Cheapest first; ties go to the VM's own provider, then by name, so the answer is stable.
  offers.sort(
    (a, b) =>
      a.hourly - b.hourly ||
      Number(b.provider === vm.provider) - Number(a.provider === vm.provider) ||
      `${a.provider}/${a.region ?? ''}/${a.instanceType ?? ''}`.localeCompare(`${b.provider}/${b.region ?? ''}/${b.instanceType ?? ''}`, 'en'),
  );
  const best = offers[0];
  if (!best || best.hourly >= before) return undefined;
  const move = best.provider !== vm.provider;
  const type = move ? 'cross_cloud_migration' : 'instance_type_change';
  const fields = money(before, best.hourly * HOURS_PER_MONTH, s.implementationCost[type] ?? DEFAULT_IMPLEMENTATION_COST[type]);
  if (fields.monthlySavings < s.minMonthlySavings) return undefined;
  const where = `${best.provider}${best.region ? ` ${best.region}` : ''}`;
  return {
    type,
    vmId: vm.vmId,
    vmIds: [vm.vmId],
    title: move
      ? `Move ${vm.name ?? vm.vmId} to ${where}${best.instanceType ? ` (${best.instanceType})` : ''}`
      : `Switch ${vm.name ?? vm.vmId} to ${best.instanceType} (same size or larger, cheaper)`,
    ...fields,
    risk: move ? 'medium' : 'low',
    riskReason: move ? 'a cross-cloud migration: downtime, egress and a new network path' : 'same provider and region, same or more resources; needs a restart',
    currency: s.currency,
    current: { cpu: vm.cpu, memoryMb: vm.memoryMb, provider: vm.provider, ...(vm.region !== undefined && { region: vm.region }), ...(vm.instanceType !== undefined && { instanceType: vm.instanceType }) },
    recommended: {
      cpu: best.cpu,
      memoryMb: best.memoryMb,
      provider: best.provider,
      ...(best.region !== undefined && { region: best.region }),
      ...(best.instanceType !== undefined && { instanceType: best.instanceType }),
    },
  };
}
