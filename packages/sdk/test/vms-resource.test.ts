import { simulatorSession } from './support/simulator-session';
import { ConflictError, NotFoundError } from '../src';

describe('vms (through @novacron/sdk against the simulator)', () => {
  // The simulated clock runs ahead of the real one by `clockOffsetMs` (the metrics test lets hours pass).
  let clockOffsetMs = 0;
  const session = simulatorSession({ simulator: { clock: () => Date.now() + clockOffsetMs }, client: { email: 'operator@novacron.local', password: 'operator123' } });

  it('creates with sizing, image, tags and placement hints, and reads it back', async () => {
    const nodes = (await session.client.nodes.list()).items;
    const preferred = nodes[1]!.id;
    const vm = await session.client.vms.create({
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
    const running = await session.client.vms.waitUntilRunning(vm.id, { timeoutMs: 20_000 });
    expect(running.resourceVersion!).toBeGreaterThan(vm.resourceVersion!);
    expect((await session.client.vms.get(vm.id)).state).toBe('running');
  });

  it('goes through the lifecycle with waiters, and refuses an invalid transition', async () => {
    const vm = await session.client.vms.create({ name: 'life', memoryMb: 512 });
    await session.client.vms.waitUntilRunning(vm.id);
    expect((await session.client.vms.pause(vm.id)).state).toMatch(/pausing|paused/);
    await session.client.vms.waitForState(vm.id, 'paused');
    await session.client.vms.resume(vm.id);
    await session.client.vms.waitUntilRunning(vm.id);
    await session.client.vms.restart(vm.id);
    await session.client.vms.waitUntilRunning(vm.id);
    await session.client.vms.stop(vm.id, { force: true });
    const stopped = await session.client.vms.waitUntilStopped(vm.id);
    expect(stopped.state).toBe('stopped');
    const error = await session.client.vms.pause(vm.id).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('invalid_state');
    await session.client.vms.start(vm.id);
    await session.client.vms.waitUntilRunning(vm.id);
  });

  it('updates name and tags, deletes and waits until gone', async () => {
    const vm = await session.client.vms.create({ name: 'temp', memoryMb: 512, tags: { a: '1' } });
    const renamed = await session.client.vms.update(vm.id, { name: 'temp-2', tags: { b: '2' } });
    expect(renamed).toMatchObject({ name: 'temp-2', tags: { b: '2' } });
    await session.client.vms.waitUntilRunning(vm.id);
    await session.client.vms.delete(vm.id);
    await session.client.vms.waitUntilDeleted(vm.id, { timeoutMs: 20_000 });
    await expect(session.client.vms.get(vm.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists with filters, and pages through everything with for await', async () => {
    const made = await session.client.vms.createMany(
      Array.from({ length: 12 }, (_, i) => ({ name: `page-${i}`, memoryMb: 256, tags: { batch: 'paging', parity: i % 2 ? 'odd' : 'even' } })),
      { concurrency: 4 },
    );
    expect(made.every((r) => r.status === 'fulfilled')).toBe(true);
    const first = await session.client.vms.list({ tags: { batch: 'paging' }, pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.info).toEqual({ page: 1, pageSize: 5, total: 12, totalPages: 3 });
    const names: string[] = [];
    for await (const vm of session.client.vms.list({ tags: { batch: 'paging' }, pageSize: 5 })) names.push(vm.name);
    expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `page-${i}`).sort());
    const odd = await session.client.vms.list({ tags: { batch: 'paging', parity: 'odd' } }).toArray({ limit: 100 });
    expect(odd).toHaveLength(6);
    const byName = await session.client.vms.list({ name: 'page-1' }).toArray({ limit: 100 });
    expect(byName.map((v) => v.name).sort()).toEqual(['page-1', 'page-10', 'page-11']);
  });

  it('reads metrics and a metrics history that starts when the VM was created and reads zero until it ran', async () => {
    const vm = await session.client.vms.create({ name: 'metered', memoryMb: 512 });
    await session.client.vms.waitUntilRunning(vm.id);
    const now = await session.client.vms.metrics(vm.id);
    expect(now.cpuUsage).toBeGreaterThan(0);
    expect(now.cpuUsage).toBeLessThanOrEqual(100);

    const { createdAt, startedAt } = await session.client.vms.get(vm.id);
    const created = Date.parse(createdAt!);
    const started = Date.parse(startedAt!);
    clockOffsetMs += 2 * 3_600_000; // two hours pass on the simulated clock
    const to = created + 2 * 3_600_000;
    const history = await session.client.vms.metricsHistory(vm.id, { from: to - 3 * 3_600_000, to, stepSeconds: 300 });
    expect(history.stepSeconds).toBe(300);
    const expected: number[] = [];
    for (let t = Math.ceil(created / 300_000) * 300_000; t <= to; t += 300_000) expected.push(t);
    expect(history.points.map((p) => Date.parse(p.timestamp))).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(24);
    for (const point of history.points) expect([point.timestamp, point.cpuUsage > 0]).toEqual([point.timestamp, Date.parse(point.timestamp) >= started]);
    await expect(session.client.vms.metrics('vm-unknown')).rejects.toBeInstanceOf(NotFoundError);
  });
});
