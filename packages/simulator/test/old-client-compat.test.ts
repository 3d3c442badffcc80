import { WebSocket } from 'ws';
import { eventually, SimulatorClient, startSimulator, type Simulator } from '../src';

/** What code written against the old JS/TS SDKs sends, and what it must get back. */
describe('old clients against the simulator', () => {
  let sim: Simulator;
  let api: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    api = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
  });
  afterAll(async () => {
    await sim.close();
  });

  async function runningVm(name: string): Promise<{ id: string; node_id: string }> {
    const created = await api.call('POST', '/api/vms', { body: { name, memory_mb: 512 } });
    expect(created.status).toBe(201);
    return eventually(async () => {
      const vm = (await api.call('GET', `/api/vms/${created.body.id}`)).body;
      return vm.state === 'running' ? vm : undefined;
    });
  }

  const otherNode = (vm: { node_id: string }) => (vm.node_id === 'node-kvm-01' ? 'node-kvm-02' : 'node-kvm-01');

  it("migrates without a type, as upstream's default (cold)", async () => {
    const vm = await runningVm('old-default');
    const res = await api.call('POST', `/api/vms/${vm.id}/migrate`, { body: { target_node_id: otherNode(vm) } });
    expect(res.status).toBe(202);
    expect(res.body.type).toBe('cold');
    const bad = await api.call('POST', `/api/vms/${vm.id}/migrate`, { body: { target_node_id: otherNode(vm), type: 'teleport' } });
    expect(bad.status).toBe(400);
  });

  it('accepts status= for state= on migration lists; `running` means in flight', async () => {
    const vm = await runningVm('old-status');
    // 1 byte/s: the migration reaches `transferring` and stays there for the rest of the test.
    const started = await api.call('POST', `/api/vms/${vm.id}/migrate`, { body: { target_node_id: otherNode(vm), type: 'live', bandwidth_limit: 1 } });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await eventually(async () => ((await api.call('GET', `/api/migrations/${id}`)).body.state === 'transferring' ? true : undefined));
    const ids = async (query: string) => ((await api.call('GET', `/api/migrations?${query}`)).body as { id: string }[]).map((m) => m.id);
    expect(await ids('status=running')).toContain(id);
    expect(await ids('status=transferring')).toContain(id);
    expect(await ids('state=transferring')).toContain(id);
    expect(await ids('status=pending')).not.toContain(id);
    expect((await api.call('GET', '/api/migrations?status=sideways')).status).toBe(400);
    expect((await api.call('POST', `/api/migrations/${id}/cancel`)).status).toBe(200);
    expect(await ids('status=cancelled')).toContain(id);
    expect(await ids('status=running')).not.toContain(id);
  });

  it('takes event_type= and provider= for types=/providers= on the federation events socket', async () => {
    const url = `${sim.url.replace('http', 'ws')}/ws/federation/events?event_type=node.failure,node.recovered&provider=aws`;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${api.token}` } });
    const welcome = await new Promise<Record<string, unknown>>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
      ws.once('error', reject);
    });
    expect(welcome).toMatchObject({ type: 'welcome', filters: { types: ['node.failure', 'node.recovered'], providers: ['aws'] } });
    const next = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
    sim.controls.failNode('node-kvm-02');
    sim.controls.failNode('node-aws-use1');
    const message = await next;
    expect(message).toMatchObject({ type: 'events', events: [{ type: 'node.failure', resource_id: 'node-aws-use1', cloud_provider: 'aws' }] });
    ws.close();
    sim.controls.recoverNode('node-kvm-02');
    sim.controls.recoverNode('node-aws-use1');
  });
});
