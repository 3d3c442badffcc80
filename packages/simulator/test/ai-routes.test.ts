import { AiClient, candidatesFromFleet, placeVm, placementToCreateOptions, type PlacementRecommendationWire } from '@novacron/ai';
import { CoreClient, NotFoundError, ValidationError } from '@novacron/core';
import type { VmWire } from '@novacron/vm';
import { SimulatorClient, eventually, startSimulator, type EventEnvelope, type Simulator } from '../src/index';

// Pinned so every metric the AI routes read is the same on every run.
const NOW = Date.UTC(2024, 5, 12, 15, 0, 0);

describe('AI routes', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  let core: CoreClient;
  const events: EventEnvelope[] = [];
  const vms: VmWire[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.01, seed: 'ai-routes', clock: () => NOW });
    sim.events.subscribe((event) => events.push(event));
    admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
    core = new CoreClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', maxRetries: 0 });
    const specs = [
      { name: 'web-1', cpu_shares: 4, memory_mb: 8192, tags: { app: 'web', env: 'prod' } },
      { name: 'web-2', cpu_shares: 4, memory_mb: 8192, tags: { app: 'web', env: 'prod' } },
      { name: 'dev-box', cpu_shares: 8, memory_mb: 32768, tags: { app: 'tools', env: 'dev' } },
    ];
    for (const body of specs) {
      const res = await admin.call<VmWire>('POST', '/api/v1/vms', { body });
      expect(res.status).toBe(201);
      vms.push(await eventually(async () => {
        const vm = (await admin.call<VmWire>('GET', `/api/v1/vms/${res.body.id}`)).body;
        return vm.state === 'running' ? vm : undefined;
      }));
    }
  });
  afterAll(async () => {
    await core.close();
    await sim.close();
  });

  describe('the old EnhancedNovaCronClient request shapes, as it sends them', () => {
    it('POST /api/ai/placement {vm_specs, constraints, cloud_provider, region} answers its PlacementRecommendation fields', async () => {
      const res = await admin.call<PlacementRecommendationWire>('POST', '/api/ai/placement', {
        body: {
          vm_specs: { name: 'batch-processor', cpu_shares: 8192, memory_mb: 16384, disk_size_gb: 200 },
          constraints: { complianceRegions: ['us-east-1', 'us-central1'], performance: 'medium', budgetLimit: 200 },
          cloud_provider: 'local',
        },
      });
      expect(res.status).toBe(200);
      expect(['node-aws-use1', 'node-gcp-usc1']).toContain(res.body.recommended_node);
      expect(res.body.confidence_score).toBeGreaterThanOrEqual(0);
      expect(res.body.confidence_score).toBeLessThanOrEqual(1);
      expect(typeof res.body.reasoning).toBe('string');
      expect(res.body.alternative_nodes).toHaveLength(1);
      expect(res.body.alternative_nodes[0]).toEqual({ node_id: expect.any(String), score: expect.any(Number), rank: 2, pros: expect.any(Array), cons: expect.any(Array) });
      // the other three nodes are out of region, each with the reason
      expect(res.body.rejected!.map((r) => r.filter)).toEqual(['region', 'region', 'region']);
      // cpu_shares 8192 is read as cgroup shares: 8 vCPUs, which is what the engine scored
      const snapshot = sim.controls.snapshot();
      const expected = placeVm(
        { cpu: 8, memoryMb: 16384, diskGb: 200, name: 'batch-processor', constraints: { regions: ['us-east-1', 'us-central1'], preferredLabels: { provider: 'local' } } },
        candidatesFromFleet(snapshot.nodes, snapshot.vms),
        { weights: { cost: 0 } },
      );
      const served = await admin.call<PlacementRecommendationWire>('POST', '/api/ai/placement', {
        body: { vm_specs: { cpu_shares: 8192, memory_mb: 16384, disk_size_gb: 200, name: 'batch-processor' }, constraints: { complianceRegions: ['us-east-1', 'us-central1'] }, cloud_provider: 'local', weights: { cost: 0 } },
      });
      expect(served.body.recommended_node).toBe(expected.nodeId);
      expect(served.body.confidence_score).toBeCloseTo(expected.confidence, 12);
    });

    it('answers 409 with every rejection when nothing fits', async () => {
      const res = await admin.call('POST', '/api/v1/ai/placement', { body: { vm_specs: { cpu_shares: 4, memory_mb: 2_000_000 } } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('no_feasible_node');
      expect(res.body.error.details).toHaveLength(5);
      expect(res.body.error.details[0]).toEqual({ path: 'node-kvm-01', message: expect.stringMatching(/^capacity: insufficient MiB memory: needs 2000000, \d+ free$/) });
    });

    it('GET /api/ai/scaling/{vmId}?forecast_hours= answers recommended_cpu and recommended_memory', async () => {
      const res = await admin.call('GET', `/api/ai/scaling/${vms[0]!.id}?forecast_hours=24`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ vm_id: vms[0]!.id, forecast_hours: 24, percentile: 95, level: 90, current_cpu: 4, current_memory: 8192 });
      expect(Number.isInteger(res.body.recommended_cpu)).toBe(true);
      expect(res.body.recommended_cpu).toBeGreaterThanOrEqual(1);
      expect(res.body.recommended_memory % 256).toBe(0);
      expect(res.body.forecast.timestamps).toHaveLength(24 * 4);
      expect(Date.parse(res.body.scale_at)).toBe(Date.parse(res.body.peak_at) - 15 * 60_000);
      expect((await admin.call('GET', '/api/ai/scaling/vm-nope')).status).toBe(404);
      expect((await admin.call('GET', `/api/ai/scaling/${vms[0]!.id}?forecast_hours=-1`)).status).toBe(400);
    });

    it('GET /api/ai/cost-optimization?tenant_id= answers a bare array the old client iterates', async () => {
      const res = await admin.call('GET', '/api/ai/cost-optimization?tenant_id=default');
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.length).toBeGreaterThan(0);
      for (const r of res.body) {
        expect(r).toMatchObject({ type: expect.any(String), title: expect.any(String), risk_level: expect.stringMatching(/^(low|medium|high)$/), monthly_savings: expect.any(Number) });
        expect(vms.map((vm) => vm.id)).toContain(r.vm_id);
      }
      const savings = res.body.map((r: { monthly_savings: number }) => r.monthly_savings);
      expect(savings).toEqual([...savings].sort((a: number, b: number) => b - a));
      const sized = res.body.find((r: { type: string }) => r.type === 'rightsizing');
      expect(sized.percentile).toBe(95);
      expect(sized.recommended_specs.cpu_shares).toBeGreaterThanOrEqual(sized.demand.cpu * 1.2 - 1e-9);
    });

    it('raises cost.budget_alert once per threshold when a monthly budget is given', async () => {
      const before = events.length;
      expect((await admin.call('GET', '/api/v1/ai/cost-optimization?monthly_budget=5')).status).toBe(200);
      const alerts = events.slice(before).filter((e) => e.type === 'cost.budget_alert');
      expect(alerts.map((a) => [a.data.threshold, a.data.kind])).toEqual([
        [50, 'actual'],
        [80, 'actual'],
        [100, 'actual'],
      ]);
      expect(alerts[0]!.tenant_id).toBe('default');
      const again = events.length;
      await admin.call('GET', '/api/v1/ai/cost-optimization?monthly_budget=5');
      expect(events.slice(again).filter((e) => e.type === 'cost.budget_alert')).toEqual([]);
    });
  });

  describe('AiClient against the simulator', () => {
    it('server and local modes agree on placement, and the result feeds vms.create', async () => {
      const input = { name: 'api-3', cpu: 2, memoryMb: 4096, labels: { app: 'web' }, constraints: { antiAffinity: [{ selector: { app: 'web' }, hard: true }] }, weights: { cost: 0 } };
      const server = await new AiClient(core, { mode: 'server' }).placement(input);
      const local = await new AiClient(core, { mode: 'local' }).placement(input);
      expect(server.source).toBe('server');
      expect(local.source).toBe('local');
      expect(local.nodeId).toBe(server.nodeId);
      expect(local.confidence).toBeCloseTo(server.confidence, 12);
      expect(local.rejected).toEqual(server.rejected);
      // the web VMs' nodes are ruled out by the hard anti-affinity
      const webNodes = new Set(vms.filter((vm) => vm.tags?.app === 'web').map((vm) => vm.node_id));
      expect(server.rejected.map((r) => r.nodeId).sort()).toEqual([...webNodes].sort());
      const created = await admin.call<VmWire>('POST', '/api/v1/vms', { body: { name: 'api-3', cpu_shares: 2, memory_mb: 4096, node_id: placementToCreateOptions(server).nodeId } });
      expect(created.status).toBe(201);
      expect(created.body.node_id).toBe(server.nodeId);
    });

    it('reads scaling and cost recommendations in camelCase', async () => {
      const ai = new AiClient(core, { mode: 'server' });
      const scaling = await ai.scaling(vms[1]!.id, { forecastHours: 12, percentile: 90, leadMinutes: 30 });
      expect(scaling).toMatchObject({ vmId: vms[1]!.id, forecastHours: 12, percentile: 90, level: 80, leadMinutes: 30, currentCpu: 4 });
      expect(scaling.forecast.cpuUpper).toHaveLength(48);
      const costs = await ai.costOptimization({ tenantId: 'default' });
      expect(costs.length).toBeGreaterThan(0);
      expect(costs[0]).toMatchObject({ vmId: expect.any(String), monthlySavings: expect.any(Number), risk: expect.stringMatching(/^(low|medium|high)$/) });
      expect(ai.lastSource).toBe('server');
    });

    it('auto mode falls back to the local engines when the server answers 404 on an AI route', async () => {
      const ai = new AiClient(core, { mode: 'auto' });
      const fault = sim.controls.faults.inject({ route: 'POST /ai/placement', status: 404 });
      try {
        const result = await ai.placement({ cpu: 1, memoryMb: 1024, weights: { cost: 0 } });
        expect(result.source).toBe('local');
        expect(ai.lastSource).toBe('local');
      } finally {
        sim.controls.faults.remove(fault);
      }
      const served = await ai.placement({ cpu: 1, memoryMb: 1024, weights: { cost: 0 } });
      expect(served.source).toBe('server');
    });

    it('auto mode falls back on 501, but a missing VM stays a NotFoundError', async () => {
      const ai = new AiClient(core, { mode: 'auto', clock: () => NOW });
      const fault = sim.controls.faults.inject({ route: 'GET /ai/scaling/{vmId}', status: 501 });
      try {
        const local = await ai.scaling(vms[0]!.id, { forecastHours: 6 });
        expect(ai.lastSource).toBe('local');
        expect(local.vmId).toBe(vms[0]!.id);
        expect(local.forecast.cpuUpper).toHaveLength(24);
      } finally {
        sim.controls.faults.remove(fault);
      }
      await expect(ai.scaling('vm-does-not-exist')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('rejects bad input with a ValidationError before any request', async () => {
      const ai = new AiClient(core, { mode: 'auto' });
      await ai.scaling(vms[0]!.id); // logged in, so the counter below sees only what these calls send
      const before = sim.controls.stats().requests;
      await expect(ai.placement({ cpu: -2, memoryMb: 1024 })).rejects.toBeInstanceOf(ValidationError);
      await expect(ai.placement({ cpu: 1, memoryMb: 1024, weights: { cost: -1 } })).rejects.toThrow(/weights\.cost/);
      await expect(ai.scaling('bad/id')).rejects.toBeInstanceOf(ValidationError);
      await expect(ai.scaling(vms[0]!.id, { forecastHours: 0 })).rejects.toThrow(/forecastHours/);
      await expect(ai.anomalies({ timeWindow: 1.5 })).rejects.toBeInstanceOf(ValidationError);
      await expect(ai.costOptimization({ percentile: 120 })).rejects.toThrow(/percentile/);
      expect(sim.controls.stats().requests).toBe(before);
    });
  });
  describe('anomalies', () => {
    const iso = (ms: number) => new Date(ms).toISOString();

    it('GET /api/ai/anomalies?time_window=&vm_id= answers a bare array in the old shape; a quiet fleet has none', async () => {
      const res = await admin.call('GET', '/api/ai/anomalies?time_window=3600');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect((await admin.call('GET', '/api/ai/anomalies?time_window=0')).status).toBe(400);
      expect((await admin.call('GET', '/api/ai/anomalies?vm_id=vm-nope')).status).toBe(404);
    });

    it('finds an injected spike, level shift and drift where they were put, and raises each once', async () => {
      const inject = (body: Record<string, unknown>) => admin.call('POST', '/api/v1/ai/anomaly-injections', { body });
      expect((await inject({ vm_id: vms[2]!.id, kind: 'spike', magnitude: 50, start: iso(NOW - 40 * 60_000), duration_seconds: 180 })).status).toBe(201);
      expect((await inject({ vm_id: vms[1]!.id, kind: 'level_shift', metric: 'memory', magnitude: 30, start: iso(NOW - 30 * 60_000) })).status).toBe(201);
      expect((await inject({ vm_id: vms[0]!.id, kind: 'drift', magnitude: 60, start: iso(NOW - 30 * 60_000), duration_seconds: 900 })).status).toBe(201);
      const viewer = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
      expect((await viewer.call('POST', '/api/v1/ai/anomaly-injections', { body: { vm_id: vms[0]!.id, kind: 'spike' } })).status).toBe(403);
      const before = events.length;
      try {
        const res = await admin.call('GET', '/api/ai/anomalies?time_window=3600');
        const first = (vmId: string) => res.body.find((a: { vm_id: string }) => a.vm_id === vmId);
        const spike = first(vms[2]!.id);
        expect(spike).toMatchObject({ kind: 'cpu_high', metric: 'cpu', started_at: iso(NOW - 40 * 60_000), ended_at: iso(NOW - 37 * 60_000), points: 4 });
        expect(spike).toEqual(expect.objectContaining({ type: expect.any(String), severity: expect.any(String), description: expect.any(String), metrics: { cpu_usage: expect.any(Number), memory_usage: expect.any(Number) } }));
        expect(first(vms[1]!.id)).toMatchObject({ kind: 'memory_high', metric: 'memory', started_at: iso(NOW - 30 * 60_000) });
        const drift = first(vms[0]!.id);
        expect(drift.kind).toBe('cpu_high');
        expect(Date.parse(drift.started_at)).toBeGreaterThan(NOW - 30 * 60_000);
        expect(Date.parse(drift.started_at)).toBeLessThan(NOW - 15 * 60_000);
        // one VM only
        const one = await admin.call('GET', `/api/v1/ai/anomalies?time_window=3600&vm_id=${vms[1]!.id}`);
        expect(one.body.map((a: { vm_id: string }) => a.vm_id)).toEqual(res.body.filter((a: { vm_id: string }) => a.vm_id === vms[1]!.id).map(() => vms[1]!.id));
        const detected = events.slice(before).filter((e) => e.type === 'anomaly.detected');
        expect(detected.map((e) => (e.data.anomaly as { id: string }).id)).toEqual(res.body.map((a: { id: string }) => a.id));
        expect(events.slice(before).some((e) => e.type === 'performance.degraded')).toBe(true);
        // through the client, in camelCase
        const seen = await new AiClient(core, { mode: 'server' }).anomalies({ timeWindow: 3600, vmId: vms[2]!.id });
        expect(seen[0]).toMatchObject({ vmId: vms[2]!.id, kind: 'cpu_high', startedAt: iso(NOW - 40 * 60_000), points: 4 });
      } finally {
        expect((await admin.call('DELETE', '/api/v1/ai/anomaly-injections')).body).toEqual({ removed: 3 });
      }
    });
  });
});
