import type { CoreClient, RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { Catalog } from './catalog';
import { checkInput } from './internal/check-input';
import { wireSchema } from './internal/wire-schema';
import type { ProviderRegistry } from './provider-registry';
import { CatalogWireSchema, OfferingWireSchema, offeringFromWire, type Offering } from './schemas/catalog-schema';

export interface PriceQuery {
  provider?: string;
  region?: string;
  instanceType?: string;
}

const PriceQuerySchema = z.object({
  provider: z.optional(z.string().check(z.minLength(1))),
  region: z.optional(z.string().check(z.minLength(1))),
  instanceType: z.optional(z.string().check(z.minLength(1))),
});

/** The server's instance catalog and prices, with registered provider plugins merged in. */
export class CatalogResource {
  constructor(
    private readonly core: CoreClient,
    private readonly registry: ProviderRegistry,
  ) {}

  /** The whole catalog as a typed model (server snapshot + rate cards + plugins). */
  async get(options?: RequestOptions): Promise<Catalog> {
    const wire = await this.core.request({ method: 'GET', path: '/federation/catalog', schema: wireSchema(CatalogWireSchema) }, options);
    return this.registry.extend(Catalog.fromWire(wire));
  }

  /** Offerings the server prices, filtered (plugins' offerings are in `get()`). */
  async prices(query: PriceQuery = {}, options?: RequestOptions): Promise<Offering[]> {
    const q = checkInput(PriceQuerySchema, query, 'price query');
    if (q.provider !== undefined) this.registry.assertKnown(q.provider);
    const wire = await this.core.request(
      { method: 'GET', path: '/federation/prices', query: { provider: q.provider, region: q.region, instance_type: q.instanceType }, schema: wireSchema(z.array(OfferingWireSchema)) },
      options,
    );
    return wire.map(offeringFromWire);
  }
}
