import { SimulatorClient, eventually, startSimulator, type EventEnvelope, type Simulator } from '../src/index';
import { hasRole } from '../src/internal/auth/roles';
import type { RouteDefinition } from '../src/internal/http/route-definition';
import { ROUTES } from '../src/internal/route-table';

/**
 * Non-GET routes a viewer may call, each with the reason. Every other non-GET route in the table
 * is a mutation a viewer must be refused, so a new route is covered the day it is added.
 */
const VIEWER_MAY_CALL: Record<string, string> = {
  'POST /api/auth/login': 'signing in',
  'POST /api/auth/2fa/verify-login': 'signing in',
  'POST /api/auth/refresh': 'signing in',
  'POST /api/auth/logout': 'ends the caller’s own session',
  'POST /api/auth/register': 'signing up (public)',
  'POST /api/auth/forgot-password': 'public account recovery',
  'POST /api/auth/reset-password': 'public account recovery',
  'DELETE /api/auth/sessions/{id}': 'ends one of the caller’s own sessions',
  'POST /api/auth/2fa/setup': 'the caller’s own second factor',
  'POST /api/auth/2fa/verify': 'the caller’s own second factor',
  'POST /api/auth/2fa/enable': 'the caller’s own second factor',
  'POST /api/auth/2fa/disable': 'the caller’s own second factor',
  'POST /api/auth/2fa/backup-codes': 'the caller’s own second factor',
  'POST /api/v1/federation/cost-comparison': 'a read sent as POST: computes an answer, changes nothing',
  'POST /api/v1/ai/placement': 'a read sent as POST: computes an answer, changes nothing',
  'POST /api/cluster/admissions/select': 'a read sent as POST: computes an answer, changes nothing',
  'POST /api/cluster/edge-metrics': 'upstream: any authenticated node agent reports its edge metrics',
};

const fullPath = (route: RouteDefinition) => (route.mount === 'api' ? `/api/v1${route.path}` : route.path);
const key = (route: RouteDefinition) => `${route.method} ${fullPath(route)}`;
const mutations = ROUTES.filter((route) => route.method !== 'GET' && !(key(route) in VIEWER_MAY_CALL));

describe('the route table: a viewer cannot mutate', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  let viewer: SimulatorClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.02, seed: 'route-roles', alertIntervalMs: 0 });
    admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
    viewer = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    const vm = (await admin.call('POST', '/api/v1/vms', { body: { name: 'roles-vm' } })).body;
    ids.vm = vm.id;
    await eventually(async () => ((await admin.call('GET', `/api/v1/vms/${vm.id}`)).body.state === 'running' ? true : undefined));
    ids.network = (await admin.call('POST', '/api/v1/networks', { body: { name: 'roles-net', subnet: '10.77.0.0/24' } })).body.id;
    ids.interface = (await admin.call('POST', `/api/v1/vms/${vm.id}/interfaces`, { body: { name: 'eth1', network_id: ids.network } })).body.id;
    const nodes = (await admin.call('GET', '/api/v1/nodes')).body as Array<{ id: string; status: string }>;
    const target = nodes.find((node) => node.id !== vm.node_id && node.status === 'online')!.id;
    ids.migration = (await admin.call('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: target, type: 'cold' } })).body.id;
    // Let the world come to rest, so any event during the viewer's calls would be theirs.
    await eventually(async () => ((await admin.call('GET', `/api/v1/migrations/${ids.migration}`)).body.state === 'completed' ? true : undefined));
    await eventually(async () => ((await admin.call('GET', `/api/v1/vms/${vm.id}`)).body.state === 'running' ? true : undefined));
    for (const [name, value] of Object.entries(ids)) expect([name, typeof value]).toEqual([name, 'string']);
  });
  afterAll(() => sim.close());

  /** Real ids where the path names a resource the test made, so a refusal is not a 404 in disguise. */
  const pathFor = (route: RouteDefinition, prefix: string) =>
    prefix +
    route.path
      .replace('/vms/{vm_id}/interfaces/{id}', `/vms/${ids.vm}/interfaces/${ids.interface}`)
      .replace('/vms/{vm_id}', `/vms/${ids.vm}`)
      .replace(/^\/vms\/\{id\}/, `/vms/${ids.vm}`)
      .replace(/^\/migrations\/\{id\}/, `/migrations/${ids.migration}`)
      .replace(/^\/networks\/\{id\}/, `/networks/${ids.network}`)
      .replace(/\{[^}]+\}/g, 'some-id');

  it('every allowance names a route that exists (no stale entries)', () => {
    const keys = new Set(ROUTES.map(key));
    expect(Object.keys(VIEWER_MAY_CALL).filter((allowed) => !keys.has(allowed))).toEqual([]);
  });

  it('every other non-GET route needs more than the viewer role', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(20);
    const open = mutations.filter((route) => route.access === 'public' || route.access === 'authenticated' || hasRole(['viewer'], route.access));
    expect(open.map(key)).toEqual([]);
  });

  it('a viewer’s request to each of them is 403 forbidden on every mount, and nothing changes', async () => {
    const events: EventEnvelope[] = [];
    const unsubscribe = sim.events.subscribe((event) => events.push(event));
    const before = sim.controls.snapshot();
    const usersBefore = (await admin.call('GET', '/api/admin/users')).body;
    const answers: string[] = [];
    for (const route of mutations) {
      const prefixes = route.mount === 'api' ? ['/api/v1', '/api'] : [''];
      for (const prefix of prefixes) {
        const path = pathFor(route, prefix);
        const res = await viewer.call(route.method, path, { body: {}, headers: { 'idempotency-key': `viewer-${route.method}-${path}` } });
        answers.push(`${route.method} ${path} → ${res.status} ${res.body?.error?.code ?? ''}`);
      }
    }
    unsubscribe();
    expect(answers.filter((answer) => !answer.endsWith('→ 403 forbidden'))).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(mutations.length);
    expect(events).toEqual([]);
    expect(sim.controls.snapshot()).toEqual(before);
    expect((await admin.call('GET', '/api/admin/users')).body).toEqual(usersBefore);
  });
});
