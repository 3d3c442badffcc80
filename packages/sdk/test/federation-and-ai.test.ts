import { startSimulator, type Simulator } from '@novacron/simulator';
import { createClient, type NovaCronClient } from '../src';
import { createFederationClient, PlanCycleError, type FederationClient } from '../src/federation';
import { AiClient, forecast } from '../src/ai';

// The subpaths are how an application adds federation and AI to the client it already has: over
// client.core, so they share its transport, session, policies and metrics.
describe('@novacron/sdk/federation and @novacron/sdk/ai over a client', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  let federation: FederationClient;
  let ai: AiClient;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 3, timeScale: 0.02 });
    client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    federation = createFederationClient(client.core);
    ai = new AiClient(client.core, { mode: 'server' });
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('moves a VM across clouds on the client’s own session', async () => {
    expect((await federation.clusters.all()).map((c) => c.id)).toContain('gcp-us-central1');
    const vm = await client.vms.waitUntilRunning((await client.vms.create({ name: 'fed-1', nodeId: 'node-aws-use1' })).id, { intervalMs: 20 });
    const migration = await federation.migrations.start({ vmId: vm.id, targetCluster: 'gcp-us-central1' });
    await federation.migrations.wait(migration.id, { intervalMs: 20 });
    expect(sim.controls.federation.clusterOf(vm.id)).toBe('gcp-us-central1');
    expect(sim.controls.stats().logins).toBe(1);
    expect(client.metrics.snapshot().some((r) => r.route.includes('federation'))).toBe(true);
  });

  it('answers placement from the server', async () => {
    const placement = await ai.placement({ cpu: 2, memoryMb: 2048, constraints: { providers: ['azure'] } });
    expect(placement.nodeId).toBe('node-azure-weu');
    expect(ai.lastSource).toBe('server');
  });

  it('re-exports the packages’ engines and errors', () => {
    expect(new PlanCycleError(['a', 'b', 'a'])).toBeInstanceOf(Error);
    expect(forecast([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { horizon: 2 }).mean).toHaveLength(2);
  });
});
