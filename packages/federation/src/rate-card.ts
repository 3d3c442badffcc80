import { ValidationError } from '@novacron/core';
import * as z from 'zod/mini';
import { checkInput } from './internal/check-input';
import type { EgressPrice, Offering } from './schemas/catalog-schema';
import { HOURS_PER_MONTH } from './catalog';

/** Units a rate card may price in; everything is normalised to per hour, per GiB, per decimal GB of egress. */
export const RATE_UNITS = {
  vcpu: ['vcpu-hour', 'vcpu-month'],
  memory: ['gib-hour', 'gib-month', 'gb-hour', 'gb-month', 'mib-hour'],
  gpu: ['gpu-hour', 'gpu-month'],
  egress: ['gb', 'gib', 'tb'],
} as const;

const GIB_PER_GB = 1e9 / 2 ** 30;

const rate = <R extends keyof typeof RATE_UNITS>(resource: R) =>
  z.object({
    resource: z.literal(resource),
    price: z.number().check(z.minimum(0, 'price must be 0 or more')),
    unit: z.enum(RATE_UNITS[resource], { error: `unit must be one of ${RATE_UNITS[resource].join(', ')}` }),
    /** A 0 price counts only when the operator confirms it is free. */
    free: z.optional(z.boolean()),
  });

const RateSchema = z.discriminatedUnion('resource', [rate('vcpu'), rate('memory'), rate('gpu'), rate('egress')]);

export const RateCardSchema = z.object({
  provider: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, 'provider must be a lowercase id')),
  regions: z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'a rate card needs at least one region')),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code')),
  /** Multiply by this to get USD; required unless the card is in USD. */
  usdPerUnit: z.optional(z.number().check(z.positive())),
  effectiveDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'effectiveDate must be YYYY-MM-DD')),
  source: z.string().check(z.minLength(1, 'source must say where the rates come from')),
  rates: z.array(RateSchema).check(z.minLength(1)),
  flavors: z
    .array(
      z.object({
        name: z.string().check(z.minLength(1)),
        vcpu: z.number().check(z.positive()),
        memoryGib: z.number().check(z.positive()),
        gpuCount: z.optional(z.number().check(z.int(), z.minimum(0))),
        gpuModel: z.optional(z.string()),
        arch: z.optional(z.enum(['x86_64', 'arm64'])),
      }),
    )
    .check(z.minLength(1, 'a rate card needs at least one flavor')),
});

export type RateCardInput = z.input<typeof RateCardSchema>;

/** A rate card's rates in USD per hour / per GiB-hour / per GB of egress; null where the card has no such rate. */
export interface NormalizedRateCard {
  provider: string;
  regions: string[];
  perVcpuHour: number;
  perGibHour: number;
  perGpuHour: number | null;
  egressPerGb: number | null;
  egressFree: boolean;
  effectiveDate: string;
  source: string;
  offerings: Offering[];
  egress: EgressPrice[];
}

/**
 * Validates an operator's rate card (OpenStack, VMware, or any private cloud) and normalises it:
 * monthly rates over 730 hours, MiB and decimal GB to GiB, GiB and TB of egress to GB, the currency
 * to USD. A card missing a unit, a vCPU or memory rate, or a USD conversion is a ValidationError.
 */
