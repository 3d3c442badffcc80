import type { CoreClient, PagePromise, RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { checkInput } from './internal/check-input';
import { wireSchema } from './internal/wire-schema';
import type { ProviderRegistry } from './provider-registry';
import { FederatedVmWireSchema, federatedVmFromWire, type FederatedVm } from './schemas/inventory-schema';

export interface InventoryParams {
  clusterId?: string;
  provider?: string;
  region?: string;
  pageSize?: number;
}

const ParamsSchema = z.object({
  clusterId: z.optional(z.string().check(z.minLength(1))),
  provider: z.optional(z.string().check(z.minLength(1))),
  region: z.optional(z.string().check(z.minLength(1))),
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
});

const ListSchema = wireSchema(z.array(FederatedVmWireSchema));

/** The federated inventory: every VM with the cluster, provider and region it runs in. */
export class InventoryResource {
  constructor(
    private readonly core: CoreClient,
    private readonly registry: ProviderRegistry,
  ) {}

  list(params: InventoryParams = {}, options?: RequestOptions): PagePromise<FederatedVm> {
    return this.core.list(
      () => {
        const p = checkInput(ParamsSchema, params, 'inventory parameters');
        if (p.provider !== undefined) this.registry.assertKnown(p.provider);
        return { method: 'GET', path: '/federation/vms', query: { cluster_id: p.clusterId, provider: p.provider, region: p.region }, pageSize: p.pageSize, schema: ListSchema };
      },
      federatedVmFromWire,
      options,
    );
  }

  async all(params: Omit<InventoryParams, 'pageSize'> = {}, options?: RequestOptions): Promise<FederatedVm[]> {
    const out: FederatedVm[] = [];
    for await (const vm of this.list({ ...params, pageSize: 500 }, options)) out.push(vm);
    return out;
  }

  /** VMs per cluster (null: VMs in no known cluster). */
  async byCluster(options?: RequestOptions): Promise<Map<string | null, FederatedVm[]>> {
    const out = new Map<string | null, FederatedVm[]>();
    for (const vm of await this.all({}, options)) {
      const list = out.get(vm.clusterId) ?? [];
      list.push(vm);
      out.set(vm.clusterId, list);
    }
    return out;
  }
}
