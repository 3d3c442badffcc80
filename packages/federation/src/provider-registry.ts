import { ValidationError } from '@novacron/core';
import * as z from 'zod/mini';
import { Catalog } from './catalog';
import type { ComplianceRule } from './compliance';
import { validateRules } from './compliance';
import { checkInput } from './internal/check-input';
import { normalizeRateCard, type RateCardInput } from './rate-card';
import type { EgressPrice, Offering } from './schemas/catalog-schema';

export interface ProviderRegion {
  id: string;
  country: string;
  dataResidency: string;
  certifications?: string[];
}

/**
 * A cloud provider as a plugin: its regions with their compliance labels, its catalog (public
 * offerings and egress, or an operator rate card) and its own compliance rules. Registering one
 * needs no change to this package.
 */
export interface ProviderPlugin {
  id: string;
  name: string;
  kind: 'public_cloud' | 'private_cloud';
  regions: ProviderRegion[];
  offerings?: Offering[];
  egress?: EgressPrice[];
  rateCard?: RateCardInput;
  rules?: ComplianceRule[];
}

const PluginSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, 'id must be a lowercase provider id')),
  name: z.string().check(z.minLength(1)),
  kind: z.enum(['public_cloud', 'private_cloud']),
  regions: z
    .array(z.object({ id: z.string().check(z.minLength(1)), country: z.string(), dataResidency: z.string(), certifications: z.optional(z.array(z.string())) }))
    .check(z.minLength(1, 'a provider needs at least one region')),
});

/** The five providers NovaCron knows; their catalog comes from the server (public price snapshot and rate cards). */
export const BUILT_IN_PROVIDERS = ['aws', 'azure', 'gcp', 'openstack', 'vmware'] as const;

interface Registered {
  plugin: ProviderPlugin;
  catalog: Catalog | undefined;
  rules: ComplianceRule[];
}

/** Which providers exist; the place plugins are registered. */
export class ProviderRegistry {
  private readonly plugins = new Map<string, Registered>();

  register(plugin: ProviderPlugin): this {
    checkInput(PluginSchema, plugin, `provider plugin${typeof plugin?.id === 'string' ? ` ${plugin.id}` : ''}`);
    if ((BUILT_IN_PROVIDERS as readonly string[]).includes(plugin.id) || this.plugins.has(plugin.id)) {
      throw new ValidationError(`Provider ${plugin.id} is already registered.`, [{ path: ['id'], message: 'duplicate provider' }]);
    }
    const offerings: Offering[] = [...(plugin.offerings ?? [])];
    const egress: EgressPrice[] = [...(plugin.egress ?? [])];
    if (plugin.rateCard) {
      const card = normalizeRateCard(plugin.rateCard);
      if (card.provider !== plugin.id) throw new ValidationError(`The rate card of ${plugin.id} names provider ${card.provider}.`, [{ path: ['rateCard', 'provider'], message: 'mismatch' }]);
      offerings.push(...card.offerings);
      egress.push(...card.egress);
    }
    for (const o of offerings) {
      if (o.provider !== plugin.id) throw new ValidationError(`Offering ${o.instanceType} of ${plugin.id} names provider ${o.provider}.`, [{ path: ['offerings'], message: 'mismatch' }]);
      for (const price of Object.values(o.prices)) {
        if (price.hourly === 0 && !price.free) throw new ValidationError(`Offering ${o.instanceType} of ${plugin.id} has a 0 price not confirmed free.`, [{ path: ['offerings', o.instanceType], message: 'unconfirmed zero price' }]);
      }
    }
    const catalog = offerings.length > 0 || egress.length > 0 ? new Catalog(offerings, egress, { effectiveDate: offerings[0]?.effectiveDate ?? egress[0]!.effectiveDate }) : undefined;
    this.plugins.set(plugin.id, { plugin, catalog, rules: validateRules(plugin.rules ?? []) });
    return this;
  }

  has(id: string): boolean {
    return (BUILT_IN_PROVIDERS as readonly string[]).includes(id) || this.plugins.has(id);
  }

  /** Every known provider id: the built-ins, then plugins in registration order. */
  ids(): string[] {
    return [...BUILT_IN_PROVIDERS, ...this.plugins.keys()];
  }

  plugin(id: string): ProviderPlugin | undefined {
    return this.plugins.get(id)?.plugin;
  }

  /** A ValidationError for a provider nobody registered, before any request. */
  assertKnown(id: string, field = 'provider'): void {
    if (!this.has(id)) {
      throw new ValidationError(`Unknown provider ${JSON.stringify(id)}; known: ${this.ids().join(', ')}.`, [{ path: [field], message: 'unknown provider' }], {
        code: 'unknown_provider',
      });
    }
  }

  /** `base` (the server's catalog) with every plugin's offerings and egress added. */
  extend(base: Catalog): Catalog {
    let out = base;
    for (const { catalog } of this.plugins.values()) if (catalog) out = out.merge(catalog);
    return out;
  }

  /** Plugins' compliance rules, applied with the caller's. */
  rules(): ComplianceRule[] {
    return [...this.plugins.values()].flatMap((p) => p.rules);
  }
}
