import { startTransfer, TRANSFER_TIMINGS } from './transfer-phases';
import type { VmState } from '@novacron/vm';
import type { EventEnvelope } from '../../events/event-log';
import { HttpError, invalidState, notFound } from '../http/http-error';
import { DEFAULT_CLUSTERS, type ClusterSeed } from './cluster-seed-data';
import { evaluateTier, type TierEvaluation } from './cluster-tiers';
import { bestQuote, buildCatalog, egressFor, NEAREST_MATCH_RULE, normaliseSpec, round2, HOURS_PER_MONTH, type CatalogDocument } from './federation-catalog';
import type {
  ClusterWire,
  CreateFederationMigrationBody,
  FederationMigrationState,
  FederationMigrationWire,
  VmSpecWire,
} from './federation-wire';
import type { ScheduledTask } from './scheduler';
import type { VmRecord, VmResource } from './vm-service';
import type { World } from './world';

export type ClusterHealth = 'healthy' | 'degraded' | 'unavailable';

/** Test and demo controls of the federated world (`simulator.controls.federation`). */
export interface FederationControls {
  /** The next federation migration (of `vmId`, when given) fails once its transfer reaches `atProgress` % (default 50). */
  failMigration(rule?: { vmId?: string; atProgress?: number; reason?: string }): void;
  /** Marks a cluster healthy, degraded or unavailable (`cluster.health_changed`); migrations into an unavailable one fail. */
  setClusterHealth(clusterId: string, health: ClusterHealth): void;
  /** Changes a cluster's compliance labels; VMs now placed against their rules raise `security.compliance_violation`. */
  setClusterCompliance(clusterId: string, labels: { dataResidency?: string; certifications?: string[] }): void;
  /** The cluster a VM is in now, or null. */
  clusterOf(vmId: string): string | null;
  /** Every federation migration, oldest first (deep copies). */
  migrations(): FederationMigrationWire[];
}

interface ClusterState {
  seed: ClusterSeed;
  health: ClusterHealth;
  dataResidency: string;
  certifications: string[];
  latencyMs: number;
  bandwidthMbps: number;
  evaluation: TierEvaluation;
  evaluatedAt: string;
  version: number;
  /** Capacity held by migrations on their way in. */
  reserved: Need;
}

interface Need {
  vcpu: number;
  memoryGib: number;
  diskGb: number;
}

interface MigrationRecord {
  migration: FederationMigrationWire;
  tenantId: string;
  vm: VmRecord;
  need: Need;
  vmStateBefore: VmState;
  pending: ScheduledTask | undefined;
  failAtProgress: number | undefined;
  failReason: string;
}

/** Base durations (ms) of each phase, before the time scale (the same as a VM migration's). */
export const FEDERATION_MIGRATION_TIMINGS = TRANSFER_TIMINGS;

const TIER_ORDER = ['platinum', 'gold', 'silver', 'bronze'];
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/**
 * Clusters across clouds, the VMs placed on them, the price catalog and cross-cloud migrations.
 * A VM belongs to the cluster that holds its fleet node until a federation migration moves it.
 */
export class FederationService {
  readonly catalog: CatalogDocument;
  readonly controls: FederationControls;
  private readonly clusters = new Map<string, ClusterState>();
  private readonly placements = new Map<string, string>();
  private readonly records = new Map<string, MigrationRecord>();
  private readonly failRules: Array<{ vmId: string | undefined; atProgress: number; reason: string }> = [];
  private readonly violations = new Set<string>();
  /** The cluster each user selected through /api/cluster/admissions/select. */
  private readonly selected = new Map<string, string>();

