import type { VmWire } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator, type Simulator } from '../src/index';
import { metricsPoint } from '../src/internal/world/metrics-generator';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');

describe('GET /vms/{id}/metrics/history follows the VM’s life', () => {
  let sim: Simulator;
  let op: SimulatorClient;
  let now = T0;

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.01, seed: 'history', clock: () => now });
    op = await SimulatorClient.for(sim).login('operator@novacron.local', 'operator123');
  });
  afterAll(() => sim.close());

  const state = async (id: string, wanted: string) =>
    eventually(async () => ((await op.call<VmWire>('GET', `/api/v1/vms/${id}`)).body.state === wanted ? true : undefined));
  const act = async (id: string, action: string, settled: string) => {
    expect((await op.call('POST', `/api/v1/vms/${id}/${action}`)).status).toBe(202);
    await state(id, settled);
  };
  const history = async (id: string, from: number, to: number) => {
    const res = await op.call('GET', `/api/v1/vms/${id}/metrics/history?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&step=60`);
    expect(res.status).toBe(200);
    return res.body.points as Array<{ timestamp: string; cpu_usage: number; memory_usage: number; iops: number; network_rx_bytes: number }>;
  };

  it('has no points before the VM was created, and zero utilisation while it was not running', async () => {
    now = T0;
    const created = await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'history-1' } });
    expect(created.status).toBe(201);
    const id = created.body.id!;
    await state(id, 'running'); // running from T0 (the clock stands still while the VM boots)
    now = T0 + 10 * MINUTE;
    await act(id, 'stop', 'stopped'); // not running from T0+10m
    now = T0 + 20 * MINUTE;
    await act(id, 'start', 'running'); // running again from T0+20m
    now = T0 + 30 * MINUTE;

    const points = await history(id, T0 - 30 * MINUTE, now);
    const minutes = points.map((p) => (Date.parse(p.timestamp) - T0) / MINUTE);
    expect(minutes).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const seconds = (minute: number) => (T0 + minute * MINUTE) / 1000;
    for (const [i, point] of points.entries()) {
      const running = i < 10 || i >= 20;
      expect(point).toEqual(metricsPoint('history', id, seconds(i), running));
      if (running) expect(point.cpu_usage).toBeGreaterThan(0);
      else expect([point.cpu_usage, point.memory_usage, point.iops, point.network_rx_bytes]).toEqual([0, 0, 0, 0]);
    }
    // History never changes once served.
    expect(await history(id, T0 - 30 * MINUTE, now)).toEqual(points);
  });

  it('answers an empty list for a range that ends before the VM existed', async () => {
    now = T0 + 60 * MINUTE;
    const created = await op.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'history-2' } });
    expect(await history(created.body.id!, T0, T0 + 59 * MINUTE)).toEqual([]);
    expect((await history(created.body.id!, T0, now)).map((p) => p.timestamp)).toEqual([new Date(now).toISOString()]);
  });
});
