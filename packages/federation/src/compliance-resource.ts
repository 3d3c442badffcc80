import type { RequestOptions } from '@novacron/core';
import type { ClustersResource } from './clusters-resource';
import { assertCompliant, complianceViolations, type ComplianceRule, type ComplianceViolation } from './compliance';
import type { InventoryResource } from './inventory-resource';
import type { ProviderRegistry } from './provider-registry';
import type { FederatedVm } from './schemas/inventory-schema';

/** The event raised for a VM found placed against its rules (drift), as the server also publishes it. */
export interface ComplianceViolationEvent extends ComplianceViolation {
  type: 'security.compliance_violation';
  cloudProvider: string;
  region: string;
  detectedAt: string;
}

/** Residency and certification rules: checks before a placement or move, and audits for drift. */
export class ComplianceResource {
  private readonly listeners = new Set<(event: ComplianceViolationEvent) => void>();

  constructor(
    private readonly clusters: ClustersResource,
    private readonly inventory: InventoryResource,
    private readonly registry: ProviderRegistry,
    private readonly rules: readonly ComplianceRule[],
  ) {}

  /** Every rule: the client's, then the provider plugins'. */
  allRules(extra: readonly ComplianceRule[] = []): ComplianceRule[] {
    return [...this.rules, ...this.registry.rules(), ...extra];
  }

  /** Throws ComplianceViolationError naming the rule when `vm` may not be placed in `clusterId`. */
  async checkPlacement(vm: Pick<FederatedVm, 'vmId' | 'tags'>, clusterId: string, options?: RequestOptions): Promise<void> {
    assertCompliant(vm, await this.clusters.get(clusterId, options), this.allRules());
  }

  /** Listens for drift found by `audit`; returns the unsubscribe function. */
  onViolation(listener: (event: ComplianceViolationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Finds every VM placed against its rules and raises `security.compliance_violation` for each. */
  async audit(options?: RequestOptions): Promise<ComplianceViolationEvent[]> {
    const [clusters, vms] = await Promise.all([this.clusters.all({}, options), this.inventory.all({}, options)]);
    const byId = new Map(clusters.map((c) => [c.id, c]));
    const rules = this.allRules();
    const events: ComplianceViolationEvent[] = [];
    const detectedAt = new Date().toISOString();
    for (const vm of vms) {
      const cluster = vm.clusterId === null ? undefined : byId.get(vm.clusterId);
      if (!cluster) continue;
      for (const v of complianceViolations(vm, cluster, rules)) {
        events.push({ type: 'security.compliance_violation', ...v, cloudProvider: cluster.provider, region: cluster.region, detectedAt });
      }
    }
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // One failing listener must not hide the violation from the others.
        }
      }
    }
    return events;
  }
}
