import { eventually, SimulatorClient, startSimulator, type Simulator } from '@novacron/simulator';
import { createClient, NotFoundError, PermissionDeniedError, ValidationError, type NovaCronClient } from '../src';

/** A pinned simulated clock: metrics, alerts and the summary are the same on every run. */
const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('MonitoringResource over HTTP', () => {
  let sim: Simulator;
  let admin: NovaCronClient;
  let viewer: NovaCronClient;
  let alice: NovaCronClient;
  const ids: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05, clock: () => NOW, alertIntervalMs: 0 });
    const options = { baseUrl: sim.url, env: {}, responseValidation: 'strict' as const };
    admin = createClient({ ...options, email: 'admin@novacron.local', password: 'admin123' });
    viewer = createClient({ ...options, email: 'viewer@novacron.local', password: 'viewer123' });
    alice = createClient({ ...options, email: 'alice@tenant-b.local', password: 'alice123' });
    for (const name of ['mon-a', 'mon-b', 'mon-c']) ids.push((await admin.vms.create({ name, memoryMb: 512 })).id);
    await Promise.all(ids.map((id) => admin.vms.waitUntilRunning(id, { timeoutMs: 30_000 })));
  });
  afterAll(async () => {
    await Promise.all([admin.close(), viewer.close(), alice.close()]);
    await sim.close();
  });

  it("summarises the tenant's running VMs: the current values are the mean of each VM's metrics", async () => {
    const metrics = await Promise.all(ids.map((id) => admin.vms.metrics(id)));
    const mean = (pick: (m: (typeof metrics)[number]) => number) => Math.round((metrics.reduce((s, m) => s + pick(m), 0) / metrics.length) * 100) / 100;
    const summary = await admin.monitoring.summary();
    expect(summary.currentCpuUsage).toBeCloseTo(mean((m) => m.cpuUsage), 2);
    expect(summary.currentMemoryUsage).toBeCloseTo(mean((m) => m.memoryUsage), 2);
    expect(summary.timeLabels).toHaveLength(6);
    expect(summary.timeLabels[5]).toBe(new Date(NOW).toISOString());
    expect(summary.cpuAnalysis?.series).toHaveLength(6);
    expect(summary.cpuAnalysis?.series[5]).toBe(summary.currentCpuUsage);
    expect(['rising', 'falling', 'stable']).toContain(summary.cpuAnalysis?.trend);
    // Another tenant without VMs sees zeros, not this tenant's fleet.
    expect((await alice.monitoring.summary()).currentCpuUsage).toBe(0);
  });

  it('lists per-VM metrics with pagination, matching each VM', async () => {
    const first = await viewer.monitoring.vms({ pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.info).toEqual({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    const all = await viewer.monitoring.vms({ pageSize: 2 }).toArray({ limit: 10 });
    expect(all.map((row) => row.vmId).sort()).toEqual([...ids].sort());
    const one = all.find((row) => row.vmId === ids[0])!;
    expect(one).toMatchObject({ name: 'mon-a', status: 'running', cpuUsage: (await admin.vms.metrics(ids[0]!)).cpuUsage });
    expect(await alice.monitoring.vms().toArray({ limit: 10 })).toEqual([]);
  });

  it('fires alerts from thresholds, pages and filters them, acknowledges and resolves them, per tenant', async () => {
    const off = { warning: 101, critical: 101 };
    sim.controls.alerts.setThresholds({ cpu: off, memory: off, disk: off });
    expect(await admin.monitoring.alerts().toArray({ limit: 100 })).toEqual([]);
    // Every running VM uses more than 0 % CPU and less than 101 %: one warning each.
    sim.controls.alerts.setThresholds({ cpu: { warning: 0, critical: 101 } });
    const alerts = await admin.monitoring.alerts({ severity: 'warning', pageSize: 2 }).toArray({ limit: 100 });
    expect(alerts.map((a) => a.vmId).sort()).toEqual([...ids].sort());
    expect(alerts.every((a) => a.status === 'firing' && a.metric === 'cpu' && a.threshold === 0 && a.source === 'vm' && !a.acknowledged)).toBe(true);
    expect((await admin.monitoring.alerts({ pageSize: 2 })).info.totalPages).toBe(2);
    expect(await alice.monitoring.alerts().toArray({ limit: 100 })).toEqual([]);

    const target = alerts[0]!;
    await expect(viewer.monitoring.acknowledge(target.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(alice.monitoring.acknowledge(target.id)).rejects.toBeInstanceOf(NotFoundError);
    const acked = await admin.monitoring.acknowledge(target.id);
    expect(acked).toMatchObject({ id: target.id, acknowledged: true, acknowledgedBy: 'admin', status: 'firing' });
    expect((await viewer.monitoring.alerts({ acknowledged: true }).toArray({ limit: 10 })).map((a) => a.id)).toEqual([target.id]);
    await expect(admin.monitoring.acknowledge('alert-none')).rejects.toBeInstanceOf(NotFoundError);

    sim.controls.alerts.setThresholds({ cpu: off });
    const resolved = await admin.monitoring.alerts({ status: 'resolved' }).toArray({ limit: 10 });
    expect(resolved).toHaveLength(3);
    expect(resolved.every((a) => a.resolvedAt === new Date(NOW).toISOString())).toBe(true);
    expect(await admin.monitoring.alerts({ status: 'firing' }).toArray({ limit: 10 })).toEqual([]);
  });

  it('raises a critical alert for a node that goes down, visible to every tenant, and resolves it on recovery', async () => {
    const off = { warning: 101, critical: 101 };
    sim.controls.alerts.setThresholds({ cpu: off, memory: off, disk: off });
    sim.controls.failNode('node-gcp-usc1');
    const down = await alice.monitoring.alerts({ severity: 'critical', status: 'firing' }).toArray({ limit: 10 });
    expect(down).toEqual([expect.objectContaining({ source: 'node', nodeId: 'node-gcp-usc1', metric: 'node_down' })]);
    sim.controls.recoverNode('node-gcp-usc1');
    expect(await alice.monitoring.alerts({ status: 'firing' }).toArray({ limit: 10 })).toEqual([]);
  });

  it('validates parameters before sending, and answers on the /api compat prefix too', async () => {
    expect(() => admin.monitoring.alerts({ pageSize: 0 })).toThrow(ValidationError);
    expect(() => admin.monitoring.alerts({ severity: 'page-me' as never })).toThrow(ValidationError);
    expect(() => admin.monitoring.vms({ page: 0 })).toThrow(ValidationError);
    await expect(admin.monitoring.acknowledge('')).rejects.toBeInstanceOf(ValidationError);
    const raw = SimulatorClient.for(sim, sim.controls.issueAccessToken('viewer'));
    const compat = await eventually(async () => {
      const res = await raw.call('GET', '/api/monitoring/metrics');
      return res.status === 200 ? res.body : undefined;
    });
    expect(compat.currentCpuUsage).toBe((await admin.monitoring.summary()).currentCpuUsage);
  });
});
