import type { MigrationWire, NodeWire, VmWire } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator, type EventEnvelope, type Simulator } from '../src/index';

describe('migrations', () => {
  let sim: Simulator;
  let op: SimulatorClient;
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.05 });
    sim.events.subscribe((event) => events.push(event));
    op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
  });
  afterAll(() => sim.close());

  const runningVm = async (name: string, nodeId = 'node-kvm-01'): Promise<VmWire> => {
    const created = await op.call<VmWire>('POST', '/api/v1/vms', { body: { name, node_id: nodeId, memory_mb: 4096 } });
    return eventually(async () => {
      const vm = (await op.call<VmWire>('GET', `/api/v1/vms/${created.body.id}`)).body;
      return vm.state === 'running' ? vm : undefined;
    });
  };
  const node = async (id: string) => (await op.call<NodeWire>('GET', `/api/v1/nodes/${id}`)).body;
  const finished = (id: string) =>
    eventually(async () => {
      const migration = (await op.call<MigrationWire>('GET', `/api/v1/migrations/${id}`)).body;
      return ['completed', 'failed', 'cancelled'].includes(migration.state) ? migration : undefined;
    });

  it('progresses to completion and moves the VM and its capacity to the target', async () => {
    const vm = await runningVm('mover');
    const targetBefore = await node('node-gcp-usc1');
    const started = await op.call<MigrationWire>('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: 'node-gcp-usc1', type: 'live' } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'pending', vm_id: vm.id, source_node_id: 'node-kvm-01', target_node_id: 'node-gcp-usc1', total_bytes: 4096 * 1024 * 1024 });
    expect((await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body.state).toBe('migrating');

    const done = await finished(started.body.id);
    expect(done).toMatchObject({ state: 'completed', progress: 100, bytes_transferred: done.total_bytes, error_message: null });
    expect(done.downtime_ms).toBeGreaterThan(0);
    expect(done.downtime_ms).toBeLessThan(200);
    const moved = (await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body;
    expect(moved).toMatchObject({ state: 'running', node_id: 'node-gcp-usc1', cloud_provider: 'gcp' });
    expect((await node('node-gcp-usc1')).used_memory_mb).toBe(targetBefore.used_memory_mb + 4096);

    const mine = events.filter((event) => event.correlation_id === started.body.id);
    const migrationTypes = mine.filter((event) => event.resource_type === 'migration').map((event) => event.type);
    expect(migrationTypes[0]).toBe('migration.started');
    expect(migrationTypes.at(-1)).toBe('migration.completed');
    expect(migrationTypes.filter((type) => type === 'migration.progress').length).toBeGreaterThan(3);
    expect(mine.some((event) => event.type === 'vm.migrated' && event.resource_id === vm.id)).toBe(true);
    const progress = mine.filter((event) => event.type === 'migration.progress').map((event) => (event.data.migration as MigrationWire).progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const listed = await op.call('GET', `/api/v1/migrations?vm_id=${vm.id}&state=completed`);
    expect(listed.body.map((m: MigrationWire) => m.id)).toEqual([started.body.id]);
    expect(JSON.parse(listed.headers.get('x-pagination')!).total).toBe(1);
  });

  it('fails when told to, leaving the VM running on its source and the target capacity released', async () => {
    const vm = await runningVm('unlucky');
    const targetBefore = await node('node-aws-use1');
    sim.controls.failNextMigration('link down');
    const started = await op.call<MigrationWire>('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: 'node-aws-use1', type: 'warm' } });
    const done = await finished(started.body.id);
    expect(done).toMatchObject({ state: 'failed', error_message: 'link down' });
    expect(done.progress).toBeLessThan(100);
    expect((await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body).toMatchObject({ state: 'running', node_id: 'node-kvm-01' });
    expect((await node('node-aws-use1')).used_memory_mb).toBe(targetBefore.used_memory_mb);
    expect(events.some((event) => event.type === 'migration.failed' && event.resource_id === started.body.id)).toBe(true);
  });

  it('cancels a migration in flight', async () => {
    const vm = await runningVm('cancelled', 'node-kvm-02');
    // Throttle the link so the transfer is still running when we cancel.
    const started = await op.call<MigrationWire>('POST', `/api/v1/vms/${vm.id}/migrate`, {
      body: { target_node_id: 'node-kvm-01', type: 'cold', bandwidth_limit: 1024 * 1024 },
    });
    const cancelled = await op.call<MigrationWire>('POST', `/api/v1/migrations/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await op.call('POST', `/api/v1/migrations/${started.body.id}/cancel`)).status).toBe(409);
    expect((await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body).toMatchObject({ state: 'running', node_id: 'node-kvm-02' });
  });

  it('refuses the same node, a full target, a bad body and a VM that cannot move', async () => {
    const vm = await runningVm('stuck');
    const same = await op.call('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: 'node-kvm-01', type: 'live' } });
    expect([same.status, same.body.error.code]).toEqual([409, 'invalid_target']);
    const small = await startSimulator({
      timeScale: 0.01,
      nodes: [
        { id: 'a', cloudProvider: 'kvm', region: 'r', totalCpu: 8, totalMemoryMb: 8192, totalDiskGb: 100 },
        { id: 'b', cloudProvider: 'kvm', region: 'r', totalCpu: 8, totalMemoryMb: 1024, totalDiskGb: 100 },
      ],
    });
    try {
      const c = await SimulatorClient.for(small).login('operator@novacron.local', 'operator123');
      const big = await c.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'big', memory_mb: 4096 } });
      await eventually(async () => ((await c.call<VmWire>('GET', `/api/v1/vms/${big.body.id}`)).body.state === 'running' ? true : undefined));
      const full = await c.call('POST', `/api/v1/vms/${big.body.id}/migrate`, { body: { target_node_id: 'b', type: 'live' } });
      expect([full.status, full.body.error.code]).toEqual([409, 'insufficient_capacity']);
    } finally {
      await small.close();
    }
    const bad = await op.call('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: 'node-gcp-usc1', type: 'teleport' } });
    expect(bad.status).toBe(400);
    await op.call('POST', `/api/v1/vms/${vm.id}/pause`);
    const paused = await op.call('POST', `/api/v1/vms/${vm.id}/migrate`, { body: { target_node_id: 'node-gcp-usc1', type: 'live' } });
    expect([paused.status, paused.body.error.code]).toEqual([409, 'invalid_state']);
  });
});
