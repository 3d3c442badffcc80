import {
  EXAMPLE_RATE_CARDS,
  PUBLIC_EGRESS,
  PUBLIC_INSTANCE_TYPES,
  PUBLIC_PRICES,
  SNAPSHOT_EFFECTIVE_DATE,
  SNAPSHOT_ID,
  type SnapshotPriceColumn,
} from './federation-catalog-data';
import type { EgressWire, OfferingWire, PriceWire, VmSpecWire } from './federation-wire';

export const HOURS_PER_MONTH = 730;

/** The nearest-match rule, as the SDK documents it; the simulator's cost comparison applies the same one. */
export const NEAREST_MATCH_RULE =
  'fits (vCPU, memory and GPUs at least the spec, same architecture, no GPU unless asked) with a known on-demand price; ' +
  'least relative over-provisioning (extra vCPU/spec vCPU + extra GiB/spec GiB); then lowest hourly price; then name';

export interface CatalogDocument {
  snapshot_id: string;
  effective_date: string;
  hours_per_month: number;
  offerings: OfferingWire[];
  egress: EgressWire[];
}

const unknown = (reason: string): PriceWire => ({ hourly: null, unknown_reason: reason });
const known = (hourly: number): PriceWire => ({ hourly, unknown_reason: null });
const fromColumn = (column: SnapshotPriceColumn, type: string): PriceWire => {
  const hourly = column.hourly[type];
  return hourly === undefined ? unknown(column.missing) : known(hourly);
};

export function buildCatalog(): CatalogDocument {
  const offerings: OfferingWire[] = [];
  for (const region of PUBLIC_PRICES) {
    for (const type of PUBLIC_INSTANCE_TYPES[region.provider]) {
      offerings.push({
        provider: region.provider,
        region: region.region,
        instance_type: type.name,
        family: type.family,
        vcpu: type.vcpu,
        memory_gib: type.memory_gib,
        gpu_count: type.gpu_count,
        gpu_model: type.gpu_model,
        arch: type.arch,
        currency: 'USD',
        pricing: 'public_list',
        prices: {
          on_demand: fromColumn(region.on_demand, type.name),
          spot: fromColumn(region.spot, type.name),
          reserved_1y: fromColumn(region.reserved_1y, type.name),
          reserved_3y: fromColumn(region.reserved_3y, type.name),
        },
        effective_date: region.effective_date,
        source: region.source,
        sku: null,
      });
    }
  }
  const egress: EgressWire[] = PUBLIC_EGRESS.map((e) => ({ ...e, currency: 'USD' }));
  for (const card of EXAMPLE_RATE_CARDS) {
    for (const region of card.regions) {
      for (const flavor of card.flavors) {
        const gpuPart = flavor.gpu_count === 0 ? 0 : card.gpu_hour === null ? null : flavor.gpu_count * card.gpu_hour;
        const hourly = gpuPart === null ? null : round6(flavor.vcpu * card.vcpu_hour + flavor.memory_gib * card.gib_hour + gpuPart);
        const noTerm = `the ${card.provider} rate card has no reserved-term prices`;
        offerings.push({
          provider: card.provider,
          region,
          instance_type: flavor.name,
          family: flavor.name.split('.')[0] ?? flavor.name,
          vcpu: flavor.vcpu,
          memory_gib: flavor.memory_gib,
          gpu_count: flavor.gpu_count,
          gpu_model: flavor.gpu_model,
          arch: flavor.arch,
          currency: card.currency,
          pricing: 'rate_card',
          prices: {
            on_demand: hourly === null ? unknown('the rate card has no GPU rate') : known(hourly),
            spot: unknown(`the ${card.provider} rate card offers no spot capacity`),
            reserved_1y: unknown(noTerm),
            reserved_3y: unknown(noTerm),
          },
          effective_date: card.effective_date,
          source: card.source,
          sku: null,
        });
      }
      egress.push({
        provider: card.provider,
        region,
        currency: card.currency,
        per_gb: card.egress_per_gb,
        unknown_reason: null,
        ...(card.egress_per_gb === 0 ? { free_confirmed: card.egress_free_confirmed } : {}),
        free_gb_per_month: 0,
        effective_date: card.effective_date,
        source: card.source,
        note: card.egress_per_gb === 0 ? 'the operator includes egress in the rate card' : 'operator rate card',
      });
    }
  }
  return { snapshot_id: SNAPSHOT_ID, effective_date: SNAPSHOT_EFFECTIVE_DATE, hours_per_month: HOURS_PER_MONTH, offerings, egress };
}

