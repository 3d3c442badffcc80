import { ValidationError } from '@novacron/core';
import type { CatalogWire, EgressPrice, Offering, Price, PriceKind } from './schemas/catalog-schema';
import { egressFromWire, offeringFromWire } from './schemas/catalog-schema';
import { normalizeSpec, type NormalizedSpec, type VmSpec } from './vm-spec';

/** Hours in a billing month, as AWS, Azure and GCP price monthly estimates (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * How an instance's hourly price is split between its vCPUs and its memory: one vCPU-hour is
 * worth this many GiB-hours. The ratio of GCP's published N2 per-resource prices in us-central1
 * ($0.031611 per vCPU-hour, $0.004237 per GiB-hour, 2024), the one public list that prices the two apart.
 */
export const VCPU_TO_GIB_WEIGHT = 0.031611 / 0.004237;

/**
 * The nearest-equivalent rule, applied the same way for every provider:
 * 1. candidates fit — at least the spec's vCPU, memory and GPUs, the same architecture, and no GPU
 *    unless the spec asks for one — and have a known price of the kind compared (on-demand by default);
 * 2. the least relative over-provisioning wins: (vCPU − spec vCPU) / spec vCPU + (GiB − spec GiB) / spec GiB;
 * 3. ties go to the lower hourly price, then to the instance type name.
 */
export const NEAREST_MATCH_RULE =
  'fits (vCPU, memory and GPUs at least the spec, same architecture, no GPU unless asked) with a known price; ' +
  'least relative over-provisioning (extra vCPU/spec vCPU + extra GiB/spec GiB); then lowest hourly price; then name';

export interface NormalizedRates {
  /** The share of the hourly price attributed to one vCPU. */
  perVcpuHour: number;
  /** The share attributed to one GiB of memory. */
  perGibHour: number;
  /** True when the instance has GPUs: the split then also carries the GPU's price. */
  includesGpu: boolean;
}

export type Match =
  | { found: true; offering: Offering; hourly: number; monthly: number; overProvisioning: number }
  | { found: false; provider: string; region: string; reason: string };

export interface MonthlyCostRow {
  provider: string;
  region: string;
  instanceType: string | null;
  hourly: number | null;
  /** Compute for a month. */
  monthly: number | null;
  /** One-time: the source's egress for the migration's data; null when unknown or no source given. */
  egressCost: number | null;
  /** Why `monthly` (or `egressCost`) is unknown. */
  reason: string | null;
  effectiveDate: string | null;
  source: string | null;
}

export interface CostOptions {
  priceKind?: PriceKind;
  /** Where the VM runs now: egress out of there is added as a one-time cost. */
  from?: { provider: string; region: string };
  /** Data moved; default the spec's disk. */
  dataGb?: number;
  providers?: readonly string[];
}

export interface RoiInput {
  currentMonthly: number;
  targetMonthly: number;
  /** Egress and any other one-time cost of moving. */
  oneTimeCost: number;
  /** Default 12. */
  horizonMonths?: number;
}

export interface Roi {
  monthlySavings: number;
  oneTimeCost: number;
  /** Months until savings repay the move; null when moving never pays back. */
  paybackMonths: number | null;
  /** (savings over the horizon − one-time cost) / one-time cost; null when the move costs nothing up front. */
  roi: number | null;
  netOverHorizon: number;
  horizonMonths: number;
}

/**
 * The instance catalog as a typed model: offerings (instance type × region with prices) and egress
 * prices across every provider, with the comparisons built on them. Immutable; `merge` makes a new one.
 */
export class Catalog {
  readonly offerings: readonly Offering[];
  readonly egress: readonly EgressPrice[];
  readonly effectiveDate: string;
  readonly snapshotId: string | null;
  private readonly byLocation = new Map<string, Offering[]>();

  constructor(offerings: readonly Offering[], egress: readonly EgressPrice[], meta: { effectiveDate: string; snapshotId?: string | null }) {
    this.offerings = offerings;
    this.egress = egress;
    this.effectiveDate = meta.effectiveDate;
    this.snapshotId = meta.snapshotId ?? null;
    for (const o of offerings) {
      const key = `${o.provider}\u0000${o.region}`;
      let list = this.byLocation.get(key);
      if (!list) this.byLocation.set(key, (list = []));
      list.push(o);
    }
  }

  static fromWire(wire: CatalogWire): Catalog {
    return new Catalog(wire.offerings.map(offeringFromWire), wire.egress.map(egressFromWire), { effectiveDate: wire.effective_date, snapshotId: wire.snapshot_id ?? null });
  }

