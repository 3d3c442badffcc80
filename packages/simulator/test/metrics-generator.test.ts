import type { VmMetricsHistoryWire, VmWire } from '@novacron/vm';
import { VmMetricsHistoryWireSchema, VmMetricsWireSchema } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator } from '../src/index';

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-01-01T06:00:00.000Z';

async function historyFor(seed: number): Promise<{ id: string; history: VmMetricsHistoryWire }> {
  const sim = await startSimulator({ seed, timeScale: 0.01 });
  try {
    const c = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    const op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
    const vm = (await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'metrics' } })).body;
    const res = await c.call<VmMetricsHistoryWire>('GET', `/api/v1/vms/${vm.id}/metrics/history?from=${FROM}&to=${TO}&step=300`);
    expect(res.status).toBe(200);
    return { id: vm.id, history: VmMetricsHistoryWireSchema.parse(res.body) };
  } finally {
    await sim.close();
  }
}

describe('metrics', () => {
  it('is deterministic by seed: same seed, same VM id and numbers; another seed differs', async () => {
    const a = await historyFor(42);
    const b = await historyFor(42);
    const c = await historyFor(43);
    expect(b.id).toBe(a.id);
    expect(b.history).toEqual(a.history);
    expect(c.id).not.toBe(a.id);
    expect(c.history.points.map((p) => p.cpu_usage)).not.toEqual(a.history.points.map((p) => p.cpu_usage));
  });

  it('aligns history to the step and accepts epoch milliseconds', async () => {
    const { history } = await historyFor(42);
    expect(history.step_seconds).toBe(300);
    expect(history.points).toHaveLength(73);
    expect(history.points[0]!.timestamp).toBe(FROM);
    expect(history.points.at(-1)!.timestamp).toBe(TO);
    for (const point of history.points) {
      expect(point.cpu_usage).toBeGreaterThanOrEqual(0);
      expect(point.cpu_usage).toBeLessThanOrEqual(100);
    }
  });

  it('serves current metrics (zero CPU unless running), 404 for unknown VMs and 400 for bad ranges', async () => {
    const sim = await startSimulator({ timeScale: 0.01 });
    try {
      const op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
      const vm = (await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'm' } })).body;
      const stateIs = (state: string) => async () => ((await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body.state === state ? true : undefined);
      await eventually(stateIs('running'));
      const current = VmMetricsWireSchema.parse((await op.call('GET', `/api/v1/vms/${vm.id}/metrics`)).body);
      expect(current.vm_id).toBe(vm.id);
      expect(current.cpu_usage).toBeGreaterThan(0);
      await op.call('POST', `/api/v1/vms/${vm.id}/stop`);
      await eventually(stateIs('stopped'));
      const stopped = VmMetricsWireSchema.parse((await op.call('GET', `/api/v1/vms/${vm.id}/metrics`)).body);
      expect([stopped.cpu_usage, stopped.iops, stopped.network_rx_bytes]).toEqual([0, 0, 0]);
      expect((await op.call('GET', '/api/v1/vms/vm-missing/metrics')).status).toBe(404);
      const epoch = await op.call('GET', `/api/v1/vms/${vm.id}/metrics/history?from=${Date.parse(FROM)}&to=${Date.parse(FROM) + 600_000}&step=60`);
      expect(epoch.body.points).toHaveLength(11);
      expect((await op.call('GET', `/api/v1/vms/${vm.id}/metrics/history?from=${TO}&to=${FROM}`)).status).toBe(400);
      expect((await op.call('GET', `/api/v1/vms/${vm.id}/metrics/history?from=yesterday`)).status).toBe(400);
      expect((await op.call('GET', `/api/v1/vms/${vm.id}/metrics/history?from=0&step=1`)).status).toBe(400);
    } finally {
      await sim.close();
    }
  });
});
