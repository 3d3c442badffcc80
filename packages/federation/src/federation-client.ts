import type { CoreClient } from '@novacron/core';
import { CatalogResource } from './catalog-resource';
import { ClustersResource } from './clusters-resource';
import { validateRules, type ComplianceRule } from './compliance';
import { ComplianceResource } from './compliance-resource';
import { CostsResource } from './costs-resource';
import { CrossCloudMigrationsResource } from './cross-cloud-migrations-resource';
import { InventoryResource } from './inventory-resource';
import { PlansResource } from './plans-resource';
import { ProviderRegistry } from './provider-registry';
import { RuntimeClusterResource } from './runtime-cluster-resource';

export interface FederationClientOptions {
  /** Providers beyond the five built in (register plugins on it before or after). */
  providers?: ProviderRegistry;
  /** Residency and certification rules applied to every placement, plan and audit. */
  rules?: ComplianceRule[];
}

/** The federation domain's resources, all sending through one CoreClient. */
export interface FederationClient {
  providers: ProviderRegistry;
  clusters: ClustersResource;
  runtime: RuntimeClusterResource;
  inventory: InventoryResource;
  catalog: CatalogResource;
  costs: CostsResource;
  migrations: CrossCloudMigrationsResource;
  compliance: ComplianceResource;
  plans: PlansResource;
}

export function createFederationClient(core: CoreClient, options: FederationClientOptions = {}): FederationClient {
  const providers = options.providers ?? new ProviderRegistry();
  const rules = validateRules(options.rules ?? []);
  const clusters = new ClustersResource(core, providers);
  const inventory = new InventoryResource(core, providers);
  const catalog = new CatalogResource(core, providers);
  const migrations = new CrossCloudMigrationsResource(core, providers);
  const compliance = new ComplianceResource(clusters, inventory, providers, rules);
  return {
    providers,
    clusters,
    runtime: new RuntimeClusterResource(core),
    inventory,
    catalog,
    costs: new CostsResource(core, catalog, providers),
    migrations,
    compliance,
    plans: new PlansResource(clusters, inventory, catalog, compliance, migrations),
  };
}
