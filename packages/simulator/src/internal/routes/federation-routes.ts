import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError } from '../http/http-error';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import {
  CapabilitiesWireSchema,
  CatalogWireSchema,
  ClusterWireSchema,
  CostComparisonRequestSchema,
  CostComparisonWireSchema,
  CreateFederationMigrationSchema,
  FEDERATION_MIGRATION_STATES,
  FederatedVmWireSchema,
  FederationMigrationWireSchema,
  OfferingWireSchema,
  ProviderWireSchema,
  RegionWireSchema,
  type CreateFederationMigrationBody,
} from '../world/federation-wire';
import { resourceReply } from './resource-headers';

const TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;

const ClusterListQuerySchema = z.object({ provider: z.string().optional(), region: z.string().optional(), tier: z.enum(TIERS).optional(), ...paginationQuery });
const InventoryQuerySchema = z.object({ cluster_id: z.string().optional(), provider: z.string().optional(), region: z.string().optional(), ...paginationQuery });
const CatalogQuerySchema = z.object({ provider: z.string().optional(), region: z.string().optional() });
const PricesQuerySchema = z.object({ provider: z.string().optional(), region: z.string().optional(), instance_type: z.string().optional() });
const RegionsQuerySchema = z.object({ provider: z.string().optional() });
const MigrationListQuerySchema = z.object({
  vm_id: z.string().optional(),
  state: z.enum(FEDERATION_MIGRATION_STATES).optional(),
  plan_id: z.string().optional(),
  ...paginationQuery,
});

/**
 * `/api/v1/federation/*` (and `/api/federation/*`): clusters across clouds, providers and regions,
 * the price catalog, cost comparison and cross-cloud migrations. The old EnhancedNovaCronClient's
 * calls (`GET /clusters`, `POST /migrations`, `POST /cost-comparison`) work as it sends them.
 */
