/** The three-tier application the orchestrator deploys: how many VMs per tier, their size and spread. */
export interface TierSpec {
  tier: 'web' | 'api' | 'db';
  count: number;
  cpu: number;
  memoryMb: number;
  diskGb: number;
  /** Each VM of the tier on a different provider (hard anti-affinity by provider), so one cloud going down leaves the tier up. */
  spreadAcrossProviders: boolean;
}

export const APP_NAME = 'shop';

export const THREE_TIER_APP: readonly TierSpec[] = [
  { tier: 'web', count: 3, cpu: 2, memoryMb: 4096, diskGb: 40, spreadAcrossProviders: true },
  { tier: 'api', count: 2, cpu: 4, memoryMb: 8192, diskGb: 60, spreadAcrossProviders: true },
  { tier: 'db', count: 1, cpu: 8, memoryMb: 32768, diskGb: 200, spreadAcrossProviders: false },
];

/** Public clouds with list prices, so cost optimization can compare every VM. */
export const PROVIDERS = ['aws', 'azure', 'gcp'];
