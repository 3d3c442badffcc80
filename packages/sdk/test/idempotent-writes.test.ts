import { startSimulator, type Simulator } from '@novacron/simulator';
import { ConnectionError, createClient, type NovaCronClient } from '../src';

describe('idempotent writes over a connection that fails', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    await client.nodes.list();
  });
  afterEach(async () => {
    await client.close();
    await sim.close();
  });

  const vmsNamed = (name: string) => sim.controls.snapshot().vms.filter((vm) => vm.name === name);

  it('a create retried after a reset that came after the commit makes exactly one VM', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'after', times: 1 });
    sim.controls.resetStats();
    const vm = await client.vms.create({ name: 'once-only', cpuShares: 1, memoryMb: 512 });
    expect(sim.controls.stats().byRoute['POST /vms']).toBe(2);
    expect(vmsNamed('once-only')).toHaveLength(1);
    expect(vmsNamed('once-only')[0]!.id).toBe(vm.id);
  });

  it('a reset before the handler ran is retried too, still one VM', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'before', times: 2 });
    const vm = await client.vms.create({ name: 'twice-reset', memoryMb: 512 });
    expect(vmsNamed('twice-reset').map((v) => v.id)).toEqual([vm.id]);
  });

  it('a caller-chosen key replays the first answer on a second call', async () => {
    const first = await client.vms.create({ name: 'keyed', memoryMb: 512 }, { idempotencyKey: 'create-keyed-1' });
    const second = await client.vms.create({ name: 'keyed', memoryMb: 512 }, { idempotencyKey: 'create-keyed-1' });
    expect(second.id).toBe(first.id);
    expect(vmsNamed('keyed')).toHaveLength(1);
  });

  it('without an idempotency key a POST is never retried', async () => {
    client.pipeline.remove('idempotency');
    sim.controls.faults.inject({ route: 'POST /vms', reset: 'after', times: 1 });
    sim.controls.resetStats();
    const error = await client.vms.create({ name: 'no-key', memoryMb: 512 }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(1);
    expect(sim.controls.stats().byRoute['POST /vms']).toBe(1);
    // The server did commit it: which is exactly why a blind retry would have made a second one.
    expect(vmsNamed('no-key')).toHaveLength(1);
  });

  it('honours Retry-After on a 503 and then succeeds', async () => {
    sim.controls.faults.inject({ route: 'GET /nodes', status: 503, retryAfter: 1, times: 1 });
    const started = Date.now();
    const nodes = await client.nodes.list();
    expect(nodes.items.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
