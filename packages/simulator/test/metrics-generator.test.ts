import type { VmMetricsHistoryWire, VmWire } from '@novacron/vm';
import { VmMetricsHistoryWireSchema, VmMetricsWireSchema } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator } from '../src/index';
import { metricsPoint } from '../src/internal/world/metrics-generator';

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-01-01T06:00:00.000Z';
const QUARTER_HOUR_MS = 15 * 60_000;

/** A VM created (and running) at FROM on the simulated clock, its history read at TO. */
async function historyFor(seed: number): Promise<{ id: string; history: VmMetricsHistoryWire }> {
  let nowMs = Date.parse(FROM);
  const sim = await startSimulator({ seed, timeScale: 0.01, clock: () => nowMs });
  try {
    const c = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    const op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
    const vm = (await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'metrics' } })).body;
    await eventually(async () => ((await op.call<VmWire>('GET', `/api/v1/vms/${vm.id}`)).body.state === 'running' ? true : undefined));
    nowMs = Date.parse(TO);
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
      expect(point.cpu_usage).toBeGreaterThan(0);
      expect(point.cpu_usage).toBeLessThanOrEqual(100);
    }
  });

  it('keeps a running VM busy at every time of day: CPU and memory in [0.5, 100], never exactly 0; disks between 30 and 80 %', () => {
    // 200 VM ids × 96 quarter-hours × 3 seeds: with the old hard clamp at 0, the low-base VMs read 0 % CPU
    // for part of every day, which is what made the route test below fail on about a third of runs.
    const dayStart = Date.parse(FROM) / 1000;
    const outOfRange: string[] = [];
    let lowest = Infinity;
    for (const seed of [1, 42, 'novacron']) {
      for (let v = 0; v < 200; v++) {
        for (let q = 0; q < 96; q++) {
          const p = metricsPoint(seed, `vm-${v}`, dayStart + q * 900 + v);
          const inRange = p.cpu_usage >= 0.5 && p.cpu_usage <= 100 && p.memory_usage >= 0.5 && p.memory_usage <= 100 && p.disk_usage >= 30 && p.disk_usage <= 80;
          if (!inRange || p.network_rx_bytes <= 0 || p.iops <= 0) outOfRange.push(`${seed}/vm-${v}@${q}: ${JSON.stringify(p)}`);
          lowest = Math.min(lowest, p.cpu_usage);
        }
      }
    }
    expect(outOfRange).toEqual([]);
    // The floor is soft, not a plateau: quiet VMs still get close to it.
    expect(lowest).toBeLessThan(2);
    expect(metricsPoint(42, 'vm-1', dayStart, false)).toMatchObject({ cpu_usage: 0, memory_usage: 0, iops: 0, network_rx_bytes: 0 });
    expect(metricsPoint(42, 'vm-1', dayStart + 0.9)).toEqual(metricsPoint(42, 'vm-1', dayStart));
  });

  it('serves current metrics at the injected clock (non-zero CPU at every quarter-hour while running, zero once stopped), 404 for unknown VMs and 400 for bad ranges', async () => {
    let nowMs = Date.parse(FROM);
    const sim = await startSimulator({ timeScale: 0.01, clock: () => nowMs });
    try {
      const op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
      const vms: VmWire[] = [];
      for (let i = 0; i < 8; i++) vms.push((await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: `m-${i}` } })).body);
      const vm = vms[0]!;
      const stateIs = (id: string, state: string) => async () => ((await op.call<VmWire>('GET', `/api/v1/vms/${id}`)).body.state === state ? true : undefined);
      for (const each of vms) await eventually(stateIs(each.id, 'running'));
      for (let q = 0; q < 96; q++) {
        nowMs = Date.parse(FROM) + q * QUARTER_HOUR_MS;
        for (const each of vms) {
          const current = VmMetricsWireSchema.parse((await op.call('GET', `/api/v1/vms/${each.id}/metrics`)).body);
          expect(current.vm_id).toBe(each.id);
          expect(current.timestamp).toBe(new Date(nowMs).toISOString());
          expect(current.cpu_usage).toBeGreaterThan(0);
        }
      }
      await op.call('POST', `/api/v1/vms/${vm.id}/stop`);
      await eventually(stateIs(vm.id, 'stopped'));
      const stopped = VmMetricsWireSchema.parse((await op.call('GET', `/api/v1/vms/${vm.id}/metrics`)).body);
      expect([stopped.cpu_usage, stopped.iops, stopped.network_rx_bytes]).toEqual([0, 0, 0]);
      expect((await op.call('GET', '/api/v1/vms/vm-missing/metrics')).status).toBe(404);
      // Default window: the hour before the injected clock, whatever time the test runs at.
      const lastHour = await op.call<VmMetricsHistoryWire>('GET', `/api/v1/vms/${vm.id}/metrics/history`);
      expect(lastHour.body.points.at(-1)!.timestamp).toBe(new Date(nowMs).toISOString());
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
