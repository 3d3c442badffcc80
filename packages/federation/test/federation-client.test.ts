import { ValidationError } from '@novacron/core';
import { ComplianceViolationError, normalizeRateCard } from '../src';
import { federationSession, runningVms } from './support/federation-session';

const session = federationSession();

describe('cluster discovery and capability assessment', () => {
  it('lists clusters on every provider with typed tiers, capacity and compliance labels', async () => {
    const clusters = await session.federation.clusters.all();
    expect(new Set(clusters.map((c) => c.provider))).toEqual(new Set(['aws', 'azure', 'gcp', 'openstack', 'vmware']));
    const useast = clusters.find((c) => c.id === 'aws-us-east-1')!;
    expect(useast).toMatchObject({ tier: 'platinum', health: 'healthy', compliance: { dataResidency: 'US' } });
    expect(useast.capacity.vcpuFree).toBe(useast.capacity.vcpuTotal - useast.capacity.vcpuUsed);
    const gold = await session.federation.clusters.list({ tier: 'gold' });
    expect(gold.items.length).toBeGreaterThan(0);
    expect(gold.items.every((c) => c.tier === 'gold')).toBe(true);
    const regions = await session.federation.clusters.regions('aws');
    expect(regions.map((r) => r.id).sort()).toEqual(['ap-southeast-1', 'eu-west-1', 'us-east-1']);
  });

  it('assesses which clusters can take a GPU workload that must stay in the US, with every reason for the rest', async () => {
    const assessed = await session.federation.clusters.assess({ vcpu: 4, memoryGib: 16, gpuCount: 1, count: 1, tags: { data_residency: 'US' } });
    const eligible = assessed.filter((a) => a.eligible).map((a) => a.cluster.id);
    expect(eligible.length).toBeGreaterThan(0);
    for (const a of assessed.filter((x) => x.eligible)) {
      expect(a.cluster.compliance.dataResidency).toBe('US');
      expect(a.capabilities.free.gpu).toBeGreaterThanOrEqual(1);
    }
    const singapore = assessed.find((a) => a.cluster.id === 'aws-ap-southeast-1')!;
    expect(singapore.eligible).toBe(false);
    expect(singapore.reasons.some((r) => r.includes('data_residency=US'))).toBe(true);
    expect(singapore.reasons.some((r) => r.includes('GPUs free'))).toBe(true);
    expect(assessed.slice(0, eligible.length).every((a) => a.eligible)).toBe(true);
  });

  it('reads the runtime /api/cluster view and switches the selected cluster', async () => {
    const health = await session.federation.runtime.health();
    expect(health.hasQuorum).toBe(true);
    expect(health.clusters.length).toBe(13);
    const admission = await session.federation.runtime.select('gcp-us-central1');
    expect(admission).toMatchObject({ clusterId: 'gcp-us-central1', selected: true });
    expect((await session.federation.runtime.leader()).id).toMatch(/^gcp-us-central1-node-/);
  });
});

