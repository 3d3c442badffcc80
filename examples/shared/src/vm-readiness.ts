import type { NovaCronClient, Vm } from '@novacron/sdk';

/**
 * A new VM settles in `stopped` or `running` (servers differ on whether a create also starts it):
 * wait for it to leave `creating`/`starting`, start it if it stopped, and wait until it runs.
 */
export async function untilRunning(client: NovaCronClient, id: string, options: { intervalMs?: number; timeoutMs?: number } = {}): Promise<Vm> {
  const intervalMs = options.intervalMs ?? 50;
  let vm = await client.vms.get(id, { cache: 'no-cache' });
  while (vm.state === 'creating' || vm.state === 'starting') {
    await new Promise((r) => setTimeout(r, intervalMs));
    vm = await client.vms.get(id, { cache: 'no-cache' });
  }
  if (vm.state === 'running') return vm;
  await client.vms.start(id);
  return client.vms.waitUntilRunning(id, { intervalMs, timeoutMs: options.timeoutMs ?? 120_000 });
}