  constructor(
    private readonly world: World,
    seeds: readonly ClusterSeed[] = DEFAULT_CLUSTERS,
  ) {
    this.catalog = buildCatalog();
    const now = world.now();
    for (const seed of seeds) {
      this.clusters.set(seed.id, {
        seed,
        health: 'healthy',
        dataResidency: seed.dataResidency,
        certifications: [...seed.certifications],
        latencyMs: seed.interconnectLatencyMs,
        bandwidthMbps: seed.interconnectBandwidthMbps,
        evaluation: evaluateTier(seed.interconnectLatencyMs, seed.interconnectBandwidthMbps, seed.nodeCount),
        evaluatedAt: now,
        version: world.nextVersion(),
        reserved: { vcpu: 0, memoryGib: 0, diskGb: 0 },
      });
    }
    // Compliance drift: a VM whose tags change (or that is created) against its cluster's labels raises an event.
    world.events.subscribe((event) => this.onEvent(event));
    this.controls = {
      failMigration: (rule = {}) => {
        const atProgress = rule.atProgress ?? 50;
        if (!(atProgress >= 0 && atProgress < 100)) throw new RangeError('atProgress must be within 0..99');
        this.failRules.push({ vmId: rule.vmId, atProgress, reason: rule.reason ?? 'injected cross-cloud migration failure' });
      },
      setClusterHealth: (clusterId, health) => this.setHealth(this.cluster(clusterId), health),
      setClusterCompliance: (clusterId, labels) => {
        const cluster = this.cluster(clusterId);
        if (labels.dataResidency !== undefined) cluster.dataResidency = labels.dataResidency;
        if (labels.certifications !== undefined) cluster.certifications = [...labels.certifications];
        cluster.version = this.world.nextVersion();
        for (const record of this.world.vms.all()) if (this.clusterIdOf(record.vm) === clusterId) this.checkCompliance(record.vm);
      },
      clusterOf: (vmId) => {
        const record = this.world.vms.all().find((r) => r.vm.id === vmId);
        return record ? this.clusterIdOf(record.vm) : null;
      },
      migrations: () => structuredClone([...this.records.values()].map((r) => r.migration)),
    };
  }

  // ---- clusters -------------------------------------------------------------------------------

  listClusters(filter: { provider?: string | undefined; region?: string | undefined; tier?: string | undefined } = {}): ClusterWire[] {
    const out: ClusterWire[] = [];
    for (const cluster of this.clusters.values()) {
      if (filter.provider !== undefined && cluster.seed.provider !== filter.provider) continue;
      if (filter.region !== undefined && cluster.seed.region !== filter.region) continue;
      if (filter.tier !== undefined && cluster.evaluation.tier !== filter.tier) continue;
      out.push(this.clusterWire(cluster));
    }
    return out;
  }

  getCluster(id: string): ClusterWire {
    return this.clusterWire(this.cluster(id));
  }

  capabilities(id: string): Record<string, unknown> {
    const cluster = this.cluster(id);
    const { seed } = cluster;
    const wire = this.clusterWire(cluster);
    const types = this.catalog.offerings.filter((o) => o.provider === seed.provider && o.region === seed.region).map((o) => o.instance_type);
    return {
      cluster_id: seed.id,
      provider: seed.provider,
      region: seed.region,
      architectures: [...seed.architectures],
      gpu_models: seed.gpuModel ? [seed.gpuModel] : [],
      live_migration: seed.liveMigration,
      max_vm_vcpu: seed.nodeCpu,
      max_vm_memory_gib: seed.nodeMemoryGib,
      instance_types: types,
      free: {
        vcpu: wire.capacity.vcpu_total - wire.capacity.vcpu_used,
        memory_gib: round2(wire.capacity.memory_gib_total - wire.capacity.memory_gib_used),
        disk_gb: wire.capacity.disk_gb_total - wire.capacity.disk_gb_used,
        gpu: wire.capacity.gpu_total - wire.capacity.gpu_used,
      },
    };
  }

  providers(): Record<string, unknown>[] {
    const names: Record<string, string> = { aws: 'Amazon Web Services', azure: 'Microsoft Azure', gcp: 'Google Cloud', openstack: 'OpenStack', vmware: 'VMware vSphere' };
    const byProvider = new Map<string, Set<string>>();
    for (const cluster of this.clusters.values()) {
      let regions = byProvider.get(cluster.seed.provider);
      if (!regions) byProvider.set(cluster.seed.provider, (regions = new Set()));
      regions.add(cluster.seed.region);
    }
    return [...byProvider].map(([id, regions]) => {
      const privateCloud = id === 'openstack' || id === 'vmware';
      return {
        id,
        name: names[id] ?? id,
        kind: privateCloud ? 'private_cloud' : 'public_cloud',
        pricing: privateCloud ? 'rate_card' : 'public_list',
        currency: 'USD',
        regions: [...regions],
      };
    });
  }

