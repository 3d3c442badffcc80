import { startSimulator, type Simulator } from '@novacron/simulator';
import { createClient, NotFoundError, PermissionDeniedError, type NovaCronClient } from '../src';

describe('tenancy and roles', () => {
  let sim: Simulator;
  let admin: NovaCronClient;
  let alice: NovaCronClient;
  let viewer: NovaCronClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    admin = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    alice = createClient({ baseUrl: sim.url, email: 'alice@tenant-b.local', password: 'alice123', env: {} });
    viewer = createClient({ baseUrl: sim.url, email: 'viewer@novacron.local', password: 'viewer123', env: {} });
  });
  afterAll(async () => {
    await Promise.all([admin.close(), alice.close(), viewer.close()]);
    await sim.close();
  });

  it("tenant A cannot read, change or delete tenant B's VMs", async () => {
    const theirs = await alice.vms.create({ name: 'b-secret', memoryMb: 512 });
    await expect(admin.vms.get(theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.vms.update(theirs.id, { name: 'stolen' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.vms.stop(theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.vms.delete(theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.migrations.start(theirs.id, { targetNodeId: 'node-kvm-01', type: 'cold' })).rejects.toBeInstanceOf(NotFoundError);
    const mine = await admin.vms.list({ pageSize: 500 }).toArray({ limit: 1000 });
    expect(mine.some((vm) => vm.id === theirs.id)).toBe(false);
    const still = await alice.vms.get(theirs.id);
    expect(still.name).toBe('b-secret');
  });

  it('a viewer can read but not mutate: every mutating method of the SDK is PermissionDeniedError and changes nothing', async () => {
    const vm = await admin.vms.waitUntilRunning((await admin.vms.create({ name: 'viewed', memoryMb: 512 })).id);
    const network = await admin.networks.create({ name: 'viewed-net', subnet: '10.78.0.0/24' });
    const nic = await admin.interfaces.attach(vm.id, { name: 'eth1', networkId: network.id });
    const target = (await admin.nodes.list()).items.find((node) => node.id !== vm.nodeId && node.status === 'online')!;
    const migration = await admin.migrations.start(vm.id, { targetNodeId: target.id, type: 'cold' });
    await admin.migrations.wait(migration.id);
    const settled = await admin.vms.waitUntilRunning(vm.id);
    const before = sim.controls.snapshot();

    await expect(viewer.vms.get(vm.id)).resolves.toMatchObject({ id: vm.id });
    const attempts: Record<string, () => Promise<unknown>> = {
      'vms.create': () => viewer.vms.create({ name: 'nope', memoryMb: 512 }),
      'vms.update': () => viewer.vms.update(vm.id, { name: 'renamed' }),
      'vms.delete': () => viewer.vms.delete(vm.id),
      'vms.start': () => viewer.vms.start(vm.id),
      'vms.stop': () => viewer.vms.stop(vm.id),
      'vms.restart': () => viewer.vms.restart(vm.id),
      'vms.pause': () => viewer.vms.pause(vm.id),
      'vms.resume': () => viewer.vms.resume(vm.id),
      'migrations.start': () => viewer.migrations.start(vm.id, { targetNodeId: settled.nodeId === target.id ? vm.nodeId! : target.id }),
      'migrations.cancel': () => viewer.migrations.cancel(migration.id),
      'networks.create': () => viewer.networks.create({ name: 'nope-net', subnet: '10.79.0.0/24' }),
      'networks.delete': () => viewer.networks.delete(network.id),
      'interfaces.attach': () => viewer.interfaces.attach(vm.id, { name: 'eth2' }),
      'interfaces.update': () => viewer.interfaces.update(vm.id, nic.id, { name: 'eth9' }),
      'interfaces.detach': () => viewer.interfaces.detach(vm.id, nic.id),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      outcomes[name] = await attempt().then(
        () => 'resolved',
        (error: unknown) => (error instanceof PermissionDeniedError ? 'PermissionDeniedError' : String(error)),
      );
    }
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, 'PermissionDeniedError'])));
    expect(sim.controls.snapshot()).toEqual(before);
  });
});
