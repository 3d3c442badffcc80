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

  it('a viewer can read but not mutate', async () => {
    const vm = await admin.vms.create({ name: 'viewed', memoryMb: 512 });
    await expect(viewer.vms.get(vm.id)).resolves.toMatchObject({ id: vm.id });
    await expect(viewer.vms.create({ name: 'nope', memoryMb: 512 })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(viewer.vms.update(vm.id, { name: 'renamed' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(viewer.vms.delete(vm.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await admin.vms.get(vm.id)).name).toBe('viewed');
  });
});
