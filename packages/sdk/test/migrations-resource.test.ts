import { simulatorSession } from './support/simulator-session';
import { ConflictError, OperationFailedError, type Migration } from '../src';

describe('migrations', () => {
  const session = simulatorSession();

  async function runningVm(name: string) {
    const vm = await session.client.vms.create({ name, memoryMb: 1024 });
    return session.client.vms.waitUntilRunning(vm.id);
  }

  async function otherNode(nodeId: string | null) {
    return (await session.client.nodes.list()).items.find((n) => n.id !== nodeId && n.status === 'online')!.id;
  }

  it('live-migrates a VM with progress to completion, and the VM ends on the target', async () => {
    const vm = await runningVm('mover');
    const target = await otherNode(vm.nodeId);
    const started = await session.client.migrations.start(vm.id, { targetNodeId: target, type: 'live' });
    const seen: Migration[] = [];
    const done = await session.client.migrations.wait(started.id, { intervalMs: 20, onProgress: (m) => seen.push(m) });
    expect(done.state).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.bytesTransferred).toBe(done.totalBytes);
    const progress = seen.map((m) => m.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(seen.map((m) => m.state)).size).toBeGreaterThan(1);
    expect((await session.client.vms.get(vm.id)).nodeId).toBe(target);
    const listed = await session.client.migrations.list({ vmId: vm.id }).toArray({ limit: 10 });
    expect(listed.map((m) => m.id)).toContain(started.id);
  });

  it('migrates cold when no type is given (upstream’s default), as the root README does', async () => {
    const vm = await runningVm('untyped');
    const started = await session.client.migrations.start(vm.id, { targetNodeId: await otherNode(vm.nodeId) });
    expect(started.type).toBe('cold');
    expect((await session.client.migrations.wait(started.id, { intervalMs: 20 })).state).toBe('completed');
  });

  it('a failed migration ends the wait with OperationFailedError and the VM stays where it was', async () => {
    const vm = await runningVm('unlucky');
    session.sim.controls.failNextMigration('link down');
    const started = await session.client.migrations.start(vm.id, { targetNodeId: await otherNode(vm.nodeId), type: 'warm' });
    const error = await session.client.migrations.wait(started.id, { intervalMs: 20 }).catch((e) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error.message).toContain('link down');
    const after = await session.client.vms.waitUntilRunning(vm.id);
    expect(after.nodeId).toBe(vm.nodeId);
  });

  it('cancels a migration, and refuses one to the node it is already on', async () => {
    const vm = await runningVm('stay');
    await expect(session.client.migrations.start(vm.id, { targetNodeId: vm.nodeId!, type: 'cold' })).rejects.toBeInstanceOf(ConflictError);
    session.sim.controls.setTimeScale(1);
    const started = await session.client.migrations.start(vm.id, { targetNodeId: await otherNode(vm.nodeId), type: 'cold' });
    const cancelled = await session.client.migrations.cancel(started.id);
    session.sim.controls.setTimeScale(0.05);
    expect(cancelled.state).toBe('cancelled');
    await expect(session.client.migrations.wait(started.id)).rejects.toBeInstanceOf(OperationFailedError);
  });
});