  regions(provider: string | undefined): Record<string, unknown>[] {
    if (provider !== undefined && ![...this.clusters.values()].some((c) => c.seed.provider === provider)) throw notFound('provider');
    const out = new Map<string, Record<string, unknown> & { clusters: string[] }>();
    for (const { seed, dataResidency } of this.clusters.values()) {
      if (provider !== undefined && seed.provider !== provider) continue;
      const key = `${seed.provider}/${seed.region}`;
      const region = out.get(key) ?? { id: seed.region, provider: seed.provider, country: seed.country, data_residency: dataResidency, clusters: [] };
      region.clusters.push(seed.id);
      out.set(key, region);
    }
    return [...out.values()];
  }

  // ---- inventory --------------------------------------------------------------------------------

  inventory(tenantId: string, filter: { clusterId?: string | undefined; provider?: string | undefined; region?: string | undefined }): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const record of this.world.vms.all()) {
      const { vm } = record;
      if (vm.tenant_id !== tenantId) continue;
      const clusterId = this.clusterIdOf(vm);
      if (filter.clusterId !== undefined && clusterId !== filter.clusterId) continue;
      if (filter.provider !== undefined && vm.cloud_provider !== filter.provider) continue;
      if (filter.region !== undefined && vm.region !== filter.region) continue;
      out.push({
        vm_id: vm.id,
        name: vm.name,
        state: vm.state,
        cluster_id: clusterId,
        cloud_provider: vm.cloud_provider,
        region: vm.region,
        cpu_shares: vm.cpu_shares,
        memory_mb: vm.memory_mb,
        disk_size_gb: vm.disk_size_gb,
        tags: { ...vm.tags },
        migration_id: record.migrationId ?? null,
      });
    }
    return out;
  }

  // ---- cost -------------------------------------------------------------------------------------

  compareCosts(body: { source_provider: string; target_provider: string; vm_specs: VmSpecWire; source_region?: string | undefined; target_region?: string | undefined; data_gb?: number | undefined }): Record<string, unknown> {
    const known = new Set(this.catalog.offerings.map((o) => o.provider));
    for (const [field, provider] of [['source_provider', body.source_provider], ['target_provider', body.target_provider]] as const) {
      if (!known.has(provider)) throw new HttpError(400, 'validation_error', `${field}: unknown provider ${provider}`);
    }
    const spec = normaliseSpec(body.vm_specs);
    const source = bestQuote(spec, this.catalog, body.source_provider, body.source_region);
    const target = bestQuote(spec, this.catalog, body.target_provider, body.target_region);
    const dataGb = body.data_gb ?? spec.diskGb;
    const egress = egressFor(this.catalog, body.source_provider, source.region);
    const egressCost = egress?.per_gb == null ? null : round2(egress.per_gb * dataGb);
    const savings = source.monthly === null || target.monthly === null ? null : round2(source.monthly - target.monthly);
    return {
      currency: 'USD',
      hours_per_month: HOURS_PER_MONTH,
      source,
      target,
      monthly_savings: savings,
      egress: {
        data_gb: dataGb,
        per_gb: egress?.per_gb ?? null,
        cost: egressCost,
        reason: egress === undefined ? `no egress price for ${body.source_provider}/${source.region ?? '?'}` : egress.unknown_reason,
      },
      payback_months: savings !== null && savings > 0 && egressCost !== null ? round2(egressCost / savings) : null,
      rule: NEAREST_MATCH_RULE,
    };
  }

  // ---- migrations -------------------------------------------------------------------------------

  listMigrations(tenantId: string, filter: { vmId?: string | undefined; state?: string | undefined; planId?: string | undefined }): FederationMigrationWire[] {
    const out: FederationMigrationWire[] = [];
    for (const record of this.records.values()) {
      if (record.tenantId !== tenantId) continue;
      const { migration } = record;
      if (filter.vmId !== undefined && migration.vm_id !== filter.vmId) continue;
      if (filter.state !== undefined && migration.state !== filter.state) continue;
      if (filter.planId !== undefined && migration.plan_id !== filter.planId) continue;
      out.push(migration);
    }
    return out;
  }

  getMigration(tenantId: string, id: string): FederationMigrationWire {
    const record = this.records.get(id);
    if (!record || record.tenantId !== tenantId) throw notFound('federation migration');
    return record.migration;
  }

  startMigration(tenantId: string, body: CreateFederationMigrationBody): FederationMigrationWire {
    const vmRecord = this.world.vms.get(tenantId, body.vm_id);
    const { vm } = vmRecord;
    const target = this.clusters.get(body.target_cluster);
    if (!target) throw new HttpError(400, 'validation_error', `target_cluster: cluster ${body.target_cluster} not found`);
    if (body.target_provider !== undefined && body.target_provider !== target.seed.provider) {
      throw new HttpError(400, 'validation_error', `target_provider: cluster ${target.seed.id} runs on ${target.seed.provider}, not ${body.target_provider}`);
    }
    if (body.target_region !== undefined && body.target_region !== target.seed.region) {
      throw new HttpError(400, 'validation_error', `target_region: cluster ${target.seed.id} is in ${target.seed.region}, not ${body.target_region}`);
    }
    if (vmRecord.migrationId !== undefined) throw invalidState(`vm ${vm.id} is already migrating (${vmRecord.migrationId})`);
    if (vm.state !== 'running' && vm.state !== 'stopped') throw invalidState(`cannot migrate a VM in state ${vm.state}`);
    const sourceId = this.clusterIdOf(vm);
    if (sourceId === target.seed.id) throw new HttpError(409, 'invalid_target', `vm ${vm.id} is already in cluster ${target.seed.id}`);
    if (target.health === 'unavailable') throw new HttpError(409, 'cluster_unavailable', `cluster ${target.seed.id} is unavailable`);
    const violation = this.violationsFor(vm, target)[0];
    if (violation) throw new HttpError(409, 'compliance_violation', `${violation.rule}: ${violation.reason}`, {}, [{ path: violation.rule, message: violation.reason }]);
    const need = needOf(vm);
    const wire = this.clusterWire(target);
    const free = { vcpu: wire.capacity.vcpu_total - wire.capacity.vcpu_used, memoryGib: wire.capacity.memory_gib_total - wire.capacity.memory_gib_used };
    if (need.vcpu > free.vcpu || need.memoryGib > free.memoryGib) {
      throw new HttpError(409, 'insufficient_capacity', `cluster ${target.seed.id} has ${free.vcpu} vCPU and ${round2(free.memoryGib)} GiB free; vm ${vm.id} needs ${need.vcpu} vCPU and ${need.memoryGib} GiB`);
    }
    addNeed(target.reserved, need, 1);

    const source = sourceId === null ? undefined : this.clusters.get(sourceId);
    const totalBytes = vm.disk_size_gb * GIB + vm.memory_mb * MIB;
    const linkMbps = Math.min(source?.bandwidthMbps ?? target.bandwidthMbps, target.bandwidthMbps);
    const rate = Math.max(Math.round(linkMbps * 125_000), Math.ceil(totalBytes / FEDERATION_MIGRATION_TIMINGS.maxTransferSeconds));
    const egressGb = round2(totalBytes / 1e9);
    const egress = source ? egressFor(this.catalog, source.seed.provider, source.seed.region) : undefined;
    const now = this.world.now();
    const options = { ...body.options };
    const migration: FederationMigrationWire = {
      id: this.world.newId('fmig'),
      vm_id: vm.id,
      vm_name: vm.name,
      source_cluster: sourceId,
      source_provider: vm.cloud_provider,
      source_region: vm.region,
      target_cluster: target.seed.id,
      target_provider: target.seed.provider,
      target_region: target.seed.region,
      state: 'pending',
      progress: 0,
      bytes_transferred: 0,
      total_bytes: totalBytes,
      transfer_rate: rate,
      egress_gb: egressGb,
      egress_cost: egress?.per_gb == null ? null : round2(egress.per_gb * egressGb),
      egress_cost_reason: egress === undefined ? `no egress price for the source ${sourceId ?? 'location'}` : egress.unknown_reason,
      currency: 'USD',
      downtime_ms: null,
      error_message: null,
      plan_id: typeof options.plan_id === 'string' ? options.plan_id : null,
      rollback_of: typeof options.rollback_of === 'string' ? options.rollback_of : null,
      options,
      created_at: now,
      updated_at: now,
      completed_at: null,
      resource_version: this.world.nextVersion(),
    };
    const record: MigrationRecord = {
      migration,
      tenantId,
      vm: vmRecord,
      need,
      vmStateBefore: vm.state,
      pending: undefined,
      failAtProgress: undefined,
      failReason: '',
    };
    const ruleIndex = this.failRules.findIndex((rule) => rule.vmId === undefined || rule.vmId === vm.id);
    if (ruleIndex !== -1) {
      const [rule] = this.failRules.splice(ruleIndex, 1);
      record.failAtProgress = rule!.atProgress;
      record.failReason = rule!.reason;
    }
    this.records.set(migration.id, record);
    vmRecord.pending?.cancel();
    vmRecord.pending = undefined;
    vmRecord.migrationId = migration.id;
    this.world.vms.setState(vmRecord, 'migrating');
    this.publish(record, 'federation.migration.started', {});
    record.pending = this.world.scheduler.after(FEDERATION_MIGRATION_TIMINGS.pending, () => this.prepare(record));
    return migration;
  }

  cancelMigration(tenantId: string, id: string): FederationMigrationWire {
    const record = this.records.get(id);
    if (!record || record.tenantId !== tenantId) throw notFound('federation migration');
    const { state } = record.migration;
    if (state !== 'pending' && state !== 'preparing' && state !== 'transferring') throw invalidState(`cannot cancel a federation migration in state ${state}`);
    this.abort(record, 'cancelled', null);
    return record.migration;
  }

  // ---- runtime cluster view (/api/cluster/*) ----------------------------------------------------

  selectedClusterId(userId: string): string {
    const chosen = this.selected.get(userId);
    if (chosen && this.clusters.has(chosen)) return chosen;
    return this.rankedClusters()[0]!.seed.id;
  }

  select(userId: string, clusterId: string): void {
    if (!this.clusters.has(clusterId)) throw new HttpError(403, 'forbidden', 'active membership required for target cluster');
    this.selected.set(userId, clusterId);
  }

  setEdgeMetrics(clusterId: string, latencyMs: number, bandwidthMbps: number): void {
    const cluster = this.cluster(clusterId);
    cluster.latencyMs = latencyMs;
    cluster.bandwidthMbps = bandwidthMbps;
    this.evaluate(cluster);
  }

  /** ClusterSummary (camelCase, upstream runtime_auth.go), best performance first. */
  summaries(selectedId: string): Record<string, unknown>[] {
    return this.rankedClusters().map((cluster) => this.summary(cluster, selectedId));
  }

  summary(cluster: ClusterState, selectedId: string): Record<string, unknown> {
    const { seed, evaluation } = cluster;
    return {
      id: seed.id,
      name: seed.name,
      tier: evaluation.tier,
      performanceScore: evaluation.performanceScore,
      interconnectLatencyMs: cluster.latencyMs,
      interconnectBandwidthMbps: cluster.bandwidthMbps,
      currentNodeCount: seed.nodeCount,
      maxSupportedNodeCount: evaluation.maxSupportedNodeCount,
      growthState: evaluation.growthState,
      federationState: seed.id === selectedId ? 'cluster-local' : 'federated',
      degraded: evaluation.degraded || cluster.health !== 'healthy',
      lastEvaluatedAt: cluster.evaluatedAt,
      provider: seed.provider,
      region: seed.region,
    };
  }

  clusterState(id: string): ClusterState {
    return this.cluster(id);
  }

  /** Runtime Node shape (snake_case, upstream scheduler NodeResourceInfo) of one cluster's nodes, sorted by id. */
  runtimeNodes(clusterId: string): Record<string, unknown>[] {
    const cluster = this.cluster(clusterId);
    const { seed } = cluster;
    const wire = this.clusterWire(cluster);
    const share = (used: number, total: number) => (total === 0 ? 0 : used / total);
    const cpuShare = share(wire.capacity.vcpu_used, wire.capacity.vcpu_total);
    const memShare = share(wire.capacity.memory_gib_used, wire.capacity.memory_gib_total);
    const diskShare = share(wire.capacity.disk_gb_used, wire.capacity.disk_gb_total);
    const nodes: Record<string, unknown>[] = [];
    for (let i = 0; i < seed.nodeCount; i++) {
      const memory = seed.nodeMemoryGib * 1024;
      const usedCpu = Math.round(seed.nodeCpu * cpuShare);
      const usedMem = Math.round(memory * memShare);
      const usedDisk = Math.round(seed.nodeDiskGb * diskShare);
      const available = cluster.health === 'healthy' || (cluster.health === 'degraded' && i > 0);
      nodes.push({
        id: `${seed.id}-node-${String(i + 1).padStart(2, '0')}`,
        address: `10.${20 + [...this.clusters.keys()].indexOf(seed.id)}.0.${10 + i}`,
        status: available ? 'available' : 'unavailable',
        cpu: seed.nodeCpu,
        memory,
        disk: seed.nodeDiskGb,
        used_cpu: usedCpu,
        remaining_cpu: seed.nodeCpu - usedCpu,
        used_memory_mb: usedMem,
        remaining_memory_mb: memory - usedMem,
        used_disk_gb: usedDisk,
        remaining_disk_gb: seed.nodeDiskGb - usedDisk,
        cpu_usage_percent: round2(cpuShare * 100),
        memory_usage_percent: round2(memShare * 100),
        disk_usage_percent: round2(diskShare * 100),
        vm_count: Math.round(wire.vm_count / seed.nodeCount),
        schedulable: available,
        labels: { runtime: 'novacron', hypervisor: seed.provider === 'vmware' ? 'esxi' : 'kvm', cluster: seed.id, provider: seed.provider, region: seed.region },
      });
    }
    return nodes;
  }

  // ---- internals --------------------------------------------------------------------------------

  /**
   * Best first: by tier, then upstream's performance score. The score alone would rank a slow bronze
   * cluster above a platinum one (it measures headroom under the tier's own latency ceiling).
   */
  private rankedClusters(): ClusterState[] {
    const rank = (c: ClusterState) => TIER_ORDER.indexOf(c.evaluation.tier) + (c.evaluation.degraded || c.health !== 'healthy' ? TIER_ORDER.length : 0);
    return [...this.clusters.values()].sort(
      (a, b) => rank(a) - rank(b) || b.evaluation.performanceScore - a.evaluation.performanceScore || a.seed.id.localeCompare(b.seed.id),
    );
  }

  private cluster(id: string): ClusterState {
    const cluster = this.clusters.get(id);
    if (!cluster) throw notFound('cluster');
    return cluster;
  }

  private evaluate(cluster: ClusterState): void {
    cluster.evaluation = evaluateTier(cluster.latencyMs, cluster.bandwidthMbps, cluster.seed.nodeCount);
    cluster.evaluatedAt = this.world.now();
    cluster.version = this.world.nextVersion();
  }

  /** Where a VM is: where a federation migration put it, else the cluster holding its node, else its provider and region. */
  clusterIdOf(vm: VmResource): string | null {
    const placed = this.placements.get(vm.id);
    if (placed !== undefined) return placed;
    for (const cluster of this.clusters.values()) if (vm.node_id !== null && cluster.seed.fleetNodeIds.includes(vm.node_id)) return cluster.seed.id;
    for (const cluster of this.clusters.values()) if (cluster.seed.provider === vm.cloud_provider && cluster.seed.region === vm.region) return cluster.seed.id;
    return null;
  }

  private clusterWire(cluster: ClusterState): ClusterWire {
    const { seed, evaluation } = cluster;
    const used: Need = { vcpu: 0, memoryGib: 0, diskGb: 0 };
    let vmCount = 0;
    for (const { vm } of this.world.vms.all()) {
      if (this.clusterIdOf(vm) !== seed.id) continue;
      addNeed(used, needOf(vm), 1);
      vmCount++;
    }
    addNeed(used, cluster.reserved, 1);
    const vcpuTotal = seed.nodeCount * seed.nodeCpu;
    const memTotal = seed.nodeCount * seed.nodeMemoryGib;
    const diskTotal = seed.nodeCount * seed.nodeDiskGb;
    return {
      id: seed.id,
      name: seed.name,
      provider: seed.provider,
      region: seed.region,
      zone: seed.zone,
      tier: evaluation.tier,
      performance_score: evaluation.performanceScore,
      interconnect_latency_ms: cluster.latencyMs,
      interconnect_bandwidth_mbps: cluster.bandwidthMbps,
      current_node_count: seed.nodeCount,
      max_supported_node_count: evaluation.maxSupportedNodeCount,
      growth_state: evaluation.growthState,
      degraded: evaluation.degraded || cluster.health !== 'healthy',
      health: cluster.health,
      capacity: {
        vcpu_total: vcpuTotal,
        vcpu_used: Math.min(vcpuTotal, Math.round(vcpuTotal * seed.baseUtilisation) + used.vcpu),
        memory_gib_total: memTotal,
        memory_gib_used: Math.min(memTotal, round2(memTotal * seed.baseUtilisation + used.memoryGib)),
        disk_gb_total: diskTotal,
        disk_gb_used: Math.min(diskTotal, Math.round(diskTotal * seed.baseUtilisation + used.diskGb)),
        gpu_total: seed.nodeCount * seed.nodeGpus,
        gpu_used: Math.round(seed.nodeCount * seed.nodeGpus * seed.baseUtilisation),
      },
      compliance: { data_residency: cluster.dataResidency, country: seed.country, certifications: [...cluster.certifications] },
      vm_count: vmCount,
      last_evaluated_at: cluster.evaluatedAt,
      resource_version: cluster.version,
    };
  }

  private setHealth(cluster: ClusterState, health: ClusterHealth): void {
    if (cluster.health === health) return;
    const from = cluster.health;
    cluster.health = health;
    cluster.version = this.world.nextVersion();
    this.world.publish({
      type: 'cluster.health_changed',
      resourceType: 'cluster',
      resourceId: cluster.seed.id,
      resourceVersion: cluster.version,
      tenantId: '*',
      cloudProvider: cluster.seed.provider,
      region: cluster.seed.region,
      data: { cluster_id: cluster.seed.id, from, to: health },
    });
    if (health === 'unavailable') {
      for (const record of this.records.values()) {
        if (record.migration.target_cluster === cluster.seed.id && !isTerminal(record.migration.state)) {
          this.abort(record, 'failed', `cluster ${cluster.seed.id} became unavailable`);
        }
      }
    }
  }

  /** Rules a VM's tags ask for (`data_residency=EU`, `certifications=hipaa,pci-dss`) that the cluster breaks. */
  private violationsFor(vm: VmResource, cluster: ClusterState): Array<{ rule: string; reason: string }> {
    const out: Array<{ rule: string; reason: string }> = [];
    const residency = vm.tags['data_residency'];
    if (residency !== undefined && residency !== cluster.dataResidency) {
      out.push({ rule: `data_residency=${residency}`, reason: `cluster ${cluster.seed.id} keeps data in ${cluster.dataResidency}` });
    }
    for (const cert of (vm.tags['certifications'] ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
      if (!cluster.certifications.includes(cert)) out.push({ rule: `certification=${cert}`, reason: `cluster ${cluster.seed.id} is not certified ${cert}` });
    }
    return out;
  }

  private onEvent(event: EventEnvelope): void {
    if (event.resource_type !== 'vm' || (event.type !== 'vm.updated' && event.type !== 'vm.created' && event.type !== 'vm.migrated')) return;
    const record = this.world.vms.all().find((r) => r.vm.id === event.resource_id);
    if (record) this.checkCompliance(record.vm);
  }

  private checkCompliance(vm: VmResource): void {
    const clusterId = this.clusterIdOf(vm);
    const cluster = clusterId === null ? undefined : this.clusters.get(clusterId);
    const now = cluster ? this.violationsFor(vm, cluster) : [];
    const prefix = `${vm.id}\u0000`;
    for (const key of [...this.violations]) if (key.startsWith(prefix) && !now.some((v) => prefix + v.rule === key)) this.violations.delete(key);
    for (const violation of now) {
      const key = prefix + violation.rule;
      if (this.violations.has(key)) continue;
      this.violations.add(key);
      this.world.publish({
        type: 'security.compliance_violation',
        resourceType: 'vm',
        resourceId: vm.id,
        resourceVersion: vm.resource_version,
        tenantId: vm.tenant_id,
        cloudProvider: cluster!.seed.provider,
        region: cluster!.seed.region,
        data: { vm_id: vm.id, cluster_id: cluster!.seed.id, rule: violation.rule, reason: violation.reason, severity: 'high' },
      });
    }
  }

  private prepare(record: MigrationRecord): void {
    startTransfer(this.world.scheduler, record, record.migration, {
      setState: (state) => this.setState(record, state),
      progressed: () => {
        this.touch(record.migration);
        this.publish(record, 'federation.migration.progress', { progress: record.migration.progress, bytes_transferred: record.migration.bytes_transferred });
      },
      failed: (reason) => this.abort(record, 'failed', reason),
      transferred: () => this.activate(record),
    });
  }

  private activate(record: MigrationRecord): void {
    const { migration } = record;
    this.setState(record, 'activating');
    const type = typeof migration.options.type === 'string' ? migration.options.type : 'cold';
    migration.downtime_ms =
      type === 'live' ? this.world.random.int(50, 300) : type === 'warm' ? this.world.random.int(1_000, 5_000) : Math.round((migration.total_bytes / migration.transfer_rate) * 1000);
    record.pending = this.world.scheduler.after(FEDERATION_MIGRATION_TIMINGS.activating, () => this.complete(record));
  }

  private complete(record: MigrationRecord): void {
    const { migration, vm: vmRecord, need } = record;
    const { vm } = vmRecord;
    const target = this.clusters.get(migration.target_cluster)!;
    addNeed(target.reserved, need, -1);
    const request = this.world.vms.resourceRequest(vm);
    this.world.nodes.release(vm.node_id, request);
    // Back on a cluster that holds fleet nodes (a rollback home), the VM takes a fleet node again.
    const fleetNode = target.seed.fleetNodeIds.map((id) => this.world.nodes.get(id)).find((node) => node !== undefined && this.world.nodes.fits(node, request));
    if (fleetNode) {
      this.world.nodes.reserve(fleetNode, request);
      vm.node_id = fleetNode.id;
    } else {
      vm.node_id = `${target.seed.id}-node-01`;
    }
    this.placements.set(vm.id, target.seed.id);
    vm.cloud_provider = target.seed.provider;
    vm.region = target.seed.region;
    migration.progress = 100;
    migration.completed_at = this.world.now();
    this.setState(record, 'completed');
    vmRecord.migrationId = undefined;
    this.world.vms.setState(vmRecord, record.vmStateBefore);
    this.world.vms.publish(vmRecord, 'vm.migrated', {
      from_cluster: migration.source_cluster,
      to_cluster: target.seed.id,
      federation_migration_id: migration.id,
      vm: { ...vm },
    });
  }

  private abort(record: MigrationRecord, state: 'failed' | 'cancelled', errorMessage: string | null): void {
    const { migration, vm: vmRecord } = record;
    record.pending?.cancel();
    record.pending = undefined;
    addNeed(this.clusters.get(migration.target_cluster)!.reserved, record.need, -1);
    migration.error_message = errorMessage;
    migration.completed_at = this.world.now();
    this.setState(record, state);
    vmRecord.migrationId = undefined;
    this.world.vms.setState(vmRecord, record.vmStateBefore);
  }

  private setState(record: MigrationRecord, state: FederationMigrationState): void {
    const from = record.migration.state;
    record.migration.state = state;
    this.touch(record.migration);
    const type = state === 'completed' || state === 'failed' || state === 'cancelled' ? `federation.migration.${state}` : 'federation.migration.progress';
    this.publish(record, type, { from, to: state });
  }

  private touch(migration: FederationMigrationWire): void {
    migration.resource_version = this.world.nextVersion();
    migration.updated_at = this.world.now();
  }

  private publish(record: MigrationRecord, type: string, data: Record<string, unknown>): void {
    const { migration } = record;
    this.world.publish({
      type,
      resourceType: 'federation_migration',
      resourceId: migration.id,
      resourceVersion: migration.resource_version,
      tenantId: record.tenantId,
      cloudProvider: migration.target_provider,
      region: migration.target_region,
      correlationId: migration.plan_id ?? migration.id,
      data: {
        ...data,
        cluster_id: migration.target_cluster,
        source_cluster: migration.source_cluster,
        source_provider: migration.source_provider,
        source_region: migration.source_region,
        target_cluster: migration.target_cluster,
        target_provider: migration.target_provider,
        target_region: migration.target_region,
        migration: { ...migration },
      },
    });
  }
}

function needOf(vm: VmResource): Need {
  return { vcpu: vm.cpu_shares, memoryGib: vm.memory_mb / 1024, diskGb: vm.disk_size_gb };
}

function addNeed(into: Need, need: Need, sign: 1 | -1): void {
  into.vcpu += sign * need.vcpu;
  into.memoryGib += sign * need.memoryGib;
  into.diskGb += sign * need.diskGb;
}

function isTerminal(state: FederationMigrationState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled';
}
