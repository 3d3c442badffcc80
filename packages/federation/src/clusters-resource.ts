import { requireId, type CoreClient, type PagePromise, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { complianceViolations, type ComplianceRule } from './compliance';
import { checkInput } from './internal/check-input';
import { wireSchema } from './internal/wire-schema';
import type { ProviderRegistry } from './provider-registry';
import {
  CLUSTER_TIERS,
  CapabilitiesWireSchema,
  ClusterWireSchema,
  ProviderWireSchema,
  RegionWireSchema,
  capabilitiesFromWire,
  clusterFromWire,
  providerFromWire,
  regionFromWire,
  type Cluster,
  type ClusterCapabilities,
  type ClusterTier,
  type ProviderInfo,
  type RegionInfo,
} from './schemas/cluster-schema';

export interface ListClustersParams {
  provider?: string;
  region?: string;
  tier?: ClusterTier;
  pageSize?: number;
}

/** What a workload needs from a cluster. */
export interface ClusterRequirements {
  vcpu: number;
  memoryGib: number;
  /** How many such VMs must fit. Default 1. */
  count?: number;
  gpuCount?: number;
  arch?: 'x86_64' | 'arm64';
  liveMigration?: boolean;
  /** Lowest acceptable tier. */
  minTier?: ClusterTier;
  /** The VM's tags (data_residency, certifications) and extra rules. */
  tags?: Record<string, string>;
  rules?: ComplianceRule[];
}

export interface ClusterAssessment {
  cluster: Cluster;
  capabilities: ClusterCapabilities;
  eligible: boolean;
  /** Why it is not eligible (empty when it is). */
  reasons: string[];
  /** How many of the VMs fit in its free capacity. */
  fits: number;
}

const ListParamsSchema = z.object({
  provider: z.optional(z.string().check(z.minLength(1))),
  region: z.optional(z.string().check(z.minLength(1))),
  tier: z.optional(z.enum(CLUSTER_TIERS)),
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
});

const RequirementsSchema = z.object({
  vcpu: z.number().check(z.positive('vcpu must be positive')),
  memoryGib: z.number().check(z.positive('memoryGib must be positive')),
  count: z.optional(z.number().check(z.int(), z.minimum(1))),
  gpuCount: z.optional(z.number().check(z.int(), z.minimum(0))),
  arch: z.optional(z.enum(['x86_64', 'arm64'])),
  liveMigration: z.optional(z.boolean()),
  minTier: z.optional(z.enum(CLUSTER_TIERS)),
  tags: z.optional(z.record(z.string(), z.string())),
  rules: z.optional(z.array(z.any())),
});

const ClusterSchema = wireSchema(ClusterWireSchema);
const ClusterListSchema = wireSchema(z.array(ClusterWireSchema));

/** Cluster discovery across clouds, providers and regions, and capability assessment. */
export class ClustersResource {
  constructor(
    private readonly core: CoreClient,
    private readonly registry: ProviderRegistry,
  ) {}

  list(params: ListClustersParams = {}, options?: RequestOptions): PagePromise<Cluster> {
    return this.core.list(
      () => {
        const p = checkInput(ListParamsSchema, params, 'list parameters');
        if (p.provider !== undefined) this.registry.assertKnown(p.provider);
        return { method: 'GET', path: '/federation/clusters', query: { provider: p.provider, region: p.region, tier: p.tier }, pageSize: p.pageSize, schema: ClusterListSchema };
      },
      clusterFromWire,
      options,
    );
  }

  /** Every cluster, all pages. */
  async all(params: Omit<ListClustersParams, 'pageSize'> = {}, options?: RequestOptions): Promise<Cluster[]> {
    const out: Cluster[] = [];
    for await (const cluster of this.list({ ...params, pageSize: 500 }, options)) out.push(cluster);
    return out;
  }

  async get(id: string, options?: RequestOptions): Promise<Cluster> {
    return clusterFromWire(await this.core.request({ method: 'GET', path: '/federation/clusters/{id}', params: { id: requireId(id, 'cluster id') }, schema: ClusterSchema }, options));
  }

  async capabilities(id: string, options?: RequestOptions): Promise<ClusterCapabilities> {
    const wire = await this.core.request(
      { method: 'GET', path: '/federation/clusters/{id}/capabilities', params: { id: requireId(id, 'cluster id') }, schema: wireSchema(CapabilitiesWireSchema) },
      options,
    );
    return capabilitiesFromWire(wire);
  }

  async providers(options?: RequestOptions): Promise<ProviderInfo[]> {
    const wire = await this.core.request({ method: 'GET', path: '/federation/providers', schema: wireSchema(z.array(ProviderWireSchema)) }, options);
    return wire.map(providerFromWire);
  }

  async regions(provider?: string, options?: RequestOptions): Promise<RegionInfo[]> {
    if (provider !== undefined) this.registry.assertKnown(provider);
    const wire = await this.core.request(
      provider === undefined
        ? { method: 'GET', path: '/federation/regions', schema: wireSchema(z.array(RegionWireSchema)) }
        : { method: 'GET', path: '/federation/providers/{provider}/regions', params: { provider }, schema: wireSchema(z.array(RegionWireSchema)) },
      options,
    );
    return wire.map(regionFromWire);
  }

  /**
   * Which clusters can take a workload: health, tier, architecture, GPUs, live migration,
   * largest VM, free capacity for `count` VMs, and compliance. Eligible clusters come first,
   * the best tier and most room leading.
   */
  async assess(requirements: ClusterRequirements, options?: RequestOptions): Promise<ClusterAssessment[]> {
    const need = checkInput(RequirementsSchema, requirements, 'cluster requirements');
    const clusters = await this.all({}, options);
    const capabilities = await Promise.all(clusters.map((c) => this.capabilities(c.id, options)));
    const count = need.count ?? 1;
    const out = clusters.map((cluster, i): ClusterAssessment => {
      const caps = capabilities[i]!;
      const reasons: string[] = [];
      if (cluster.health === 'unavailable') reasons.push(`cluster ${cluster.id} is unavailable`);
      if (need.minTier && CLUSTER_TIERS.indexOf(cluster.tier) > CLUSTER_TIERS.indexOf(need.minTier)) reasons.push(`tier ${cluster.tier} is below ${need.minTier}`);
      const arch = need.arch ?? 'x86_64';
      if (!caps.architectures.includes(arch)) reasons.push(`no ${arch} hosts`);
      if ((need.gpuCount ?? 0) > 0 && caps.free.gpu < (need.gpuCount ?? 0) * count) reasons.push(`${caps.free.gpu} GPUs free, ${(need.gpuCount ?? 0) * count} needed`);
      if (need.liveMigration && !caps.liveMigration) reasons.push('no live migration');
      if (need.vcpu > caps.maxVmVcpu || need.memoryGib > caps.maxVmMemoryGib) reasons.push(`largest VM is ${caps.maxVmVcpu} vCPU / ${caps.maxVmMemoryGib} GiB`);
      const fits = Math.max(0, Math.min(Math.floor(caps.free.vcpu / need.vcpu), Math.floor(caps.free.memoryGib / need.memoryGib)));
      if (fits < count) reasons.push(`room for ${fits} of ${count} VMs (${caps.free.vcpu} vCPU, ${caps.free.memoryGib} GiB free)`);
      const rules = [...this.registry.rules(), ...((need.rules ?? []) as ComplianceRule[])];
      for (const v of complianceViolations({ vmId: '(workload)', tags: need.tags }, cluster, rules)) reasons.push(`compliance ${v.rule}: ${v.reason}`);
      return { cluster, capabilities: caps, eligible: reasons.length === 0, reasons, fits };
    });
    return out.sort(
      (a, b) =>
        Number(b.eligible) - Number(a.eligible) ||
        CLUSTER_TIERS.indexOf(a.cluster.tier) - CLUSTER_TIERS.indexOf(b.cluster.tier) ||
        b.fits - a.fits ||
        a.cluster.id.localeCompare(b.cluster.id),
    );
  }
}
