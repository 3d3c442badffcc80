import * as z from 'zod/mini';
import { checkInput, invalid } from '../internal/validate';
import { cheaperAlternative } from './cheaper-alternative';
import type { CostOptimizationOptions, CostOptimizationReport, CostRecommendation, VmUsage } from './cost-types';
import { isNonProductionVm, scheduleShutdown } from './idle-schedule';
import { rightSize } from './right-sizing';
import { DEFAULT_IMPLEMENTATION_COST, roundMoney } from './vm-pricing';

const percent = z.array(z.number().check(z.gte(0, 'must be 0 or more'), z.lte(100, 'must be at most 100')));

const VmUsageSchema = z.object({
  vmId: z.string().check(z.minLength(1, 'must not be empty')),
  provider: z.string().check(z.minLength(1, 'must not be empty')),
  cpu: z.number().check(z.positive('must be more than 0')),
  memoryMb: z.number().check(z.positive('must be more than 0')),
  gpu: z.optional(z.int().check(z.nonnegative('must be 0 or more'))),
  cpuUsage: percent,
  memoryUsage: percent,
  stepMinutes: z.number().check(z.positive('must be more than 0')),
  start: z.optional(z.number()),
  hourlyPrice: z.optional(z.number().check(z.nonnegative('must be 0 or more'))),
});

const OptionsSchema = z.object({
  prices: z.object({ rates: z.optional(z.array(z.unknown())), instances: z.optional(z.array(z.unknown())) }),
  percentile: z.optional(z.number().check(z.gt(50, 'must be more than 50'), z.lt(100, 'must be less than 100'))),
  headroom: z.optional(z.number().check(z.gte(0, 'must be 0 or more'), z.lte(10, 'must be at most 10'))),
  horizonHours: z.optional(z.number().check(z.gte(0, 'must be 0 or more'), z.lte(24 * 90, 'must be at most 2160'))),
  minMonthlySavings: z.optional(z.number().check(z.gte(0, 'must be 0 or more'))),
  idleCpuPercent: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lte(100, 'must be at most 100'))),
  minIdleHours: z.optional(z.number().check(z.gte(1, 'must be 1 or more'), z.lte(24, 'must be at most 24'))),
  minCpu: z.optional(z.number().check(z.positive('must be more than 0'))),
  minMemoryMb: z.optional(z.number().check(z.positive('must be more than 0'))),
});

/**
 * Cost recommendations for a fleet, from its usage and a price table passed in:
 * - `rightsizing` — resize to the demand at `percentile` (forecast over `horizonHours`) plus `headroom`;
 * - `scheduling_optimization` — stop idle non-production VMs in the hours they are idle;
 * - `instance_type_change` / `cross_cloud_migration` — a cheaper equivalent size elsewhere.
 * Each carries its monthly saving, one-year ROI, payback and risk. Sorted by saving, largest first.
 * `totalMonthlySavings` counts per VM the larger of its resize/move savings plus its schedule
 * saving, since a resize and a move are alternatives, not additions.
 */
export function optimizeCosts(fleet: readonly VmUsage[], options: CostOptimizationOptions): CostOptimizationReport {
  checkInput(OptionsSchema, options, 'cost optimization options');
  if (!Array.isArray(fleet)) throw invalid('fleet', [{ path: ['fleet'], message: 'must be an array of VM usage records' }]);
  fleet.forEach((vm, i) => {
    const parsed = z.safeParse(VmUsageSchema, vm);
    if (!parsed.success) throw invalid(`fleet[${i}]`, parsed.error.issues.map((issue) => ({ path: ['fleet', i, ...issue.path.map(String)], message: issue.message })));
    if (vm.cpuUsage.length !== vm.memoryUsage.length) throw invalid(`fleet[${i}]`, [{ path: ['fleet', i, 'memoryUsage'], message: 'must have as many samples as cpuUsage' }]);
  });
  const currency = options.prices.currency ?? 'USD';
  const costs = { ...DEFAULT_IMPLEMENTATION_COST, ...options.implementationCost };
  const percentile = options.percentile ?? 95;
  const minMonthlySavings = options.minMonthlySavings ?? 1;
  const nonProduction = options.isNonProduction ?? isNonProductionVm;
  const recommendations: CostRecommendation[] = [];
  const skipped: CostOptimizationReport['skipped'] = [];
  let total = 0;
  for (const vm of fleet) {
    const sized = rightSize(vm, {
      prices: options.prices,
      percentile,
      headroom: options.headroom ?? 0.2,
      horizonHours: options.horizonHours ?? 48,
      minMonthlySavings,
      implementationCost: costs.rightsizing,
      minCpu: options.minCpu ?? 1,
      minMemoryMb: options.minMemoryMb ?? 512,
      currency,
    });
    if (sized && 'skipped' in sized) {
      skipped.push({ vmId: vm.vmId, reason: sized.skipped });
      continue;
    }
    const cheaper = cheaperAlternative(vm, { prices: options.prices, allowProviders: options.allowProviders ?? [], minMonthlySavings, implementationCost: costs, currency });
    const schedule = nonProduction(vm)
      ? scheduleShutdown(vm, {
          prices: options.prices,
          idleCpuPercent: options.idleCpuPercent ?? 5,
          minIdleHours: options.minIdleHours ?? 4,
          minMonthlySavings,
          implementationCost: costs.scheduling_optimization,
          currency,
        })
      : undefined;
    for (const r of [sized, cheaper, schedule]) if (r) recommendations.push(r);
    total += Math.max(0, sized?.monthlySavings ?? 0, cheaper?.monthlySavings ?? 0) + (schedule?.monthlySavings ?? 0);
  }
  recommendations.sort((a, b) => b.monthlySavings - a.monthlySavings || (a.vmId < b.vmId ? -1 : a.vmId > b.vmId ? 1 : a.type < b.type ? -1 : 1));
  return { recommendations, totalMonthlySavings: roundMoney(total), currency, skipped };
}
