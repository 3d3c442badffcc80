import type { CoreClient, RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import type { CatalogResource } from './catalog-resource';
import { computeRoi, type Catalog, type CostOptions, type MonthlyCostRow, type Roi } from './catalog';
import { checkInput } from './internal/check-input';
import { wireSchema } from './internal/wire-schema';
import type { ProviderRegistry } from './provider-registry';
import { CostComparisonWireSchema, costComparisonFromWire, type ServerCostComparison } from './schemas/cost-schema';
import type { FederatedVm } from './schemas/inventory-schema';
import { normalizeSpec, type VmSpec } from './vm-spec';

export interface ServerCostComparisonInput {
  sourceProvider: string;
  targetProvider: string;
  spec: VmSpec;
  sourceRegion?: string;
  targetRegion?: string;
  dataGb?: number;
}

const ServerInputSchema = z.object({
  sourceProvider: z.string().check(z.minLength(1)),
  targetProvider: z.string().check(z.minLength(1)),
  spec: z.any(),
  sourceRegion: z.optional(z.string().check(z.minLength(1))),
  targetRegion: z.optional(z.string().check(z.minLength(1))),
  dataGb: z.optional(z.number().check(z.minimum(0))),
});

export interface MoveCost {
  vmId: string;
  current: MonthlyCostRow | undefined;
  target: MonthlyCostRow | undefined;
  roi: Roi | null;
  /** Why the ROI is unknown. */
  reason: string | null;
}

/** Cost comparisons: locally over the whole catalog, or the server's `POST /federation/cost-comparison`. */
export class CostsResource {
  constructor(
    private readonly core: CoreClient,
    private readonly catalog: CatalogResource,
    private readonly registry: ProviderRegistry,
  ) {}

  /** Monthly cost of a spec on every provider and region (fetches the catalog, or uses the one given). */
  async compare(spec: VmSpec, options: CostOptions & { catalog?: Catalog } = {}, request?: RequestOptions): Promise<MonthlyCostRow[]> {
    normalizeSpec(spec);
    for (const p of options.providers ?? []) this.registry.assertKnown(p);
    if (options.from) this.registry.assertKnown(options.from.provider, 'from.provider');
    const catalog = options.catalog ?? (await this.catalog.get(request));
    return catalog.monthlyCosts(spec, options);
  }

  /** What moving one VM to `to` costs and saves, egress included. */
  async moveCost(vm: FederatedVm, to: { provider: string; region: string }, options: { catalog?: Catalog; horizonMonths?: number } = {}, request?: RequestOptions): Promise<MoveCost> {
    this.registry.assertKnown(to.provider);
    const catalog = options.catalog ?? (await this.catalog.get(request));
    const rows = catalog.monthlyCosts({ vcpu: vm.vcpu, memoryGib: vm.memoryGib, diskGb: vm.diskGb }, { from: { provider: vm.provider, region: vm.region } });
    const current = rows.find((r) => r.provider === vm.provider && r.region === vm.region);
    const target = rows.find((r) => r.provider === to.provider && r.region === to.region);
    const missing = current?.monthly == null ? (current?.reason ?? `no price for ${vm.provider}/${vm.region}`) : target?.monthly == null ? (target?.reason ?? `no price for ${to.provider}/${to.region}`) : target.egressCost === null ? (target.reason ?? 'egress price unknown') : null;
    const roi =
      missing === null ? computeRoi({ currentMonthly: current!.monthly!, targetMonthly: target!.monthly!, oneTimeCost: target!.egressCost!, horizonMonths: options.horizonMonths }) : null;
    return { vmId: vm.vmId, current, target, roi, reason: missing };
  }

  /** The server's comparison, as the old SDK's getCrossCloudCosts asked for it. */
  async compareOnServer(input: ServerCostComparisonInput, options?: RequestOptions): Promise<ServerCostComparison> {
    const valid = checkInput(ServerInputSchema, input, 'cost comparison');
    this.registry.assertKnown(valid.sourceProvider, 'sourceProvider');
    this.registry.assertKnown(valid.targetProvider, 'targetProvider');
    const spec = normalizeSpec(input.spec);
    const body = {
      source_provider: valid.sourceProvider,
      target_provider: valid.targetProvider,
      vm_specs: { vcpu: spec.vcpu, memory_gib: spec.memoryGib, gpu_count: spec.gpuCount, arch: spec.arch, disk_size_gb: spec.diskGb },
      ...(valid.sourceRegion === undefined ? {} : { source_region: valid.sourceRegion }),
      ...(valid.targetRegion === undefined ? {} : { target_region: valid.targetRegion }),
      ...(valid.dataGb === undefined ? {} : { data_gb: valid.dataGb }),
    };
    // A read, though it is a POST: safe to retry, so it gets an idempotency key like any POST.
    return costComparisonFromWire(await this.core.request({ method: 'POST', path: '/federation/cost-comparison', body, schema: wireSchema(CostComparisonWireSchema) }, options));
  }
}
