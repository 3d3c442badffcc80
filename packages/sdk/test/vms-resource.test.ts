import { startSimulator, type Simulator } from '@novacron/simulator';
import { ConflictError, createClient, NotFoundError, type NovaCronClient } from '../src';

describe('vms (through @novacron/sdk against the simulator)', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    client = createClient({ baseUrl: sim.url, email: 'operator@novacron.local', password: 'operator123', env: {} });
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('creates with sizing, image, tags and placement hints, and reads it back', async () => {
    const nodes = (await client.nodes.list()).items;
    const preferred = nodes[1]!.id;
    const vm = await client.vms.create({
      name: 'db-01',
      cpuShares: 4,
      memoryMb: 4096,
      diskSizeGb: 80,
      image: 'debian-12',
      tags: { app: 'db', env: 'test' },
      placement: { policy: 'performance', preferredNodes: [preferred] },
    });
    expect(vm).toMatchObject({ name: 'db-01', state: 'creating', cpuShares: 4, memoryMb: 4096, diskSizeGb: 80, image: 'debian-12', nodeId: preferred });
    expect(vm.tags).toEqual({ app: 'db', env: 'test' });
    const running = await client.vms.waitUntilRunning(vm.id, { timeoutMs: 20_000 });
    expect(running.resourceVersion!).toBeGreaterThan(vm.resourceVersion!);
    expect((await client.vms.get(vm.id)).state).toBe('running');
  });

  it('goes through the lifecycle with waiters, and refuses an invalid transition', async () => {
    const vm = await client.vms.create({ name: 'life', memoryMb: 512 });
    await client.vms.waitUntilRunning(vm.id);
    expect((await client.vms.pause(vm.id)).state).toMatch(/pausing|paused/);
    await client.vms.waitForState(vm.id, 'paused');
    await client.vms.resume(vm.id);
    await client.vms.waitUntilRunning(vm.id);
    await client.vms.restart(vm.id);
    await client.vms.waitUntilRunning(vm.id);
    await client.vms.stop(vm.id, { force: true });
    const stopped = await client.vms.waitUntilStopped(vm.id);
    expect(stopped.state).toBe('stopped');
    const error = await client.vms.pause(vm.id).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('invalid_state');
    await client.vms.start(vm.id);
    await client.vms.waitUntilRunning(vm.id);
  });

  it('updates name and tags, deletes and waits until gone', async () => {
    const vm = await client.vms.create({ name: 'temp', memoryMb: 512, tags: { a: '1' } });
    const renamed = await client.vms.update(vm.id, { name: 'temp-2', tags: { b: '2' } });
    expect(renamed).toMatchObject({ name: 'temp-2', tags: { b: '2' } });
    await client.vms.waitUntilRunning(vm.id);
    await client.vms.delete(vm.id);
    await client.vms.waitUntilDeleted(vm.id, { timeoutMs: 20_000 });
    await expect(client.vms.get(vm.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists with filters, and pages through everything with for await', async () => {
    const made = await client.vms.createMany(
      Array.from({ length: 12 }, (_, i) => ({ name: `page-${i}`, memoryMb: 256, tags: { batch: 'paging', parity: i % 2 ? 'odd' : 'even' } })),
      { concurrency: 4 },
    );
    expect(made.every((r) => r.status === 'fulfilled')).toBe(true);
    const first = await client.vms.list({ tags: { batch: 'paging' }, pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.info).toEqual({ page: 1, pageSize: 5, total: 12, totalPages: 3 });
    const names: string[] = [];
    for await (const vm of client.vms.list({ tags: { batch: 'paging' }, pageSize: 5 })) names.push(vm.name);
    expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `page-${i}`).sort());
    const odd = await client.vms.list({ tags: { batch: 'paging', parity: 'odd' } }).toArray({ limit: 100 });
    expect(odd).toHaveLength(6);
    const byName = await client.vms.list({ name: 'page-1' }).toArray({ limit: 100 });
    expect(byName.map((v) => v.name).sort()).toEqual(['page-1', 'page-10', 'page-11']);
  });

  it('reads metrics and a metrics history', async () => {
    const vm = await client.vms.create({ name: 'metered', memoryMb: 512 });
    await client.vms.waitUntilRunning(vm.id);
    const now = await client.vms.metrics(vm.id);
    expect(now.cpuUsage).toBeGreaterThanOrEqual(0);
    expect(now.cpuUsage).toBeLessThanOrEqual(100);
    const to = Date.now();
    const history = await client.vms.metricsHistory(vm.id, { from: to - 3_600_000, to, stepSeconds: 300 });
    expect(history.stepSeconds).toBe(300);
    expect(history.points.length).toBeGreaterThanOrEqual(12);
    await expect(client.vms.metrics('vm-unknown')).rejects.toBeInstanceOf(NotFoundError);
  });
});
