import { startSimulator, SimulatorClient, type Simulator } from '@novacron/simulator';
import { createClient, PermissionDeniedError, type NovaCronClient } from '../src';

describe('createClient live streams: alerts(), logs(), securityEvents()', () => {
  let sim: Simulator;
  let admin: NovaCronClient;
  let viewer: NovaCronClient;
  beforeAll(async () => {
    const off = { warning: 101, critical: 101 };
    sim = await startSimulator({ port: 0, timeScale: 0.05, alertIntervalMs: 0, alertThresholds: { cpu: off, memory: off, disk: off } });
    admin = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    viewer = createClient({ baseUrl: sim.url, email: 'viewer@novacron.local', password: 'viewer123', env: {} });
  });
  afterAll(async () => {
    await Promise.all([admin.close(), viewer.close()]);
    await sim.close();
  });

  it("streams with the client's own session (logging in first), as async iterables that end with the loop", async () => {
    const logs = await admin.logs('vm');
    await logs.start();
    const vm = await admin.vms.create({ name: 'streamed', memoryMb: 512 });
    for await (const line of logs) {
      expect(line).toMatchObject({ source: 'vm', vmId: vm.id });
      break;
    }
    expect(logs.connectionState).toBe('closed');

    const alerts = await viewer.alerts({ sources: ['node'] });
    await alerts.start();
    sim.controls.failNode('node-kvm-02');
    for await (const notice of alerts) {
      expect(notice).toMatchObject({ change: 'fired', source: 'node', metadata: { node_id: 'node-kvm-02' } });
      break;
    }
    sim.controls.recoverNode('node-kvm-02');

    const security = await admin.securityEvents({ types: ['security.login_failed'] });
    await security.start();
    await SimulatorClient.for(sim).call('POST', '/api/auth/login', { body: { email: 'viewer@novacron.local', password: 'nope' } });
    for await (const event of security) {
      expect(event).toMatchObject({ type: 'security.login_failed', metadata: { login: 'viewer@novacron.local' } });
      break;
    }
  });

  it('a viewer may watch alerts but not logs or the security feed', async () => {
    await expect((await viewer.logs()).start()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect((await viewer.securityEvents()).start()).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