export function normalizeRateCard(input: RateCardInput): NormalizedRateCard {
  const card = checkInput(RateCardSchema, input, `rate card${typeof (input as { provider?: unknown })?.provider === 'string' ? ` of ${(input as { provider: string }).provider}` : ''}`);
  if (card.currency !== 'USD' && card.usdPerUnit === undefined) {
    throw checkError(['usdPerUnit'], `a ${card.currency} rate card needs usdPerUnit to be compared with USD prices`);
  }
  const fx = card.currency === 'USD' ? 1 : card.usdPerUnit!;
  const find = (resource: string) => card.rates.filter((r) => r.resource === resource);
  const one = (resource: 'vcpu' | 'memory') => {
    const found = find(resource);
    if (found.length !== 1) throw checkError(['rates'], `the card needs exactly one ${resource} rate (has ${found.length})`);
    return found[0]!;
  };
  const vcpu = one('vcpu');
  const memory = one('memory');
  const gpu = find('gpu')[0];
  const egress = find('egress')[0];
  for (const r of card.rates) if (r.price === 0 && r.free !== true) throw checkError(['rates', r.resource], `a ${r.resource} price of 0 needs free: true (otherwise leave the rate out)`);

  const perVcpuHour = (vcpu.unit === 'vcpu-month' ? vcpu.price / HOURS_PER_MONTH : vcpu.price) * fx;
  const memoryPerHour = memory.unit.endsWith('-month') ? memory.price / HOURS_PER_MONTH : memory.price;
  const perGibHour = (memory.unit.startsWith('mib') ? memoryPerHour * 1024 : memory.unit.startsWith('gb') ? memoryPerHour / GIB_PER_GB : memoryPerHour) * fx;
  const perGpuHour = gpu === undefined ? null : (gpu.unit === 'gpu-month' ? gpu.price / HOURS_PER_MONTH : gpu.price) * fx;
  const egressPerGb = egress === undefined ? null : (egress.unit === 'gib' ? egress.price * GIB_PER_GB : egress.unit === 'tb' ? egress.price / 1000 : egress.price) * fx;
  const converted = card.currency === 'USD' ? card.source : `${card.source} (converted from ${card.currency} at ${fx} USD each)`;

  const offerings: Offering[] = [];
  const egressPrices: EgressPrice[] = [];
  for (const region of card.regions) {
    for (const flavor of card.flavors) {
      const gpus = flavor.gpuCount ?? 0;
      const gpuPart = gpus === 0 ? 0 : perGpuHour === null ? null : gpus * perGpuHour;
      const hourly = gpuPart === null ? null : round6(flavor.vcpu * perVcpuHour + flavor.memoryGib * perGibHour + gpuPart);
      const unknownTerm = { hourly: null, free: false, reason: `the ${card.provider} rate card has no such price` } as const;
      offerings.push({
        provider: card.provider,
        region,
        instanceType: flavor.name,
        family: flavor.name.split(/[.-]/)[0] ?? flavor.name,
        vcpu: flavor.vcpu,
        memoryGib: flavor.memoryGib,
        gpuCount: gpus,
        gpuModel: flavor.gpuModel ?? null,
        arch: flavor.arch ?? 'x86_64',
        currency: 'USD',
        pricing: 'rate_card',
        prices: {
          onDemand: hourly === null ? { hourly: null, free: false, reason: `the ${card.provider} rate card has no GPU rate` } : { hourly, free: hourly === 0, reason: null },
          spot: unknownTerm,
          reserved1y: unknownTerm,
          reserved3y: unknownTerm,
        },
        effectiveDate: card.effectiveDate,
        source: converted,
        sku: null,
      });
    }
    egressPrices.push({
      provider: card.provider,
      region,
      currency: 'USD',
      perGb:
        egressPerGb === null
          ? { hourly: null, free: false, reason: `the ${card.provider} rate card has no egress rate` }
          : { hourly: round6(egressPerGb), free: egressPerGb === 0, reason: null },
      freeGbPerMonth: 0,
      effectiveDate: card.effectiveDate,
      source: converted,
      note: 'operator rate card',
    });
  }
  return {
    provider: card.provider,
    regions: card.regions,
    perVcpuHour: round6(perVcpuHour),
    perGibHour: round6(perGibHour),
    perGpuHour: perGpuHour === null ? null : round6(perGpuHour),
    egressPerGb: egressPerGb === null ? null : round6(egressPerGb),
    egressFree: egressPerGb === 0,
    effectiveDate: card.effectiveDate,
    source: converted,
    offerings,
    egress: egressPrices,
  };
}

function checkError(path: string[], message: string): ValidationError {
  return new ValidationError(`Invalid rate card: ${path.join('.')}: ${message}`, [{ path, message }], { code: 'invalid_input' });
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
