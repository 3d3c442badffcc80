import { PermissionDeniedError, AuthenticationError, ValidationError } from '@novacron/core';
import { eventually, SimulatorClient, startSimulator, type Simulator } from '@novacron/simulator';
import { AlertStream, type AlertNotice } from '../src';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const OFF = { warning: 101, critical: 101 };

async function next(iterator: AsyncIterator<AlertNotice>): Promise<AlertNotice> {
  const result = await iterator.next();
  if (result.done) throw new Error('the stream ended');
  return result.value;
}

describe('AlertStream against the simulator', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  const vmIds: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05, clock: () => NOW, alertIntervalMs: 0, alertThresholds: { cpu: OFF, memory: OFF, disk: OFF } });
    admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
    for (const name of ['alert-a', 'alert-b']) vmIds.push((await admin.call('POST', '/api/v1/vms', { body: { name, memory_mb: 512 } })).body.id);
    await eventually(async () => {
      const states = await Promise.all(vmIds.map(async (id) => (await admin.call('GET', `/api/v1/vms/${id}`)).body.state));
      return states.every((s) => s === 'running') ? true : undefined;
    });
  });
  afterEach(() => sim.controls.alerts.setThresholds({ cpu: OFF, memory: OFF, disk: OFF }));
  afterAll(async () => {
    await sim.close();
  });

  it('delivers fired, escalated, acknowledged and resolved alerts as an async iterable, and stops when the loop ends', async () => {
    const stream = new AlertStream({ url: sim.url, token: admin.token! });
    await stream.start();
    const iterator = stream[Symbol.asyncIterator]();
    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 101 } });
    sim.controls.alerts.evaluate();
    const fired = [await next(iterator), await next(iterator)];
    expect(fired.map((n) => n.change)).toEqual(['fired', 'fired']);
    expect(fired.map((n) => n.metadata.vm_id).sort()).toEqual([...vmIds].sort());
    expect(fired[0]).toMatchObject({ type: 'alert', severity: 'warning', source: 'vm', labels: { metric: 'cpu' }, metadata: { status: 'firing', threshold: 0 } });

    await admin.call('POST', `/api/v1/monitoring/alerts/${fired[0]!.alertId}/acknowledge`);
    expect(await next(iterator)).toMatchObject({ change: 'acknowledged', alertId: fired[0]!.alertId, metadata: { acknowledged: true } });

    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 0 } });
    sim.controls.alerts.evaluate();
    expect([(await next(iterator)).change, (await next(iterator)).change]).toEqual(['updated', 'updated']);
    sim.controls.alerts.setThresholds({ cpu: OFF });
    sim.controls.alerts.evaluate();
    const resolved = [await next(iterator), await next(iterator)];
    expect(resolved.every((n) => n.change === 'resolved' && n.metadata.status === 'resolved')).toBe(true);

    await iterator.return!();
    expect(stream.connectionState).toBe('closed');
    expect((await iterator.next()).done).toBe(true);
  });

  it('filters by severity and source on the server, and setFilter changes it on the open socket', async () => {
    const critical = new AlertStream({ url: sim.url, token: admin.token!, severities: ['critical'] });
    const iterator = critical[Symbol.asyncIterator]();
    await critical.start();
    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 101 } });
    sim.controls.alerts.evaluate();
    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 0 } });
    sim.controls.alerts.evaluate();
    // The two warnings came first on the server; the first thing this stream sees is an escalation.
    expect(await next(iterator)).toMatchObject({ change: 'updated', severity: 'critical' });
    await next(iterator);

    await critical.setFilter({ sources: ['node'] });
    sim.controls.alerts.setThresholds({ cpu: OFF });
    sim.controls.alerts.evaluate();
    sim.controls.failNode('node-gcp-usc1');
    expect(await next(iterator)).toMatchObject({ change: 'fired', source: 'node', metadata: { node_id: 'node-gcp-usc1' } });
    sim.controls.recoverNode('node-gcp-usc1');
    expect(await next(iterator)).toMatchObject({ change: 'resolved', source: 'node' });
    critical.close();
  });

  it("shows a tenant its own alerts and everyone's node alerts, never another tenant's VMs", async () => {
    const alice = await SimulatorClient.for(sim).login('alice@tenant-b.local', 'alice123');
    const stream = new AlertStream({ url: sim.url, token: alice.token! });
    const iterator = stream[Symbol.asyncIterator]();
    await stream.start();
    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 101 } });
    sim.controls.alerts.evaluate();
    sim.controls.failNode('node-azure-weu');
    expect(await next(iterator)).toMatchObject({ source: 'node', metadata: { node_id: 'node-azure-weu', tenant_id: '*' } });
    sim.controls.recoverNode('node-azure-weu');
    stream.close();
  });

  it('refuses a user below viewer with PermissionDeniedError and a bad token with AuthenticationError; bad filters before connecting', async () => {
    await SimulatorClient.for(sim).call('POST', '/api/auth/register', { body: { email: 'ursula@novacron.local', password: 'Urs!ula99' } });
    const user = await SimulatorClient.for(sim).login('ursula@novacron.local', 'Urs!ula99');
    const denied = new AlertStream({ url: sim.url, token: user.token! });
    await expect(denied.start()).rejects.toBeInstanceOf(PermissionDeniedError);
    const loop = async () => {
      for await (const _ of new AlertStream({ url: sim.url, token: 'not-a-token' })) return;
    };
    await expect(loop()).rejects.toBeInstanceOf(AuthenticationError);
    expect(() => new AlertStream({ url: sim.url, severities: ['a,b'] })).toThrow(ValidationError);
    expect(() => new AlertStream({ url: 'localhost:8090' })).toThrow(ValidationError);
  });
});