export interface NormalisedSpec {
  vcpu: number;
  memoryGib: number;
  gpuCount: number;
  arch: string;
  diskGb: number;
}

export function normaliseSpec(spec: VmSpecWire): NormalisedSpec {
  return {
    vcpu: spec.vcpu ?? spec.cpu_shares ?? 1,
    memoryGib: spec.memory_gib ?? (spec.memory_mb ?? 1024) / 1024,
    gpuCount: spec.gpu_count ?? 0,
    arch: spec.arch ?? 'x86_64',
    diskGb: spec.disk_size_gb ?? 0,
  };
}

export interface Quote {
  provider: string;
  region: string | null;
  instance_type: string | null;
  hourly: number | null;
  monthly: number | null;
  reason: string | null;
}

/** The nearest offering for a spec in one provider and region, or why there is none. */
export function nearestOffering(spec: NormalisedSpec, offerings: readonly OfferingWire[], provider: string, region: string): Quote {
  const here = offerings.filter((o) => o.provider === provider && o.region === region);
  if (here.length === 0) return { provider, region, instance_type: null, hourly: null, monthly: null, reason: `no catalog entries for ${provider}/${region}` };
  const fitting = here.filter(
    (o) =>
      o.arch === spec.arch &&
      o.vcpu >= spec.vcpu &&
      o.memory_gib >= spec.memoryGib &&
      (spec.gpuCount === 0 ? o.gpu_count === 0 : o.gpu_count >= spec.gpuCount),
  );
  const priced = fitting.filter((o) => o.prices.on_demand.hourly !== null);
  if (priced.length === 0) {
    const reason =
      fitting.length > 0
        ? `${fitting[0]!.instance_type} fits but its price is unknown: ${fitting[0]!.prices.on_demand.unknown_reason}`
        : `no instance type in ${provider}/${region} fits ${spec.vcpu} vCPU, ${spec.memoryGib} GiB${spec.gpuCount ? `, ${spec.gpuCount} GPU` : ''} (${spec.arch})`;
    return { provider, region, instance_type: null, hourly: null, monthly: null, reason };
  }
  const excess = (o: OfferingWire) => (o.vcpu - spec.vcpu) / spec.vcpu + (o.memory_gib - spec.memoryGib) / spec.memoryGib;
  priced.sort((a, b) => excess(a) - excess(b) || a.prices.on_demand.hourly! - b.prices.on_demand.hourly! || a.instance_type.localeCompare(b.instance_type));
  const best = priced[0]!;
  const hourly = best.prices.on_demand.hourly!;
  return { provider, region, instance_type: best.instance_type, hourly, monthly: round2(hourly * HOURS_PER_MONTH), reason: null };
}

/** The provider's cheapest region for the spec when no region is given. */
export function bestQuote(spec: NormalisedSpec, catalog: CatalogDocument, provider: string, region: string | undefined): Quote {
  if (region !== undefined) return nearestOffering(spec, catalog.offerings, provider, region);
  const regions = [...new Set(catalog.offerings.filter((o) => o.provider === provider).map((o) => o.region))];
  if (regions.length === 0) return { provider, region: null, instance_type: null, hourly: null, monthly: null, reason: `unknown provider ${provider}` };
  const quotes = regions.map((r) => nearestOffering(spec, catalog.offerings, provider, r));
  const priced = quotes.filter((q) => q.monthly !== null).sort((a, b) => a.monthly! - b.monthly! || a.region!.localeCompare(b.region!));
  return priced[0] ?? { ...quotes[0]!, region: null, reason: `no region of ${provider} has a priced match: ${quotes.map((q) => q.reason).join('; ')}` };
}

export function egressFor(catalog: CatalogDocument, provider: string, region: string | null): EgressWire | undefined {
  return catalog.egress.find((e) => e.provider === provider && e.region === region);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
