import { WebSocket } from 'ws';
import { startSimulator, SimulatorClient, eventually, type Simulator, type EventEnvelope, type WireJson } from '../src/index';
import { PUBLIC_EGRESS, PUBLIC_PRICES } from '../src/internal/world/federation-catalog-data';

let sim: Simulator;
let api: SimulatorClient;

/** Expectations come from the snapshot's own facts, so a refresh of the prices does not need new numbers here. */
function snapshotOnDemand(provider: string, region: string, type: string): number {
  const hourly = PUBLIC_PRICES.find((r) => r.provider === provider && r.region === region)?.on_demand.hourly[type];
  if (hourly === undefined) throw new Error(`the snapshot has no on-demand price for ${provider}/${region}/${type}`);
  return hourly;
}
const cents = (value: number) => Math.round(value * 100) / 100;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0.01, seed: 'federation' });
  api = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
});
afterAll(() => sim.close());

async function runningVm(name: string, body: Record<string, unknown> = {}): Promise<Record<string, WireJson>> {
  const created = await api.call('POST', '/api/v1/vms', { body: { name, cpu_shares: 2, memory_mb: 4096, disk_size_gb: 20, node_id: 'node-aws-use1', ...body } });
  expect(created.status).toBe(201);
  return eventually(async () => {
    const vm = (await api.call('GET', `/api/v1/vms/${created.body.id}`)).body;
    return vm.state === 'running' ? vm : undefined;
  });
}

function collect(url: string, token: string): { events: EventEnvelope[]; ready: Promise<Record<string, WireJson>>; close(): void } {
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
  const events: EventEnvelope[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'events') events.push(...message.events);
  });
  const ready = new Promise<Record<string, WireJson>>((resolve, reject) => {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'welcome') resolve(message);
    });
    ws.once('error', reject);
  });
  return { events, ready, close: () => ws.close() };
}