describe('federated inventory and cross-cloud migrations', () => {
  it('shows every VM with its cluster and follows a migration to completion with its egress', async () => {
    const [vmId] = await runningVms(session.raw, ['inv-1']);
    const before = await session.federation.inventory.all({ clusterId: 'aws-us-east-1' });
    expect(before.map((v) => v.vmId)).toContain(vmId);
    const progress: number[] = [];
    const started = await session.federation.migrations.start({ vmId: vmId!, targetCluster: 'azure-westeurope', targetProvider: 'azure', targetRegion: 'westeurope' });
    const done = await session.federation.migrations.wait(started.id, { intervalMs: 5, onProgress: (m) => progress.push(m.progress) });
    expect(done).toMatchObject({ state: 'completed', sourceCluster: 'aws-us-east-1', targetCluster: 'azure-westeurope', progress: 100 });
    expect(done.egressCost).toBe(Math.round(0.09 * done.egressGb! * 100) / 100);
    expect(progress.length).toBeGreaterThan(1);
    const after = await session.federation.inventory.byCluster();
    expect(after.get('azure-westeurope')!.map((v) => v.vmId)).toContain(vmId);
    const listed = await session.federation.migrations.list({ vmId: vmId! });
    expect(listed.items.map((m) => m.id)).toEqual([started.id]);
  });

  it('a placement against a certification rule is refused with the rule named, and audit raises security.compliance_violation for drift', async () => {
    const [vmId] = await runningVms(session.raw, ['hipaa-1'], { tags: { certifications: 'hipaa' } });
    await expect(session.federation.compliance.checkPlacement({ vmId: vmId!, tags: { certifications: 'hipaa' } }, 'openstack-dc-1')).rejects.toMatchObject({
      name: 'ComplianceViolationError',
      rule: 'certification=hipaa',
      clusterId: 'openstack-dc-1',
    });
    await expect(session.federation.compliance.checkPlacement({ vmId: vmId!, tags: { certifications: 'hipaa' } }, 'aws-eu-west-1')).resolves.toBeUndefined();
    session.sim.controls.federation.setClusterCompliance('aws-us-east-1', { certifications: ['iso27001', 'soc2'] });
    const raised: string[] = [];
    const stop = session.federation.compliance.onViolation((e) => raised.push(`${e.vmId}:${e.rule}`));
    const events = await session.federation.compliance.audit();
    stop();
    session.sim.controls.federation.setClusterCompliance('aws-us-east-1', { certifications: ['iso27001', 'soc2', 'pci-dss', 'hipaa'] });
    expect(events.find((e) => e.vmId === vmId)).toMatchObject({ type: 'security.compliance_violation', rule: 'certification=hipaa', clusterId: 'aws-us-east-1', cloudProvider: 'aws', region: 'us-east-1' });
    expect(raised).toContain(`${vmId}:certification=hipaa`);
    const published = session.sim.events.since(0);
    expect(published !== 'too_old' && published.some((e) => e.type === 'security.compliance_violation' && e.resource_id === vmId)).toBe(true);
  });

  it('compares costs on the server exactly as the local catalog does', async () => {
    const catalog = await session.federation.catalog.get();
    const spec = { vcpu: 4, memoryGib: 16, diskGb: 80 };
    const server = await session.federation.costs.compareOnServer({ sourceProvider: 'aws', targetProvider: 'azure', spec });
    const local = catalog.monthlyCosts(spec, { from: { provider: 'aws', region: 'us-east-1' } });
    const target = local.find((r) => r.provider === 'azure' && r.region === server.target.region)!;
    expect(server.target).toMatchObject({ instanceType: target.instanceType, monthly: target.monthly });
    expect(server.egress.cost).toBe(target.egressCost);
  });
});

describe('bad input is a typed error before any request', () => {
  it('unknown provider, negative vCPU and a rate card with a missing unit', async () => {
    const before = session.sim.controls.stats().requests;
    await expect(session.federation.costs.compareOnServer({ sourceProvider: 'aws', targetProvider: 'oracle', spec: { vcpu: 2, memoryGib: 4 } })).rejects.toMatchObject({
      name: 'ValidationError',
      code: 'unknown_provider',
    });
    await expect(session.federation.clusters.list({ provider: 'ibm' })).rejects.toBeInstanceOf(ValidationError);
    await expect(session.federation.costs.compare({ vcpu: -2, memoryGib: 4 })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: ['vcpu'] }] });
    await expect(session.federation.migrations.start({ vmId: 'vm-1', targetCluster: 'x', targetProvider: 'alibaba' })).rejects.toBeInstanceOf(ValidationError);
    await expect(session.federation.migrations.start({ vmId: '', targetCluster: 'aws-us-east-1' })).rejects.toBeInstanceOf(ValidationError);
    expect(() =>
      normalizeRateCard({
        provider: 'openstack',
        regions: ['dc-1'],
        currency: 'USD',
        effectiveDate: '2026-11-01',
        source: 'ops rate card v3',
        rates: [{ resource: 'vcpu', price: 0.02 } as never, { resource: 'memory', price: 0.003, unit: 'gib-hour' }],
        flavors: [{ name: 'm1.large', vcpu: 4, memoryGib: 8 }],
      }),
    ).toThrow(/rates\.0\.unit/);
    expect(session.sim.controls.stats().requests).toBe(before);
    expect(ComplianceViolationError.kind).toBe('ComplianceViolationError');
  });
});
