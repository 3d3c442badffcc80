import * as z from 'zod';
import type { Principal } from '../auth/auth-service';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError, notFound } from '../http/http-error';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import type { World } from '../world/world';

const SelectBodySchema = z.object({ clusterId: z.string().optional() });
const EdgeMetricsBodySchema = z.object({ clusterId: z.string().min(1), latencyMs: z.number().min(0), bandwidthMbps: z.number().min(0) });
const Loose = z.looseObject({});

/** Upstream's runtime auth settings as `/api/cluster/health` reports them (auto-admit on). */
const AUTH_INFO = { enabled: true, sessionTransport: 'bearer', autoAdmit: true, defaultMembershipState: 'active' } as const;

function admissions(world: World, principal: Principal): Record<string, unknown>[] {
  const selected = world.federation.selectedClusterId(principal.userId);
  return world.federation.summaries(selected).map((cluster) => ({
    admitted: true,
    state: 'active',
    clusterId: cluster.id,
    role: 'member',
    source: 'password_login',
    admittedAt: world.now(),
    tenantId: principal.tenantId,
    selected: cluster.id === selected,
    cluster,
  }));
}

function memberships(world: World, principal: Principal): Record<string, unknown>[] {
  return admissions(world, principal).map((a) => ({ clusterId: a.clusterId, state: a.state, role: a.role, tenantId: a.tenantId, admittedAt: a.admittedAt }));
}

function federationInfo(world: World, principal: Principal): Record<string, unknown> {
  const selected = world.federation.selectedClusterId(principal.userId);
  const clusters = world.federation.summaries(selected);
  const order = ['platinum', 'gold', 'silver', 'bronze'];
  const highestTier = clusters.map((c) => String(c.tier)).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null;
  return {
    enabled: true,
    totalClusters: clusters.length,
    activeMemberships: clusters.length,
    pendingMemberships: 0,
    revokedMemberships: 0,
    selectedClusterId: selected,
    highestTier,
    clusters,
  };
}

function selectedSummary(world: World, principal: Principal): Record<string, unknown> {
  const selected = world.federation.selectedClusterId(principal.userId);
  return world.federation.summary(world.federation.clusterState(selected), selected);
}

function localNodes(world: World, principal: Principal): Record<string, unknown>[] {
  return world.federation.runtimeNodes(world.federation.selectedClusterId(principal.userId));
}

/**
 * Upstream's node runtime cluster routes (`backend/core/cmd/novacron`, §3 of the reference):
 * camelCase ClusterSummary and Admission, snake_case health, the caller's selected cluster as "local".
 */
export const clusterRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'GET',
    path: '/api/cluster/health',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterHealth',
    summary: "The selected cluster's node health and quorum, with the federation summary",
    tag: 'cluster',
    responses: { 200: { description: 'health', schema: Loose } },
    handle: ({ world, principal }) => {
      const nodes = localNodes(world, principal);
      const healthy = nodes.filter((n) => n.status === 'available').length;
      return {
        status: 200,
        body: {
          status: healthy === nodes.length ? 'healthy' : healthy === 0 ? 'unavailable' : 'degraded',
          total_nodes: nodes.length,
          healthy_nodes: healthy,
          has_quorum: healthy * 2 > nodes.length,
          leader: nodes.find((n) => n.status === 'available')?.id ?? '',
          last_updated: world.now(),
          auth: AUTH_INFO,
          federation: federationInfo(world, principal),
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/federation',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterFederation',
    summary: 'Auth settings, the federation summary, memberships and the selected cluster',
    tag: 'cluster',
    responses: { 200: { description: 'federation', schema: Loose } },
    handle: ({ world, principal }) => ({
      status: 200,
      body: { auth: AUTH_INFO, federation: federationInfo(world, principal), memberships: memberships(world, principal), selectedCluster: selectedSummary(world, principal) },
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/admission',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterAdmission',
    summary: 'The admission of the selected cluster',
    tag: 'cluster',
    responses: { 200: { description: 'admission', schema: Loose } },
    handle: ({ world, principal }) => ({ status: 200, body: admissions(world, principal).find((a) => a.selected) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/admissions',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterAdmissions',
    summary: 'Admissions to every cluster, best performance score first',
    tag: 'cluster',
    responses: { 200: { description: 'admissions', schema: Loose, array: true } },
    handle: ({ world, principal }) => ({ status: 200, body: admissions(world, principal) }),
  }),
  defineRoute<z.infer<typeof SelectBodySchema>>({
    method: 'POST',
    path: '/api/cluster/admissions/select',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeSelectCluster',
    summary: 'Select the cluster the session works in',
    tag: 'cluster',
    body: SelectBodySchema,
    responses: {
      200: { description: '{user, admission, memberships, selectedCluster, session}', schema: Loose },
      400: { description: 'clusterId is required', schema: ErrorWireSchema },
      403: { description: 'active membership required for target cluster', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => {
      if (!body.clusterId) throw new HttpError(400, 'validation_error', 'clusterId is required');
      world.federation.select(principal.userId, body.clusterId);
      return {
        status: 200,
        body: {
          user: { id: principal.userId, email: principal.email, role: principal.role, tenantId: principal.tenantId },
          admission: admissions(world, principal).find((a) => a.selected),
          memberships: memberships(world, principal),
          selectedCluster: selectedSummary(world, principal),
          session: { id: principal.sessionId, selectedClusterId: body.clusterId },
        },
      };
    },
  }),
  defineRoute<z.infer<typeof EdgeMetricsBodySchema>>({
    method: 'POST',
    path: '/api/cluster/edge-metrics',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeEdgeMetrics',
    summary: "Report a cluster's measured latency and bandwidth; it is re-tiered",
    tag: 'cluster',
    body: EdgeMetricsBodySchema,
    responses: { 200: { description: 'admissions', schema: Loose, array: true } },
    handle: ({ world, principal, body }) => {
      world.federation.setEdgeMetrics(body.clusterId, body.latencyMs, body.bandwidthMbps);
      return { status: 200, body: admissions(world, principal) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/nodes',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterNodes',
    summary: "The selected cluster's nodes (runtime Node shape), sorted by id",
    tag: 'cluster',
    responses: { 200: { description: 'nodes', schema: Loose, array: true } },
    handle: ({ world, principal }) => ({ status: 200, body: localNodes(world, principal) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/nodes/{id}',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterNode',
    summary: 'One node of the selected cluster',
    tag: 'cluster',
    responses: { 200: { description: 'node', schema: Loose }, 404: { description: 'node not found', schema: ErrorWireSchema } },
    handle: ({ world, principal, params }) => {
      const node = localNodes(world, principal).find((n) => n.id === params.id);
      if (!node) throw notFound('node');
      return { status: 200, body: node };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/cluster/leader',
    mount: 'root',
    access: 'authenticated',
    operationId: 'runtimeClusterLeader',
    summary: "The selected cluster's leader node",
    tag: 'cluster',
    responses: { 200: { description: '{id, status, scope}', schema: Loose }, 404: { description: 'no leader', schema: ErrorWireSchema } },
    handle: ({ world, principal }) => {
      const leader = localNodes(world, principal).find((n) => n.status === 'available');
      if (!leader) throw notFound('leader');
      return { status: 200, body: { id: leader.id, status: leader.status, scope: 'cluster-local' } };
    },
  }),
];