  /** This catalog plus another's offerings and egress (a plugin provider's, say); theirs win on the same key. */
  merge(other: Catalog): Catalog {
    const key = (o: Offering) => `${o.provider}\u0000${o.region}\u0000${o.instanceType}`;
    const theirs = new Set(other.offerings.map(key));
    const egressKey = (e: EgressPrice) => `${e.provider}\u0000${e.region}`;
    const theirEgress = new Set(other.egress.map(egressKey));
    return new Catalog(
      [...this.offerings.filter((o) => !theirs.has(key(o))), ...other.offerings],
      [...this.egress.filter((e) => !theirEgress.has(egressKey(e))), ...other.egress],
      { effectiveDate: this.effectiveDate, snapshotId: this.snapshotId },
    );
  }

  providers(): string[] {
    return [...new Set(this.offerings.map((o) => o.provider))];
  }

  regions(provider: string): string[] {
    return [...new Set(this.offerings.filter((o) => o.provider === provider).map((o) => o.region))];
  }

  find(provider: string, region: string, instanceType: string): Offering | undefined {
    return this.byLocation.get(`${provider}\u0000${region}`)?.find((o) => o.instanceType === instanceType);
  }

  /** Days between the oldest price's effective date and `now`: freshness checks compare this to a limit. */
  ageInDays(now: Date = new Date()): number {
    const oldest = Math.min(...this.offerings.map((o) => Date.parse(o.effectiveDate)).filter(Number.isFinite), Date.parse(this.effectiveDate));
    return Math.floor((now.getTime() - oldest) / 86_400_000);
  }

  /** An offering's price split into $/vCPU-hour and $/GiB-hour (see VCPU_TO_GIB_WEIGHT); null when the price is unknown. */
  normalizedRates(offering: Offering, kind: PriceKind = 'onDemand'): NormalizedRates | null {
    const price = offering.prices[kind];
    if (price.hourly === null) return null;
    const gibEquivalents = offering.vcpu * VCPU_TO_GIB_WEIGHT + offering.memoryGib;
    const perGibHour = price.hourly / gibEquivalents;
    return { perVcpuHour: perGibHour * VCPU_TO_GIB_WEIGHT, perGibHour, includesGpu: offering.gpuCount > 0 };
  }

  /** The nearest equivalent of a spec in one provider and region (NEAREST_MATCH_RULE), or why there is none. */
  nearest(spec: VmSpec, provider: string, region: string, kind: PriceKind = 'onDemand'): Match {
    return this.nearestNormalized(normalizeSpec(spec), provider, region, kind);
  }

  /** The nearest equivalent of `instanceType` (from `provider`/`region`) in another location. */
  equivalent(from: { provider: string; region: string; instanceType: string }, to: { provider: string; region: string }, kind: PriceKind = 'onDemand'): Match {
    const source = this.find(from.provider, from.region, from.instanceType);
    if (!source) throw new ValidationError(`Unknown instance type ${from.instanceType} in ${from.provider}/${from.region}.`, [{ path: ['instanceType'], message: 'not in the catalog' }]);
    return this.nearest({ vcpu: source.vcpu, memoryGib: source.memoryGib, gpuCount: source.gpuCount, arch: source.arch as 'x86_64' | 'arm64' }, to.provider, to.region, kind);
  }

  /** Monthly cost of a spec on every provider and region (one row each), with egress when `from` is given. */
  monthlyCosts(spec: VmSpec, options: CostOptions = {}): MonthlyCostRow[] {
    const s = normalizeSpec(spec);
    const kind = options.priceKind ?? 'onDemand';
    const dataGb = options.dataGb ?? s.diskGb;
    const egress = options.from ? this.egressCost(options.from.provider, options.from.region, dataGb) : undefined;
    const rows: MonthlyCostRow[] = [];
    const wanted = options.providers ? new Set(options.providers) : undefined;
    for (const [key] of this.byLocation) {
      const [provider, region] = key.split('\u0000') as [string, string];
      if (wanted && !wanted.has(provider)) continue;
      const isSource = options.from !== undefined && options.from.provider === provider && options.from.region === region;
      const match = this.nearestNormalized(s, provider, region, kind);
      const egressCost = egress === undefined || isSource ? null : egress.cost;
      const egressReason = egress === undefined || isSource ? null : egress.reason;
      if (match.found) {
        rows.push({
          provider,
          region,
          instanceType: match.offering.instanceType,
          hourly: match.hourly,
          monthly: match.monthly,
          egressCost: isSource ? 0 : egressCost,
          reason: egressReason,
          effectiveDate: match.offering.effectiveDate,
          source: match.offering.source,
        });
      } else {
        rows.push({ provider, region, instanceType: null, hourly: null, monthly: null, egressCost, reason: match.reason, effectiveDate: null, source: null });
      }
    }
    return rows.sort((a, b) => cmpNullable(a.monthly, b.monthly) || a.provider.localeCompare(b.provider) || a.region.localeCompare(b.region));
  }

