import type { RequestOptions } from '@novacron/core';
import type { CatalogResource } from './catalog-resource';
import type { ClustersResource } from './clusters-resource';
import type { ComplianceResource } from './compliance-resource';
import { planEvacuation, type EvacuationResult } from './evacuation';
import type { InventoryResource } from './inventory-resource';
import { buildMigrationPlan, type MigrationPlan, type PlanInput } from './migration-plan';
import { PlanExecutor, type ExecutePlanOptions, type PlanReport } from './plan-executor';
import { assessPlanRisk, type PlanRisk } from './plan-risk';
import { assertPlanValid, validatePlan, type PlanValidationOptions, type PlanValidationResult } from './plan-validation';
import type { CrossCloudMigrationsResource } from './cross-cloud-migrations-resource';

export type PlanChecks = Omit<PlanValidationOptions, 'clusters' | 'inventory' | 'catalog' | 'rules'> & { withCosts?: boolean };

/** Migration plans against the live federation: build, validate, assess, execute, resume, evacuate. */
export class PlansResource {
  private readonly executor: PlanExecutor;

  constructor(
    private readonly clusters: ClustersResource,
    private readonly inventory: InventoryResource,
    private readonly catalog: CatalogResource,
    private readonly compliance: ComplianceResource,
    migrations: CrossCloudMigrationsResource,
  ) {
    this.executor = new PlanExecutor(migrations);
  }

  /** Builds a plan (waves from the dependencies; a cycle is a PlanCycleError) from the current inventory. */
  async create(input: PlanInput, options?: RequestOptions): Promise<MigrationPlan> {
    const [inventory, clusters] = await Promise.all([this.inventory.all({}, options), this.clusters.all({}, options)]);
    return buildMigrationPlan(input, { inventory, clusters });
  }

  /** Every reason the plan may not run now (capacity, region, compliance, budget, health, state). */
  async validate(plan: MigrationPlan, checks: PlanChecks = {}, options?: RequestOptions): Promise<PlanValidationResult> {
    return validatePlan(plan, await this.context(checks, options));
  }

  async assessRisk(plan: MigrationPlan, options?: RequestOptions): Promise<PlanRisk> {
    return assessPlanRisk(plan, await this.clusters.all({}, options));
  }

  /** Validates (PlanValidationError lists every refusal), then executes wave by wave. */
  async execute(plan: MigrationPlan, options: ExecutePlanOptions & { checks?: PlanChecks }, request?: RequestOptions): Promise<PlanReport> {
    const existing = await options.store.loadState(plan.id);
    // A plan already under way is not re-validated: its moved VMs would now count as "same cluster".
    if (!existing || existing.status === 'pending') assertPlanValid(plan, await this.context(options.checks ?? {}, request));
    return this.executor.execute(plan, options);
  }

  /** Continues a plan from its store (after a crash, or in another process). */
  resume(planId: string, options: ExecutePlanOptions): Promise<PlanReport> {
    return this.executor.resume(planId, options);
  }

  /** Disaster recovery: a plan moving every VM of a failed cluster to the best healthy ones. */
  async evacuate(clusterId: string, options: { dependencies?: Record<string, string[]>; planId?: string; maxWaveSize?: number } = {}, request?: RequestOptions): Promise<EvacuationResult> {
    const [inventory, clusters, catalog] = await Promise.all([this.inventory.all({}, request), this.clusters.all({}, request), this.catalog.get(request)]);
    return planEvacuation(clusterId, { ...options, inventory, clusters, catalog, rules: this.compliance.allRules() });
  }

  private async context(checks: PlanChecks, options?: RequestOptions): Promise<PlanValidationOptions> {
    const needCatalog = checks.withCosts === true || checks.maxMonthlyCost !== undefined || checks.maxMonthlyIncrease !== undefined;
    const [inventory, clusters, catalog] = await Promise.all([
      this.inventory.all({}, options),
      this.clusters.all({}, options),
      needCatalog ? this.catalog.get(options) : Promise.resolve(undefined),
    ]);
    return { ...checks, inventory, clusters, catalog, rules: this.compliance.allRules() };
  }
}
