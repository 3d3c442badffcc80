import type { CostRecommendation, CostRecommendationType, RiskLevel, VmUsage } from './cost-types';
import { HOURS_PER_MONTH, hourlyPrice, type PriceTable } from './price-table';

export const DEFAULT_IMPLEMENTATION_COST: Record<CostRecommendationType, number> = {
  rightsizing: 20,
  instance_type_change: 20,
  scheduling_optimization: 10,
  cross_cloud_migration: 200,
};

/** What the VM costs per hour now: its own known price, its instance type's listed price, or the rate card for its size. */
export function currentHourly(vm: VmUsage, prices: PriceTable): number | null {
  if (vm.hourlyPrice !== undefined) return vm.hourlyPrice;
  if (vm.instanceType !== undefined) {
    let wide: number | null = null;
    for (const i of prices.instances ?? []) {
      if (i.provider !== vm.provider || i.instanceType !== vm.instanceType || i.hourly === null) continue;
      if (i.region === vm.region) return i.hourly;
      if (i.region === undefined) wide = i.hourly;
    }
    if (wide !== null) return wide;
  }
  return hourlyPrice(prices, { cpu: vm.cpu, memoryMb: vm.memoryMb, gpu: vm.gpu }, vm.provider, vm.region)?.hourly ?? null;
}

export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Fills the money fields every recommendation shares from the hourly prices before and after. */
export function money(
  hourlyBefore: number,
  monthlyAfter: number,
  implementationCost: number,
): Pick<CostRecommendation, 'monthlySavings' | 'currentMonthlyCost' | 'projectedMonthlyCost' | 'implementationCost' | 'roi' | 'paybackMonths'> {
  const current = hourlyBefore * HOURS_PER_MONTH;
  const savings = current - monthlyAfter;
  return {
    monthlySavings: roundMoney(savings),
    currentMonthlyCost: roundMoney(current),
    projectedMonthlyCost: roundMoney(monthlyAfter),
    implementationCost,
    roi: implementationCost > 0 ? (12 * savings - implementationCost) / implementationCost : savings > 0 ? Infinity : 0,
    paybackMonths: savings > 0 ? implementationCost / savings : Infinity,
  };
}

export function riskOf(level: RiskLevel, reason: string): { risk: RiskLevel; riskReason: string } {
  return { risk: level, riskReason: reason };
}
