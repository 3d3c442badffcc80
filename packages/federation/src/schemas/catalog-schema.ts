import * as z from 'zod/mini';

const PriceWireSchema = z.object({
  hourly: z.nullable(z.number()),
  unknown_reason: z.optional(z.nullable(z.string())),
  free_confirmed: z.optional(z.boolean()),
});

export const OfferingWireSchema = z.looseObject({
  provider: z.string(),
  region: z.string(),
  instance_type: z.string(),
  family: z.optional(z.string()),
  vcpu: z.number(),
  memory_gib: z.number(),
  gpu_count: z.optional(z.number()),
  gpu_model: z.optional(z.nullable(z.string())),
  arch: z.optional(z.string()),
  currency: z.string(),
  pricing: z.optional(z.string()),
  prices: z.object({
    on_demand: PriceWireSchema,
    spot: z.optional(PriceWireSchema),
    reserved_1y: z.optional(PriceWireSchema),
    reserved_3y: z.optional(PriceWireSchema),
  }),
  effective_date: z.string(),
  source: z.string(),
  sku: z.optional(z.nullable(z.string())),
});
export type OfferingWire = z.infer<typeof OfferingWireSchema>;

export const EgressWireSchema = z.looseObject({
  provider: z.string(),
  region: z.string(),
  currency: z.string(),
  per_gb: z.nullable(z.number()),
  unknown_reason: z.optional(z.nullable(z.string())),
  free_confirmed: z.optional(z.boolean()),
  free_gb_per_month: z.optional(z.number()),
  effective_date: z.string(),
  source: z.string(),
  note: z.optional(z.string()),
});
export type EgressWire = z.infer<typeof EgressWireSchema>;

export const CatalogWireSchema = z.looseObject({
  snapshot_id: z.optional(z.string()),
  effective_date: z.string(),
  hours_per_month: z.optional(z.number()),
  offerings: z.array(OfferingWireSchema),
  egress: z.array(EgressWireSchema),
});
export type CatalogWire = z.infer<typeof CatalogWireSchema>;

export const PRICE_KINDS = ['onDemand', 'spot', 'reserved1y', 'reserved3y'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

/**
 * A price or the reason there is none. An unknown price is never 0: `hourly` is null and `reason`
 * says why. A 0 is only a price when the seller confirmed the thing is free (`free: true`).
 */
export type Price = { hourly: number; free: boolean; reason: null } | { hourly: null; free: false; reason: string };

export interface Offering {
  provider: string;
  region: string;
  instanceType: string;
  family: string;
  vcpu: number;
  memoryGib: number;
  gpuCount: number;
  gpuModel: string | null;
  arch: string;
  currency: string;
  /** `public_list` (a cloud's published price) or `rate_card` (an operator's). */
  pricing: string;
  prices: Record<PriceKind, Price>;
  effectiveDate: string;
  source: string;
  sku: string | null;
}

export interface EgressPrice {
  provider: string;
  region: string;
  currency: string;
  /** Per decimal GB, as clouds bill transfer. */
  perGb: Price;
  freeGbPerMonth: number;
  effectiveDate: string;
  source: string;
  note: string;
}

export const UNCONFIRMED_ZERO = 'a price of 0 without confirmation that it is free is treated as unknown';

export function priceFromWire(w: z.infer<typeof PriceWireSchema> | undefined, missing: string): Price {
  if (w === undefined) return { hourly: null, free: false, reason: missing };
  if (w.hourly === null) return { hourly: null, free: false, reason: w.unknown_reason ?? missing };
  if (w.hourly === 0 && w.free_confirmed !== true) return { hourly: null, free: false, reason: UNCONFIRMED_ZERO };
  return { hourly: w.hourly, free: w.hourly === 0, reason: null };
}

export function offeringFromWire(w: OfferingWire): Offering {
  const missing = 'not offered in the catalog';
  return {
    provider: w.provider,
    region: w.region,
    instanceType: w.instance_type,
    family: w.family ?? w.instance_type.split(/[.-]/)[0] ?? w.instance_type,
    vcpu: w.vcpu,
    memoryGib: w.memory_gib,
    gpuCount: w.gpu_count ?? 0,
    gpuModel: w.gpu_model ?? null,
    arch: w.arch ?? 'x86_64',
    currency: w.currency,
    pricing: w.pricing ?? 'public_list',
    prices: {
      onDemand: priceFromWire(w.prices.on_demand, missing),
      spot: priceFromWire(w.prices.spot, missing),
      reserved1y: priceFromWire(w.prices.reserved_1y, missing),
      reserved3y: priceFromWire(w.prices.reserved_3y, missing),
    },
    effectiveDate: w.effective_date,
    source: w.source,
    sku: w.sku ?? null,
  };
}

export function egressFromWire(w: EgressWire): EgressPrice {
  return {
    provider: w.provider,
    region: w.region,
    currency: w.currency,
    perGb: priceFromWire({ hourly: w.per_gb, unknown_reason: w.unknown_reason, free_confirmed: w.free_confirmed }, 'no egress price'),
    freeGbPerMonth: w.free_gb_per_month ?? 0,
    effectiveDate: w.effective_date,
    source: w.source,
    note: w.note ?? '',
  };
}