export const federationRoutes: RouteDefinition[] = [
  defineRoute<undefined, z.infer<typeof ClusterListQuerySchema>>({
    method: 'GET',
    path: '/federation/clusters',
    mount: 'api',
    access: 'viewer',
    operationId: 'listFederatedClusters',
    summary: 'Clusters across AWS, Azure, GCP, OpenStack and VMware, with tier, capacity, health and compliance labels',
    tag: 'federation',
    query: ClusterListQuerySchema,
    responses: { 200: { description: 'a page of clusters', schema: ClusterWireSchema, paginated: true } },
    handle: ({ world, query }) => paginatedReply(world.federation.listClusters(query), query),
  }),
  defineRoute({
    method: 'GET',
    path: '/federation/clusters/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getFederatedCluster',
    summary: 'Get a cluster',
    tag: 'federation',
    responses: { 200: { description: 'the cluster', schema: ClusterWireSchema, headers: ['ETag'] } },
    handle: ({ world, params, headers }) => resourceReply(200, world.federation.getCluster(params.id!), headers['if-none-match']),
  }),
  defineRoute({
    method: 'GET',
    path: '/federation/clusters/{id}/capabilities',
    mount: 'api',
    access: 'viewer',
    operationId: 'getClusterCapabilities',
    summary: 'What a cluster can run: architectures, GPUs, live migration, largest VM, instance types, free capacity',
    tag: 'federation',
    responses: { 200: { description: 'capabilities', schema: CapabilitiesWireSchema } },
    handle: ({ world, params }) => ({ status: 200, body: world.federation.capabilities(params.id!) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/federation/providers',
    mount: 'api',
    access: 'viewer',
    operationId: 'listProviders',
    summary: 'Cloud providers with their regions and where their prices come from',
    tag: 'federation',
    responses: { 200: { description: 'providers', schema: ProviderWireSchema, array: true } },
    handle: ({ world }) => ({ status: 200, body: world.federation.providers() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/federation/providers/{provider}/regions',
    mount: 'api',
    access: 'viewer',
    operationId: 'listProviderRegions',
    summary: "A provider's regions, with data residency and clusters",
    tag: 'federation',
    responses: { 200: { description: 'regions', schema: RegionWireSchema, array: true } },
    handle: ({ world, params }) => ({ status: 200, body: world.federation.regions(params.provider!) }),
  }),
  defineRoute<undefined, z.infer<typeof RegionsQuerySchema>>({
    method: 'GET',
    path: '/federation/regions',
    mount: 'api',
    access: 'viewer',
    operationId: 'listRegions',
    summary: 'Every region, optionally of one provider',
    tag: 'federation',
    query: RegionsQuerySchema,
    responses: { 200: { description: 'regions', schema: RegionWireSchema, array: true } },
    handle: ({ world, query }) => ({ status: 200, body: world.federation.regions(query.provider) }),
  }),
  defineRoute<undefined, z.infer<typeof CatalogQuerySchema>>({
    method: 'GET',
    path: '/federation/catalog',
    mount: 'api',
    access: 'viewer',
    operationId: 'getCatalog',
    summary: 'Instance types and prices per provider and region, and egress prices: a dated snapshot with sources',
    tag: 'federation',
    query: CatalogQuerySchema,
    responses: { 200: { description: 'the catalog', schema: CatalogWireSchema } },
    handle: ({ world, query }) => {
      const { catalog } = world.federation;
      const keep = (o: { provider: string; region: string }) =>
        (query.provider === undefined || o.provider === query.provider) && (query.region === undefined || o.region === query.region);
      return { status: 200, body: { ...catalog, offerings: catalog.offerings.filter(keep), egress: catalog.egress.filter(keep) } };
    },
  }),
  defineRoute<undefined, z.infer<typeof PricesQuerySchema>>({
    method: 'GET',
    path: '/federation/prices',
    mount: 'api',
    access: 'viewer',
    operationId: 'listPrices',
    summary: 'Catalog offerings (instance type in a region, with its prices), filtered',
    tag: 'federation',
    query: PricesQuerySchema,
    responses: { 200: { description: 'offerings', schema: OfferingWireSchema, array: true } },
    handle: ({ world, query }) => ({
      status: 200,
      body: world.federation.catalog.offerings.filter(
        (o) =>
          (query.provider === undefined || o.provider === query.provider) &&
          (query.region === undefined || o.region === query.region) &&
          (query.instance_type === undefined || o.instance_type === query.instance_type),
      ),
    }),
  }),
  defineRoute<z.infer<typeof CostComparisonRequestSchema>>({
    method: 'POST',
    path: '/federation/cost-comparison',
    mount: 'api',
    access: 'viewer',
    operationId: 'compareCosts',
    summary: 'Monthly cost of a VM spec on two providers (nearest instance type, cheapest region unless given), with egress',
    tag: 'federation',
    body: CostComparisonRequestSchema,
    responses: {
      200: { description: 'the comparison', schema: CostComparisonWireSchema },
      400: { description: 'unknown provider or bad spec', schema: ErrorWireSchema },
    },
    handle: ({ world, body }) => ({ status: 200, body: world.federation.compareCosts(body) }),
  }),
  defineRoute<undefined, z.infer<typeof InventoryQuerySchema>>({
    method: 'GET',
    path: '/federation/vms',
    mount: 'api',
    access: 'viewer',
    operationId: 'listFederatedVms',
    summary: "The tenant's VMs with the cluster each is in (the federated inventory)",
    tag: 'federation',
    query: InventoryQuerySchema,
    responses: { 200: { description: 'a page of VMs', schema: FederatedVmWireSchema, paginated: true } },
    handle: ({ world, principal, query }) =>
      paginatedReply(world.federation.inventory(principal.tenantId, { clusterId: query.cluster_id, provider: query.provider, region: query.region }), query),
  }),
  defineRoute<CreateFederationMigrationBody>({
    method: 'POST',
    path: '/federation/migrations',
    mount: 'api',
    access: 'operator',
    operationId: 'createCrossCloudMigration',
    summary: 'Move a VM to a cluster on another cloud; follow it with GET /federation/migrations/{id} or the events',
    tag: 'federation',
    body: CreateFederationMigrationSchema,
    responses: {
      202: { description: 'the migration, `pending`', schema: FederationMigrationWireSchema, headers: ['ETag', 'Location'] },
      400: { description: 'unknown cluster, or provider/region not the cluster’s', schema: ErrorWireSchema },
      409: { description: 'VM state, same cluster, cluster unavailable, compliance or capacity', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => {
      const migration = world.federation.startMigration(principal.tenantId, body);
      const reply = resourceReply(202, migration);
      reply.headers!.Location = `/api/v1/federation/migrations/${migration.id}`;
      return reply;
    },
  }),
  defineRoute<undefined, z.infer<typeof MigrationListQuerySchema>>({
    method: 'GET',
    path: '/federation/migrations',
    mount: 'api',
    access: 'viewer',
    operationId: 'listCrossCloudMigrations',
    summary: "The tenant's cross-cloud migrations, oldest first",
    tag: 'federation',
    query: MigrationListQuerySchema,
    responses: { 200: { description: 'a page of migrations', schema: FederationMigrationWireSchema, paginated: true } },
    handle: ({ world, principal, query }) =>
      paginatedReply(world.federation.listMigrations(principal.tenantId, { vmId: query.vm_id, state: query.state, planId: query.plan_id }), query),
  }),
  defineRoute({
    method: 'GET',
    path: '/federation/migrations/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getCrossCloudMigration',
    summary: 'Get a cross-cloud migration',
    tag: 'federation',
    responses: { 200: { description: 'the migration', schema: FederationMigrationWireSchema, headers: ['ETag'] } },
    handle: ({ world, principal, params, headers }) => resourceReply(200, world.federation.getMigration(principal.tenantId, params.id!), headers['if-none-match']),
  }),
  defineRoute({
    method: 'POST',
    path: '/federation/migrations/{id}/cancel',
    mount: 'api',
    access: 'operator',
    operationId: 'cancelCrossCloudMigration',
    summary: 'Cancel a cross-cloud migration before it activates; the VM stays where it was',
    tag: 'federation',
    responses: {
      200: { description: 'the cancelled migration', schema: FederationMigrationWireSchema },
      409: { description: 'too late to cancel', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params }) => {
      if (!params.id) throw new HttpError(400, 'validation_error', 'id is required');
      return resourceReply(200, world.federation.cancelMigration(principal.tenantId, params.id));
    },
  }),
];