  /** One-time egress of `dataGb` out of a region; cost null with the reason when the price is unknown. */
  egressCost(provider: string, region: string, dataGb: number): { cost: number | null; perGb: number | null; reason: string | null } {
    if (!(dataGb >= 0)) throw new ValidationError('dataGb must be 0 or more.', [{ path: ['dataGb'], message: 'negative' }]);
    const egress = this.egress.find((e) => e.provider === provider && e.region === region);
    if (!egress) return { cost: null, perGb: null, reason: `no egress price for ${provider}/${region} in the catalog` };
    if (egress.perGb.hourly === null) return { cost: null, perGb: null, reason: egress.perGb.reason };
    return { cost: round2(egress.perGb.hourly * dataGb), perGb: egress.perGb.hourly, reason: null };
  }

  private nearestNormalized(s: NormalizedSpec, provider: string, region: string, kind: PriceKind): Match {
    const here = this.byLocation.get(`${provider}\u0000${region}`);
    if (!here || here.length === 0) return { found: false, provider, region, reason: `no catalog entries for ${provider}/${region}` };
    let best: Offering | undefined;
    let bestExcess = Number.POSITIVE_INFINITY;
    let fitsUnpriced: Offering | undefined;
    for (const o of here) {
      if (o.arch !== s.arch || o.vcpu < s.vcpu || o.memoryGib < s.memoryGib) continue;
      if (s.gpuCount === 0 ? o.gpuCount !== 0 : o.gpuCount < s.gpuCount) continue;
      const price = o.prices[kind];
      if (price.hourly === null) {
        fitsUnpriced ??= o;
        continue;
      }
      const excess = (o.vcpu - s.vcpu) / s.vcpu + (o.memoryGib - s.memoryGib) / s.memoryGib;
      if (
        best === undefined ||
        excess < bestExcess ||
        (excess === bestExcess && (price.hourly < best.prices[kind].hourly! || (price.hourly === best.prices[kind].hourly && o.instanceType < best.instanceType)))
      ) {
        best = o;
        bestExcess = excess;
      }
    }
    if (best) {
      const hourly = best.prices[kind].hourly!;
      return { found: true, offering: best, hourly, monthly: round2(hourly * HOURS_PER_MONTH), overProvisioning: round4(bestExcess) };
    }
    const reason = fitsUnpriced
      ? `${fitsUnpriced.instanceType} fits but its ${kind} price is unknown: ${(fitsUnpriced.prices[kind] as Extract<Price, { hourly: null }>).reason}`
      : `no instance type in ${provider}/${region} fits ${s.vcpu} vCPU, ${s.memoryGib} GiB${s.gpuCount ? `, ${s.gpuCount} GPU` : ''} (${s.arch})`;
    return { found: false, provider, region, reason };
  }
}

/** Return on moving: monthly savings against the one-time cost (egress), over a horizon. */
export function computeRoi(input: RoiInput): Roi {
  const horizonMonths = input.horizonMonths ?? 12;
  for (const [name, value] of Object.entries({ currentMonthly: input.currentMonthly, targetMonthly: input.targetMonthly, oneTimeCost: input.oneTimeCost })) {
    if (!(value >= 0)) throw new ValidationError(`${name} must be a number of 0 or more.`, [{ path: [name], message: 'must be >= 0' }]);
  }
  if (!(horizonMonths > 0)) throw new ValidationError('horizonMonths must be positive.', [{ path: ['horizonMonths'], message: 'must be > 0' }]);
  const monthlySavings = round2(input.currentMonthly - input.targetMonthly);
  const netOverHorizon = round2(monthlySavings * horizonMonths - input.oneTimeCost);
  return {
    monthlySavings,
    oneTimeCost: round2(input.oneTimeCost),
    paybackMonths: monthlySavings > 0 ? round2(input.oneTimeCost / monthlySavings) : null,
    roi: input.oneTimeCost > 0 ? round4(netOverHorizon / input.oneTimeCost) : null,
    netOverHorizon,
    horizonMonths,
  };
}

function cmpNullable(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
