import type { CostRecommendation, ResourceSpec, VmUsage } from './cost-types';
import { demandAtPercentile } from './demand-percentile';
import { cheapestFitting, hourlyPrice, HOURS_PER_MONTH, type PriceTable } from './price-table';
import { currentHourly, money } from './vm-pricing';

export interface RightSizingSettings {
  prices: PriceTable;
  percentile: number;
  headroom: number;
  horizonHours: number;
  minMonthlySavings: number;
  implementationCost: number;
  minCpu: number;
  minMemoryMb: number;
  currency: string;
}

/** Memory is recommended in whole 256 MiB steps, vCPUs whole. */
const MEMORY_STEP_MB = 256;

/**
 * Right-sizes one VM from its demand at `percentile`: the larger of the observed percentile and the
 * forecast's percentile bound over the next `horizonHours`, plus `headroom`. The recommended size is
 * never below that — it is the cheapest listed instance type of the VM's provider that holds it, or
 * whole vCPUs and 256 MiB steps priced from the rate card. A VM whose demand exceeds its size gets an
 * upsize (negative saving, high risk) rather than silence.
 */
export function rightSize(vm: VmUsage, s: RightSizingSettings): CostRecommendation | { skipped: string } | undefined {
  const before = currentHourly(vm, s.prices);
  if (before === null) return { skipped: `no price for ${vm.instanceType ?? `${vm.cpu} vCPU / ${vm.memoryMb} MiB`} at ${vm.provider}${vm.region ? ` ${vm.region}` : ''}` };
  const steps = Math.max(1, Math.ceil((s.horizonHours * 60) / vm.stepMinutes));
  const daily = Math.round(1440 / vm.stepMinutes);
  const season = daily >= 2 && vm.cpuUsage.length > 2 * daily ? daily : undefined;
  const cpuPct = demandAtPercentile(vm.cpuUsage, s.percentile, steps, season);
  const memPct = demandAtPercentile(vm.memoryUsage, s.percentile, steps, season);
  if (!Number.isFinite(cpuPct.value) || !Number.isFinite(memPct.value)) return { skipped: 'no usage samples' };

  const demandCpu = (Math.min(100, Math.max(0, cpuPct.value)) / 100) * vm.cpu;
  const demandMem = (Math.min(100, Math.max(0, memPct.value)) / 100) * vm.memoryMb;
  // Demand measured as a share of the current size cannot show more than 100 %: a VM pinned at its
  // ceiling may need more than it has, so saturation is reported as an upsize of one step.
  const saturated = cpuPct.value >= 99 || memPct.value >= 99;
  const needCpu = Math.max(s.minCpu, demandCpu * (1 + s.headroom));
  const needMem = Math.max(s.minMemoryMb, demandMem * (1 + s.headroom));

  const listed = vm.instanceType !== undefined ? cheapestFitting(s.prices, { cpu: needCpu, memoryMb: needMem, gpu: vm.gpu }, vm.provider, vm.region) : undefined;
  let recommended: ResourceSpec;
  let after: number | null;
  if (listed) {
    recommended = { cpu: listed.vcpu, memoryMb: listed.memoryGib * 1024, instanceType: listed.instanceType, provider: vm.provider, ...(vm.region !== undefined && { region: vm.region }) };
    after = listed.hourly;
  } else {
    const cpu = Math.ceil(needCpu - 1e-9);
    const memoryMb = Math.ceil(needMem / MEMORY_STEP_MB - 1e-9) * MEMORY_STEP_MB;
    recommended = { cpu, memoryMb, provider: vm.provider, ...(vm.region !== undefined && { region: vm.region }) };
    after = hourlyPrice(s.prices, { cpu, memoryMb, gpu: vm.gpu }, vm.provider, vm.region)?.hourly ?? null;
  }
  if (after === null) return { skipped: `no price for the recommended size at ${vm.provider}` };
  if (recommended.instanceType !== undefined ? recommended.instanceType === vm.instanceType : recommended.cpu === vm.cpu && recommended.memoryMb === vm.memoryMb) return undefined;

  const upsize = recommended.cpu > vm.cpu || recommended.memoryMb > vm.memoryMb || saturated;
  const fields = money(before, after * HOURS_PER_MONTH, s.implementationCost);
  if (!upsize && fields.monthlySavings < s.minMonthlySavings) return undefined;

  const maxCpu = (cpuPct.max / 100) * vm.cpu;
  const maxMem = (memPct.max / 100) * vm.memoryMb;
  const risk = upsize
    ? { risk: 'high' as const, riskReason: `demand at p${s.percentile} plus ${Math.round(s.headroom * 100)} % headroom exceeds the current size` }
    : recommended.memoryMb < maxMem
      ? { risk: 'high' as const, riskReason: `memory peaks (${Math.round(maxMem)} MiB) above the new size would not fit` }
      : recommended.cpu < maxCpu
        ? { risk: 'medium' as const, riskReason: `CPU peaks (${maxCpu.toFixed(1)} vCPU) above the new size would be throttled` }
        : cpuPct.model === 'none' || cpuPct.model === 'naive'
          ? { risk: 'medium' as const, riskReason: 'little history: the forecast could not use seasonality' }
          : { risk: 'low' as const, riskReason: `every observed peak fits the new size` };

  const name = vm.name ?? vm.vmId;
  const to = recommended.instanceType ?? `${recommended.cpu} vCPU / ${recommended.memoryMb} MiB`;
  return {
    type: 'rightsizing',
    vmId: vm.vmId,
    vmIds: [vm.vmId],
    title: `${upsize ? 'Upsize' : 'Right-size'} ${name} to ${to} (p${s.percentile} demand ${demandCpu.toFixed(2)} vCPU / ${Math.round(demandMem)} MiB + ${Math.round(s.headroom * 100)} %)`,
    ...fields,
    ...risk,
    currency: s.currency,
    current: { cpu: vm.cpu, memoryMb: vm.memoryMb, ...(vm.instanceType !== undefined && { instanceType: vm.instanceType }), provider: vm.provider, ...(vm.region !== undefined && { region: vm.region }) },
    recommended,
    percentile: s.percentile,
    demand: { cpu: demandCpu, memoryMb: demandMem, model: cpuPct.model },
    headroom: s.headroom,
  };
}
