import { defineRoute, routeKey, type RouteDefinition } from './http/route-definition';
import { ApiInfoSchema, HealthSchema } from './routes/auth-schemas';
import { aiRoutes } from './routes/ai-routes';
import { accountRoutes } from './routes/account-routes';
import { adminUserRoutes } from './routes/admin-user-routes';
import { authRoutes } from './routes/auth-routes';
import { clusterRoutes } from './routes/cluster-routes';
import { federationRoutes } from './routes/federation-routes';
import { migrationRoutes } from './routes/migration-routes';
import { monitoringRoutes } from './routes/monitoring-routes';
import { networkRoutes } from './routes/network-routes';
import { nodeRoutes } from './routes/node-routes';
import { securityRoutes } from './routes/security-routes';
import { twoFactorRoutes } from './routes/two-factor-routes';
import { vmRoutes } from './routes/vm-routes';

declare const __PACKAGE_VERSION__: string | undefined;
export const SIMULATOR_VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

const systemRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    mount: 'root',
    access: 'public',
    operationId: 'health',
    summary: 'Liveness and version',
    tag: 'system',
    responses: { 200: { description: 'healthy', schema: HealthSchema } },
    handle: ({ world }) => ({
      status: 200,
      body: {
        status: 'healthy',
        timestamp: world.now(),
        version: SIMULATOR_VERSION,
        service: 'novacron-simulator',
        checks: { database: 'ok', storage: 'ok', events: `ok: ${world.events.lastSeq} events` },
      },
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/info',
    mount: 'root',
    access: 'public',
    operationId: 'apiInfo',
    summary: "The server's self-declared route list (upstream apiInfoHandler)",
    tag: 'system',
    responses: { 200: { description: 'route list', schema: ApiInfoSchema } },
    handle: () => ({
      status: 200,
      body: {
        name: 'NovaCron Simulator',
        version: SIMULATOR_VERSION,
        description: 'In-memory NovaCron-compatible control plane for examples and tests',
        endpoints: ROUTES.map((route) => `${route.method} ${route.mount === 'api' ? `/api/v1${route.path}` : route.path}`),
        compatibility_endpoints: ROUTES.filter((route) => route.mount === 'api').map((route) => `${route.method} /api${route.path}`),
        unsupported_endpoints: [],
      },
    }),
  }),
];

/** Every route the simulator serves: the router and the OpenAPI generator both read this table. */
export const ROUTES: readonly RouteDefinition[] = [...systemRoutes, ...authRoutes, ...vmRoutes, ...migrationRoutes, ...nodeRoutes, ...networkRoutes, ...federationRoutes, ...clusterRoutes, ...accountRoutes, ...twoFactorRoutes, ...monitoringRoutes, ...adminUserRoutes, ...securityRoutes, ...aiRoutes];

export { routeKey };
