import { PermissionDeniedError, ValidationError } from '@novacron/core';
import { SimulatorClient, startSimulator, type Simulator } from '@novacron/simulator';
import { WebSocket } from 'ws';
import { LogStream, type LogEntry } from '../src';

async function next(iterator: AsyncIterator<LogEntry>): Promise<LogEntry> {
  const result = await iterator.next();
  if (result.done) throw new Error('the stream ended');
  return result.value;
}

describe('LogStream against the simulator', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05, alertIntervalMs: 0 });
    admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
  });
  afterAll(async () => {
    await sim.close();
  });

  it("streams the world's VM activity from /api/ws/logs/vm, and leaving the loop closes it", async () => {
    const stream = new LogStream({ url: sim.url, token: admin.token!, source: 'vm' });
    await stream.start();
    const created = await admin.call('POST', '/api/v1/vms', { body: { name: 'logged', memory_mb: 512 } });
    const seen: LogEntry[] = [];
    for await (const line of stream) {
      seen.push(line);
      if (line.message === 'VM logged: creating -> running') break;
    }
    expect(seen[0]).toMatchObject({ source: 'vm', level: 'info', component: 'vm-manager', vmId: created.body.id, message: 'vm.created logged', labels: { event_type: 'vm.created' } });
    expect(seen.every((line) => line.source === 'vm' && line.vmId === created.body.id)).toBe(true);
    expect(stream.connectionState).toBe('closed');
  });

  it('filters by least level, and setFilter narrows the open stream to one VM', async () => {
    const errors = new LogStream({ url: sim.url, token: admin.token!, level: 'error' });
    const iterator = errors[Symbol.asyncIterator]();
    await errors.start();
    await admin.call('POST', '/api/v1/vms', { body: { name: 'quiet', memory_mb: 512 } });
    sim.controls.failNode('node-gcp-usc1');
    // The VM's info lines came first and were filtered out on the server.
    expect(await next(iterator)).toMatchObject({ source: 'system', level: 'error', component: 'node-monitor', message: 'node.failure node-gcp-usc1' });
    sim.controls.recoverNode('node-gcp-usc1');

    const a = await admin.call('POST', '/api/v1/vms', { body: { name: 'pick-a', memory_mb: 512 } });
    await errors.setFilter({ vmId: a.body.id });
    await admin.call('POST', '/api/v1/vms', { body: { name: 'pick-b', memory_mb: 512 } });
    await admin.call('POST', `/api/v1/vms/${a.body.id}/stop`);
    const line = await next(iterator);
    expect(line.vmId).toBe(a.body.id);
    errors.close();
  });

  it("keeps tenants apart: another tenant's admin never sees this tenant's lines", async () => {
    const alice = await SimulatorClient.for(sim).login('alice@tenant-b.local', 'alice123');
    const stream = new LogStream({ url: sim.url, token: alice.token!, source: 'vm' });
    const iterator = stream[Symbol.asyncIterator]();
    await stream.start();
    await admin.call('POST', '/api/v1/vms', { body: { name: 'not-for-alice', memory_mb: 512 } });
    const hers = await alice.call('POST', '/api/v1/vms', { body: { name: 'alices', memory_mb: 512 } });
    expect(await next(iterator)).toMatchObject({ vmId: hers.body.id, message: 'vm.created alices' });
    stream.close();
  });

  it('is for admins: a viewer gets PermissionDeniedError; an unknown source is refused before connecting and by the server', async () => {
    const viewer = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    await expect(new LogStream({ url: sim.url, token: viewer.token!, source: 'audit' }).start()).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(() => new LogStream({ url: sim.url, source: 'kernel' as never })).toThrow(ValidationError);
    expect(() => new LogStream({ url: sim.url, level: 'loud' as never })).toThrow(ValidationError);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/api/ws/logs/kernel`, { headers: { authorization: `Bearer ${admin.token}` } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(400);
  });
});
