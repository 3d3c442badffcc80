/**
 * The quickstart: a NovaCron control plane is started in this process (the simulator), and the
 * SDK drives it exactly as it would drive a real server. Point NOVACRON_API_URL (with
 * NOVACRON_EMAIL and NOVACRON_PASSWORD) at a real server to run the same steps there.
 */
import { createClient, type Vm } from '@novacron/sdk';
import { startSimulator } from '@novacron/simulator';
import { fleetTable, migrationBar, progressBar } from './terminal-output';

const useSimulator = !process.env.NOVACRON_API_URL;
const simulator = useSimulator ? await startSimulator({ port: 0, seed: 42, timeScale: 0.3 }) : undefined;

const client = createClient({
  baseUrl: simulator?.url,
  email: useSimulator ? 'admin@novacron.local' : undefined,
  password: useSimulator ? 'admin123' : undefined,
});

try {
  console.log(`NovaCron at ${client.core.settings.baseUrl}${simulator ? ' (embedded simulator)' : ''}\n`);

  // 1. Batch-create 20 VMs, five at a time; one failure would not stop the others.
  const names = Array.from({ length: 20 }, (_, i) => `web-${String(i + 1).padStart(2, '0')}`);
  const create = progressBar('Creating VMs', names.length);
  const created = await client.vms.createMany(
    names.map((name, i) => ({ name, cpuShares: 2 + (i % 3) * 2, memoryMb: 2048 * (1 + (i % 2)), diskSizeGb: 20, image: 'ubuntu-24.04', tags: { app: 'web', tier: i < 10 ? 'blue' : 'green' } })),
    { concurrency: 5, onProgress: ({ done, failed }) => create.update(done + failed, { failed }) },
  );
  create.stop();
  const vms = created.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  for (const r of created) if (r.status === 'rejected') console.log(`  ✗ ${r.input.name}: ${(r.error as Error).message}`);

  // 2. Start them: wait for provisioning to finish, start whatever is not running yet, wait again.
  const start = progressBar('Starting VMs', vms.length);
  let started = 0;
  await Promise.all(
    vms.map(async (vm) => {
      let current: Vm = await waitSettled(vm.id);
      if (current.state !== 'running') {
        await client.vms.start(vm.id);
        current = await client.vms.waitUntilRunning(vm.id, { timeoutMs: 60_000 });
      }
      start.update(++started);
      return current;
    }),
  );
  start.stop();

  // 3. Live-migrate one VM to another node, showing its progress.
  const subject = await client.vms.get(vms[0]!.id);
  const nodes = await client.nodes.list();
  const target = nodes.items.find((n) => n.id !== subject.nodeId && n.status === 'online' && n.schedulable);
  if (target) {
    const migration = await client.migrations.start(subject.id, { targetNodeId: target.id, type: 'live' });
    const bar = migrationBar(`Live-migrating ${subject.name} ${subject.nodeId} → ${target.id}`);
    const done = await client.migrations.wait(migration.id, {
      intervalMs: 100,
      timeoutMs: 120_000,
      onProgress: (m) => bar.update(Math.round(m.progress), { state: m.state, rate: (m.transferRate / 2 ** 20).toFixed(0) }),
    });
    bar.update(100, { state: done.state, rate: (done.transferRate / 2 ** 20).toFixed(0) });
    bar.stop();
    console.log(`  downtime ${done.downtimeMs ?? 0} ms, ${(done.bytesTransferred / 2 ** 30).toFixed(2)} GiB moved\n`);
  }

  // 4. The fleet, as the server sees it now.
  const fleet = await client.vms.list({ tags: { app: 'web' }, pageSize: 100 }).toArray({ limit: 100 });
  console.log(fleetTable(fleet));

  const calls = client.metrics.snapshot().reduce((sum, r) => sum + r.count, 0);
  console.log(`\n${calls} API calls; p95 per route:`);
  for (const r of client.metrics.snapshot()) console.log(`  ${r.route.padEnd(32)} ${String(r.count).padStart(4)} calls  p95 ${r.p95Ms.toFixed(1)} ms`);
} finally {
  await client.close();
  await simulator?.close();
}

/** Wait until a new VM has left its transitional states (`creating`, `starting`). */
async function waitSettled(id: string): Promise<Vm> {
  for (;;) {
    const vm = await client.vms.get(id);
    if (vm.state !== 'creating' && vm.state !== 'starting') return vm;
    await new Promise((r) => setTimeout(r, 100));
  }
}
