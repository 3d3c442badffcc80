import type { VmWire } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator, type EventEnvelope, type Simulator } from '../src/index';

describe('VM lifecycle', () => {
  let sim: Simulator;
  let op: SimulatorClient;
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.events.subscribe((event) => events.push(event));
    op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
  });
  afterAll(() => sim.close());

  const getVm = async (id: string) => (await op.call<VmWire>('GET', `/api/v1/vms/${id}`)).body;
  const until = (id: string, state: string) => eventually(async () => ((await getVm(id)).state === state ? getVm(id) : undefined));
  const create = async (body: Record<string, unknown>) => {
    const res = await op.call<VmWire>('POST', '/api/v1/vms', { body });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates a VM that becomes running by itself, bumping resource_version each time', async () => {
    const vm = await create({ name: 'life-1', cpu_shares: 4, memory_mb: 4096, tags: { env: 'test' } });
    expect(vm).toMatchObject({ state: 'creating', status: 'creating', cpu_shares: 4, memory_mb: 4096, disk_size_gb: 20, type: 'kvm', tags: { env: 'test' } });
    expect(vm.node_id).toEqual(expect.any(String));
    const running = await until(vm.id, 'running');
    expect(running.resource_version).toBeGreaterThan(vm.resource_version!);
    expect(running.started_at).not.toBeNull();
    expect(running.ip_address).toMatch(/^10\./);
    const types = events.filter((event) => event.resource_id === vm.id).map((event) => [event.type, event.data.from, event.data.to]);
    expect(types).toEqual([
      ['vm.created', undefined, undefined],
      ['vm.state_changed', 'creating', 'running'],
    ]);
  });

  it('walks stop → start → pause → resume → restart through their transitional states', async () => {
    const vm = await create({ name: 'life-2' });
    await until(vm.id, 'running');
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['stop', 'stopping', 'stopped'],
      ['start', 'starting', 'running'],
      ['pause', 'pausing', 'paused'],
      ['resume', 'resuming', 'running'],
      ['restart', 'restarting', 'running'],
      ['stop', 'stopping', 'stopped', { force: true }],
    ];
    for (const [action, transitional, settled, body] of steps) {
      const res = await op.call<VmWire>('POST', `/api/v1/vms/${vm.id}/${action}`, { body });
      expect([action, res.status, res.body.state]).toEqual([action, 202, transitional]);
      await until(vm.id, settled);
    }
    // Stopping a stopped VM is a successful no-op, as upstream.
    const again = await op.call<VmWire>('POST', `/api/v1/vms/${vm.id}/stop`);
    expect([again.status, again.body.state]).toEqual([202, 'stopped']);
  });

  it('refuses invalid transitions with 409 invalid_state', async () => {
    const vm = await create({ name: 'life-3' });
    await until(vm.id, 'running');
    await op.call('POST', `/api/v1/vms/${vm.id}/stop`);
    await until(vm.id, 'stopped');
    const res = await op.call('POST', `/api/v1/vms/${vm.id}/pause`);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: 'invalid_state', message: 'cannot pause a VM in state stopped' } });
    expect((await op.call('POST', `/api/v1/vms/${vm.id}/resume`)).status).toBe(409);
    expect((await op.call('POST', `/api/v1/vms/${vm.id}/restart`)).status).toBe(409);
  });

  it('deletes a VM: 202 deleting, then it is gone', async () => {
    const vm = await create({ name: 'life-4' });
    const res = await op.call('DELETE', `/api/v1/vms/${vm.id}`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: vm.id, status: 'deleting' });
    await eventually(async () => ((await op.call('GET', `/api/v1/vms/${vm.id}`)).status === 404 ? true : undefined));
    expect(events.some((event) => event.type === 'vm.deleted' && event.resource_id === vm.id)).toBe(true);
  });

  it('serves ETags, honours If-Match (412 when stale) and If-None-Match (304)', async () => {
    const vm = await create({ name: 'life-5' });
    // A VM still booting changes version on its own (creating → running) and would race the PATCH.
    await until(vm.id, 'running');
    const got = await op.call('GET', `/api/v1/vms/${vm.id}`);
    const etag = got.headers.get('etag')!;
    expect(etag).toBe(`"${got.body.resource_version}"`);
    expect((await op.call('GET', `/api/v1/vms/${vm.id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const updated = await op.call('PATCH', `/api/v1/vms/${vm.id}`, { body: { name: 'life-5b', tags: { a: 'b' } }, headers: { 'if-match': etag } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'life-5b', tags: { a: 'b' } });
    expect(updated.body.resource_version).toBeGreaterThan(got.body.resource_version);
    const stale = await op.call('PUT', `/api/v1/vms/${vm.id}`, { body: { name: 'life-5c' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
  });

  it('places by node_id and placement hints, and refuses what fits nowhere with 409', async () => {
    expect((await create({ name: 'pinned', node_id: 'node-gcp-usc1' })).node_id).toBe('node-gcp-usc1');
    expect((await create({ name: 'preferred', placement: { preferred_nodes: ['node-kvm-02'] } })).node_id).toBe('node-kvm-02');
    const excluded = await create({ name: 'excl', placement: { excluded_nodes: ['node-aws-use1', 'node-kvm-01', 'node-azure-weu'] } });
    expect(['node-kvm-02', 'node-gcp-usc1']).toContain(excluded.node_id);
    const huge = await op.call('POST', '/api/v1/vms', { body: { name: 'huge', cpu_shares: 128, memory_mb: 1_048_576 } });
    expect(huge.status).toBe(409);
    expect(huge.body.error.code).toBe('insufficient_capacity');
    const tooBigForNode = await op.call('POST', '/api/v1/vms', { body: { name: 'big', node_id: 'node-kvm-02', cpu_shares: 64 } });
    expect(tooBigForNode.status).toBe(409);
    const nodes = (await op.call('GET', '/api/v1/nodes')).body as Array<{ id: string; vm_count: number; used_cpu: number }>;
    expect(nodes.find((node) => node.id === 'node-gcp-usc1')!.vm_count).toBeGreaterThanOrEqual(1);
  });

  it('filters and paginates with the X-Pagination header', async () => {
    const local = await startSimulator({ timeScale: 0.01 });
    try {
      const c = await SimulatorClient.for(local).login('operator@novacron.local', 'operator123');
      for (let i = 0; i < 7; i++) {
        await c.call('POST', '/api/v1/vms', { body: { name: `page-${i}`, tags: { parity: i % 2 ? 'odd' : 'even', half: i < 4 ? 'low' : 'high' } } });
      }
      const page2 = await c.call('GET', '/api/v1/vms?page=2&page_size=3');
      expect(JSON.parse(page2.headers.get('x-pagination')!)).toEqual({ page: 2, pageSize: 3, total: 7, totalPages: 3 });
      expect(page2.body.map((vm: VmWire) => vm.name)).toEqual(['page-3', 'page-4', 'page-5']);
      const odd = await c.call('GET', '/api/v1/vms?tag=parity:odd');
      expect(odd.body.map((vm: VmWire) => vm.name)).toEqual(['page-1', 'page-3', 'page-5']);
      const oddLow = await c.call('GET', '/api/v1/vms?tag=parity:odd&tag=half:low');
      expect(oddLow.body.map((vm: VmWire) => vm.name)).toEqual(['page-1', 'page-3']);
      expect((await c.call('GET', '/api/v1/vms?tag=nocolon')).status).toBe(400);
      expect((await c.call('GET', '/api/v1/vms?name=GE-6')).body).toHaveLength(1);
      expect((await c.call('GET', '/api/v1/vms?state=stopped')).body).toHaveLength(0);
      expect((await c.call('GET', '/api/v1/vms?page_size=501')).status).toBe(400);
      expect((await c.call('GET', '/api/v1/vms?state=exploded')).status).toBe(400);
    } finally {
      await local.close();
    }
  });

  it('fails the VMs of a failed node and lets them start elsewhere', async () => {
    const vm = await create({ name: 'victim', node_id: 'node-azure-weu' });
    await until(vm.id, 'running');
    sim.controls.failNode('node-azure-weu');
    const failed = await getVm(vm.id);
    expect(failed.state).toBe('failed');
    expect(failed.error_message).toMatch(/node-azure-weu/);
    expect(events.some((event) => event.type === 'node.failure' && event.resource_id === 'node-azure-weu')).toBe(true);
    const started = await op.call<VmWire>('POST', `/api/v1/vms/${vm.id}/start`);
    expect(started.body.state).toBe('starting');
    expect(started.body.node_id).not.toBe('node-azure-weu');
    await until(vm.id, 'running');
    sim.controls.recoverNode('node-azure-weu');
    expect(events.some((event) => event.type === 'node.recovered')).toBe(true);
  });

  it('closes promptly with a transition pending and stops serving', async () => {
    const local = await startSimulator({ timeScale: 100 });
    const c = await SimulatorClient.for(local).login('operator@novacron.local', 'operator123');
    await c.call('POST', '/api/v1/vms', { body: { name: 'slowpoke' } });
    await local.close();
    await expect(fetch(`${local.url}/health`)).rejects.toThrow();
  });
});