describe('federation routes as the old EnhancedNovaCronClient calls them', () => {
  it('GET /api/federation/clusters lists clusters on five providers, several regions each, with tiers, capacity, health and compliance', async () => {
    const res = await api.call('GET', '/api/federation/clusters');
    expect(res.status).toBe(200);
    const clusters = res.body as Array<Record<string, WireJson>>;
    const regions = new Map<string, Set<string>>();
    for (const c of clusters) {
      if (!regions.has(c.provider)) regions.set(c.provider, new Set());
      regions.get(c.provider)!.add(c.region);
      expect(['platinum', 'gold', 'silver', 'bronze']).toContain(c.tier);
      expect(c.capacity.vcpu_total).toBeGreaterThan(0);
      expect(c.capacity.vcpu_used).toBeLessThanOrEqual(c.capacity.vcpu_total);
      expect(typeof c.compliance.data_residency).toBe('string');
      expect(Array.isArray(c.compliance.certifications)).toBe(true);
      expect(c.health).toBe('healthy');
    }
    expect([...regions.keys()].sort()).toEqual(['aws', 'azure', 'gcp', 'openstack', 'vmware']);
    for (const set of regions.values()) expect(set.size).toBeGreaterThanOrEqual(2);
    const tierOf = (id: string) => clusters.find((c) => c.id === id)!;
    expect(tierOf('aws-us-east-1').tier).toBe('platinum');
    expect(tierOf('vmware-vsphere-muc')).toMatchObject({ tier: 'bronze', degraded: true });
  });

  it('POST /api/federation/migrations with {vm_id, target_cluster, target_provider, target_region, options} moves the VM over time', async () => {
    const vm = await runningVm('old-client-move');
    const res = await api.call('POST', '/api/federation/migrations', {
      body: { vm_id: vm.id, target_cluster: 'gcp-europe-west1', target_provider: 'gcp', target_region: 'europe-west1', options: {} },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ vm_id: vm.id, source_cluster: 'aws-us-east-1', target_cluster: 'gcp-europe-west1', state: 'pending', progress: 0 });
    expect(res.body.egress_cost).toBeGreaterThan(0);
    const seen = new Set<string>();
    const done = await eventually(async () => {
      const m = (await api.call('GET', `/api/v1/federation/migrations/${res.body.id}`)).body;
      seen.add(m.state);
      return m.state === 'completed' ? m : undefined;
    });
    expect(done.progress).toBe(100);
    expect(seen.has('pending') || seen.has('preparing') || seen.has('transferring')).toBe(true);
    const moved = (await api.call('GET', `/api/v1/vms/${vm.id}`)).body;
    expect(moved).toMatchObject({ state: 'running', cloud_provider: 'gcp', region: 'europe-west1' });
    const inventory = (await api.call('GET', '/api/federation/vms?cluster_id=gcp-europe-west1')).body as Array<Record<string, unknown>>;
    expect(inventory.map((v) => v.vm_id)).toContain(vm.id);
  });

  it('POST /api/federation/cost-comparison with {source_provider, target_provider, vm_specs} compares the nearest types', async () => {
    const res = await api.call('POST', '/api/federation/cost-comparison', {
      body: { source_provider: 'aws', target_provider: 'gcp', vm_specs: { name: 'web', cpu_shares: 2, memory_mb: 8192, disk_size_gb: 50 } },
    });
    expect(res.status).toBe(200);
    // AWS prices only us-east-1; GCP's cheapest 2 vCPU/8 GiB type costs the same in us-central1 and us-east1, and the name breaks the tie.
    const awsHourly = snapshotOnDemand('aws', 'us-east-1', 'm5.large');
    const gcpHourly = snapshotOnDemand('gcp', 'us-central1', 'e2-standard-2');
    expect(snapshotOnDemand('gcp', 'us-east1', 'e2-standard-2')).toBe(gcpHourly);
    expect(res.body.source).toMatchObject({ provider: 'aws', region: 'us-east-1', instance_type: 'm5.large', hourly: awsHourly, monthly: cents(awsHourly * 730) });
    expect(res.body.target).toMatchObject({ provider: 'gcp', region: 'us-central1', instance_type: 'e2-standard-2', hourly: gcpHourly, monthly: cents(gcpHourly * 730) });
    expect(res.body.monthly_savings).toBe(cents(cents(awsHourly * 730) - cents(gcpHourly * 730)));
    const egress = PUBLIC_EGRESS.find((e) => e.provider === 'aws' && e.region === 'us-east-1')!.per_gb!;
    expect(res.body.egress).toEqual({ data_gb: 50, per_gb: egress, cost: cents(50 * egress), reason: null });
    const unknown = await api.call('POST', '/api/federation/cost-comparison', { body: { source_provider: 'oracle', target_provider: 'gcp', vm_specs: { cpu_shares: 2, memory_mb: 1024 } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('unknown provider oracle');
  });
});

describe('catalog', () => {
  it('never sends a price of 0 unless free is confirmed, and every unknown price says why', async () => {
    const { body } = await api.call('GET', '/api/v1/federation/catalog');
    const prices = (body.offerings as Array<Record<string, WireJson>>).flatMap((o) => Object.values(o.prices) as Array<Record<string, WireJson>>);
    expect(prices.length).toBeGreaterThan(100);
    expect(prices.filter((p) => p.hourly === 0 && p.free_confirmed !== true)).toHaveLength(0);
    expect(prices.filter((p) => p.hourly === null && !p.unknown_reason)).toHaveLength(0);
    expect(prices.some((p) => p.hourly === null)).toBe(true);
    for (const o of body.offerings) {
      expect(o.effective_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(o.source.length).toBeGreaterThan(10);
    }
    const vmwareEgress = (body.egress as Array<Record<string, WireJson>>).filter((e) => e.provider === 'vmware');
    expect(vmwareEgress.every((e) => e.per_gb === 0 && e.free_confirmed === true)).toBe(true);
    const filtered = await api.call('GET', '/api/v1/federation/prices?provider=gcp&region=europe-west1&instance_type=n2-standard-2');
    expect(filtered.body).toHaveLength(1);
    expect(filtered.body[0].prices.on_demand.hourly).toBe(snapshotOnDemand('gcp', 'europe-west1', 'n2-standard-2'));
    const unpriced = await api.call('GET', '/api/v1/federation/prices?provider=aws&region=eu-west-1&instance_type=m5.large');
    expect(unpriced.body[0].prices.on_demand).toEqual({ hourly: null, unknown_reason: expect.stringContaining('us-east-1 only') });
  });
});

describe('cross-cloud migrations', () => {
  it('an injected failure fails the migration part-way, leaves the VM where it was and says why', async () => {
    const vm = await runningVm('fails-midway');
    sim.controls.federation.failMigration({ vmId: vm.id, atProgress: 30, reason: 'WAN link dropped' });
    const started = await api.call('POST', '/api/v1/federation/migrations', { body: { vm_id: vm.id, target_cluster: 'azure-eastus' } });
    const failed = await eventually(async () => {
      const m = (await api.call('GET', `/api/v1/federation/migrations/${started.body.id}`)).body;
      return m.state === 'failed' ? m : undefined;
    });
    expect(failed.error_message).toBe('WAN link dropped');
    expect(failed.progress).toBeGreaterThanOrEqual(30);
    expect(failed.progress).toBeLessThan(100);
    expect(sim.controls.federation.clusterOf(vm.id)).toBe('aws-us-east-1');
    expect((await api.call('GET', `/api/v1/vms/${vm.id}`)).body.state).toBe('running');
  });

  it('refuses a move against the VM’s residency tag with the rule named, and cancels a running one', async () => {
    const vm = await runningVm('eu-only', { tags: { data_residency: 'US' } });
    const refused = await api.call('POST', '/api/v1/federation/migrations', { body: { vm_id: vm.id, target_cluster: 'aws-eu-west-1' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'compliance_violation' });
    expect(refused.body.error.message).toContain('data_residency=US');
    const mismatch = await api.call('POST', '/api/v1/federation/migrations', { body: { vm_id: vm.id, target_cluster: 'azure-eastus', target_provider: 'gcp' } });
    expect(mismatch.status).toBe(400);
    sim.controls.setTimeScale(100);
    const started = await api.call('POST', '/api/v1/federation/migrations', { body: { vm_id: vm.id, target_cluster: 'azure-eastus' } });
    const cancelled = await api.call('POST', `/api/v1/federation/migrations/${started.body.id}/cancel`);
    sim.controls.setTimeScale(0.01);
    expect(cancelled.body.state).toBe('cancelled');
    expect(sim.controls.federation.clusterOf(vm.id)).toBe('aws-us-east-1');
  });

  it('raises security.compliance_violation when a VM’s tags drift against its cluster', async () => {
    const vm = await runningVm('drifts');
    const seen: EventEnvelope[] = [];
    const stop = sim.events.subscribe((e) => {
      if (e.type === 'security.compliance_violation') seen.push(e);
    });
    await api.call('PATCH', `/api/v1/vms/${vm.id}`, { body: { tags: { certifications: 'c5' } } });
    stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ resource_id: vm.id, cloud_provider: 'aws', region: 'us-east-1', data: { cluster_id: 'aws-us-east-1', rule: 'certification=c5' } });
  });
});

describe('/ws/federation/events with the old client’s query filters', () => {
  it('delivers only the event types and providers asked for, each with provider, region and cluster', async () => {
    const token = api.token!;
    const socket = collect(`${sim.url.replace('http', 'ws')}/ws/federation/events?event_type=federation.migration.completed&provider=gcp`, token);
    expect((await socket.ready).filters).toEqual({ types: ['federation.migration.completed'], providers: ['gcp'] });
    const toGcp = await runningVm('ws-gcp');
    const toAzure = await runningVm('ws-azure');
    await api.call('POST', '/api/federation/migrations', { body: { vm_id: toGcp.id, target_cluster: 'gcp-us-central1' } });
    await api.call('POST', '/api/federation/migrations', { body: { vm_id: toAzure.id, target_cluster: 'azure-eastus' } });
    await eventually(() => (sim.controls.federation.clusterOf(toAzure.id) === 'azure-eastus' ? true : undefined));
    const completed = await eventually(() => socket.events.find((e) => e.resource_id && (e.data as WireJson).migration?.vm_id === toGcp.id));
    socket.close();
    expect(socket.events.every((e) => e.type === 'federation.migration.completed' && e.cloud_provider === 'gcp')).toBe(true);
    expect(completed).toMatchObject({ cloud_provider: 'gcp', region: 'us-central1', data: { cluster_id: 'gcp-us-central1', source_cluster: 'aws-us-east-1' } });
  });
});

describe('runtime /api/cluster routes', () => {
  it('serve health, admissions, selection, nodes and leader in upstream’s shapes', async () => {
    const health = (await api.call('GET', '/api/cluster/health')).body;
    expect(health).toMatchObject({ status: 'healthy', has_quorum: true, federation: { enabled: true, totalClusters: 13, highestTier: 'platinum' } });
    expect(health.healthy_nodes).toBe(health.total_nodes);
    const admissions = (await api.call('GET', '/api/cluster/admissions')).body as Array<Record<string, WireJson>>;
    expect(admissions.filter((a) => a.selected)).toHaveLength(1);
    expect(admissions[0]!.cluster.tier).toBe('platinum');
    const select = await api.call('POST', '/api/cluster/admissions/select', { body: { clusterId: 'azure-westeurope' } });
    expect(select.status).toBe(200);
    expect(select.body.selectedCluster).toMatchObject({ id: 'azure-westeurope', federationState: 'cluster-local', tier: 'gold' });
    expect((await api.call('POST', '/api/cluster/admissions/select', { body: {} })).status).toBe(400);
    expect((await api.call('POST', '/api/cluster/admissions/select', { body: { clusterId: 'nowhere' } })).status).toBe(403);
    const nodes = (await api.call('GET', '/api/cluster/nodes')).body as Array<Record<string, WireJson>>;
    expect(nodes.every((n) => n.labels.cluster === 'azure-westeurope' && n.remaining_cpu === n.cpu - n.used_cpu)).toBe(true);
    expect((await api.call('GET', `/api/cluster/nodes/${nodes[0]!.id}`)).body.id).toBe(nodes[0]!.id);
    expect((await api.call('GET', '/api/cluster/leader')).body).toEqual({ id: nodes[0]!.id, status: 'available', scope: 'cluster-local' });
  });

  it('re-tiers a cluster from edge metrics by upstream’s rule (1 ms, 10 Gbit/s: platinum, score 11, two more nodes)', async () => {
    const before = (await api.call('GET', '/api/v1/federation/clusters/gcp-europe-west1')).body;
    const admissions = (await api.call('POST', '/api/cluster/edge-metrics', { body: { clusterId: 'gcp-europe-west1', latencyMs: 1, bandwidthMbps: 10_000 } })).body as Array<Record<string, WireJson>>;
    const cluster = admissions.find((a) => a.clusterId === 'gcp-europe-west1')!.cluster;
    expect(before.tier).toBe('gold');
    expect(cluster).toMatchObject({ tier: 'platinum', performanceScore: 11, maxSupportedNodeCount: before.current_node_count + 2, growthState: 'expandable' });
  });
});
