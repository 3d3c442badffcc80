/**
 * Prices come in as data: this package never fetches or bundles a catalogue (that is
 * `@novacron/federation`'s job), so a caller passes whatever it trusts — federation's snapshot, an
 * operator's rate card for OpenStack or VMware, or a test fixture.
 */

/** Hours in a billing month, the convention AWS and Azure calculators use (8 760 / 12). */
export const HOURS_PER_MONTH = 730;

/** A per-resource rate card for a provider (and optionally one region): what a VM of any size costs there. */
export interface ResourceRate {
  provider: string;
  /** Omit for a rate that applies in every region of the provider. */
  region?: string;
  /** Currency units per vCPU-hour. */
  vcpuHour: number;
  /** Currency units per GiB-hour of memory. */
  memoryGibHour: number;
  /** Currency units per GPU-hour; a GPU VM where this is missing has an unknown price. */
  gpuHour?: number;
}

/** A fixed-size instance type and its on-demand price. `hourly: null` means unknown, never free. */
export interface InstancePrice {
  provider: string;
  region?: string;
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  gpu?: number;
  hourly: number | null;
}

export interface PriceTable {
  /** ISO 4217; every number in the table is in it. Default `USD`. */
  currency?: string;
  rates?: readonly ResourceRate[];
  instances?: readonly InstancePrice[];
}

/** The resources a price is asked for. */
export interface PricedSize {
  cpu: number;
  memoryMb: number;
  gpu?: number;
}

export interface HourlyPrice {
  hourly: number;
  /** `rate`: priced per vCPU/GiB from a rate card; `instance`: the cheapest listed instance type that fits. */
  basis: 'rate' | 'instance';
  instanceType?: string;
}

/**
 * What `size` costs per hour at `provider`/`region`. A region-specific rate beats a provider-wide one;
 * with no rate, the cheapest known-price instance type that fits is used. `null` when nothing applies.
 */
export function hourlyPrice(prices: PriceTable, size: PricedSize, provider: string, region?: string): HourlyPrice | null {
  const rate = findRate(prices, provider, region);
  const gpu = size.gpu ?? 0;
  if (rate && (gpu === 0 || rate.gpuHour !== undefined)) {
    return { hourly: size.cpu * rate.vcpuHour + (size.memoryMb / 1024) * rate.memoryGibHour + gpu * (rate.gpuHour ?? 0), basis: 'rate' };
  }
  const instance = cheapestFitting(prices, size, provider, region);
  return instance ? { hourly: instance.hourly as number, basis: 'instance', instanceType: instance.instanceType } : null;
}

export function findRate(prices: PriceTable, provider: string, region?: string): ResourceRate | undefined {
  let wide: ResourceRate | undefined;
  for (const rate of prices.rates ?? []) {
    if (rate.provider !== provider) continue;
    if (rate.region === undefined) wide ??= rate;
    else if (rate.region === region) return rate;
  }
  return wide;
}

/** The cheapest instance with a known price that holds `size`, ties broken by name so the answer is stable. */
export function cheapestFitting(prices: PriceTable, size: PricedSize, provider?: string, region?: string): InstancePrice | undefined {
  let best: InstancePrice | undefined;
  for (const instance of prices.instances ?? []) {
    if (instance.hourly === null) continue;
    if (provider !== undefined && instance.provider !== provider) continue;
    if (region !== undefined && instance.region !== undefined && instance.region !== region) continue;
    if (!fits(instance, size)) continue;
    if (!best || instance.hourly < (best.hourly as number) || (instance.hourly === best.hourly && instance.instanceType < best.instanceType)) best = instance;
  }
  return best;
}

export function fits(instance: InstancePrice, size: PricedSize): boolean {
  return instance.vcpu >= size.cpu && instance.memoryGib * 1024 >= size.memoryMb && (instance.gpu ?? 0) >= (size.gpu ?? 0);
}
