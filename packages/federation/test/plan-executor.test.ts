import { MemoryPlanStore, PlanValidationError, type PlanProgressEvent } from '../src';
import { federationSession, runningVms } from './support/federation-session';

const session = federationSession();

describe('validation before anything moves', () => {
  it('refuses a plan with every reason: unknown VM and cluster, compliance, capacity, region and budget', async () => {
    const [small, usOnly, lost] = await runningVms(session.raw, ['val-small', 'val-us-only', 'val-lost']);
    await session.raw.call('PATCH', `/api/v1/vms/${usOnly}`, { body: { tags: { data_residency: 'US' } } });
    const [huge] = await runningVms(session.raw, ['val-huge'], { cpu_shares: 40, memory_mb: 65_536 });
    const plan = await session.federation.plans.create({
      id: 'plan-refused',
      moves: [
        { vmId: small!, targetCluster: 'gcp-europe-west1' },
        { vmId: usOnly!, targetCluster: 'aws-eu-west-1' },
        { vmId: huge!, targetCluster: 'vmware-vsphere-muc' },
        { vmId: 'vm-ghost', targetCluster: 'azure-eastus' },
        { vmId: lost!, targetCluster: 'nowhere' },
      ],
    });
    const checks = { allowedRegions: ['aws/*', 'vmware/*'], maxMonthlyIncrease: -1_000 };
    const result = await session.federation.plans.validate(plan, checks);
    const rules = result.refusals.map((r) => `${r.vmId}:${r.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        `${small}:region`,
        `${usOnly}:compliance:data_residency=US`,
        `${huge}:capacity`,
        'vm-ghost:unknown_vm',
        `${lost}:unknown_cluster`,
        '*:budget',
      ]),
    );
    expect(result.refusals.find((r) => r.rule === 'capacity')!.reason).toMatch(/vmware-vsphere-muc has \d+ vCPU .* needs 40 vCPU and 64 GiB/);
    expect(result.refusals.every((r) => r.reason.length > 10)).toBe(true);
    const before = (await session.federation.migrations.list()).items.length;
    const failure = await session.federation.plans.execute(plan, { store: new MemoryPlanStore(), checks }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PlanValidationError);
    expect((failure as PlanValidationError).refusals).toEqual(result.refusals);
    expect((await session.federation.migrations.list()).items.length).toBe(before);
  });
});

describe('execution', () => {
  it('runs waves in dependency order within the concurrency bound and reports moves, cost and downtime', async () => {
    const ids = await runningVms(session.raw, ['ex-db', 'ex-cache', 'ex-app1', 'ex-app2', 'ex-web']);
    const [db, cache, app1, app2, web] = ids as [string, string, string, string, string];
    const plan = await session.federation.plans.create({
      id: 'plan-ok',
      moves: [
        { vmId: web, targetCluster: 'gcp-us-central1', dependsOn: [app1, app2] },
        { vmId: app1, targetCluster: 'gcp-us-central1', dependsOn: [db, cache] },
        { vmId: app2, targetCluster: 'gcp-us-central1', dependsOn: [db] },
        { vmId: db, targetCluster: 'gcp-us-central1' },
        { vmId: cache, targetCluster: 'gcp-us-central1' },
      ],
    });
    expect(plan.waves).toEqual([[db, cache], [app1, app2], [web]]);
    const risk = await session.federation.plans.assessRisk(plan);
    expect(risk.moves.find((m) => m.vmId === db)!.factors).toContain('crosses providers (aws → gcp)');
    const events: PlanProgressEvent[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const report = await session.federation.plans.execute(plan, {
      store: new MemoryPlanStore(),
      concurrency: 1,
      pollIntervalMs: 5,
      catalog: await session.federation.catalog.get(),
      onProgress: (e) => {
        events.push(e);
        if (e.type === 'vm_state' && e.status === 'starting') maxInFlight = Math.max(maxInFlight, ++inFlight);
        if (e.type === 'vm_state' && (e.status === 'moved' || e.status === 'failed')) inFlight--;
      },
    });
    expect(report).toMatchObject({ status: 'completed', failedWave: null, rolledBack: [], failed: [], notStarted: [], resentCreates: 0 });
    expect(report.moved.sort()).toEqual([...ids].sort());
    expect(maxInFlight).toBe(1);
    const movedAt = (id: string) => events.findIndex((e) => e.type === 'vm_state' && e.vmId === id && e.status === 'moved');
    const startedAt = (id: string) => events.findIndex((e) => e.type === 'vm_state' && e.vmId === id && e.status === 'starting');
    expect(Math.max(movedAt(db), movedAt(cache))).toBeLessThan(Math.min(startedAt(app1), startedAt(app2)));
    expect(Math.max(movedAt(app1), movedAt(app2))).toBeLessThan(startedAt(web));
    // Five 2 vCPU / 4 GiB VMs on AWS us-east-1 → GCP us-central1: t3.medium → e2-standard-2 each, at the catalog's on-demand prices.
    const catalog = await session.federation.catalog.get();
    const monthlyOf = (provider: string, region: string, instanceType: string) => {
      const match = catalog.nearest({ vcpu: 2, memoryGib: 4 }, provider, region);
      expect(match).toMatchObject({ found: true, offering: { instanceType } });
      return Math.round((match as { hourly: number }).hourly * 730 * 100) / 100;
    };
    const before = monthlyOf('aws', 'us-east-1', 't3.medium');
    const after = monthlyOf('gcp', 'us-central1', 'e2-standard-2');
    const twoDp = (value: number) => Math.round(value * 100) / 100;
    expect(report.cost).toMatchObject({ monthlyBefore: twoDp(5 * before), monthlyAfter: twoDp(5 * after), monthlyDelta: twoDp(5 * after - 5 * before), unknown: [] });
    expect(report.egressCost).toBeGreaterThan(0);
    expect(report.downtime.totalMs).toBeGreaterThan(0);
    for (const id of ids) expect(session.sim.controls.federation.clusterOf(id)).toBe('gcp-us-central1');
  });

  it('rolls back a wave that fails mid-way (injected) and says so in the report', async () => {
    const ids = await runningVms(session.raw, ['rb-0', 'rb-1a', 'rb-1b', 'rb-1c', 'rb-2']);
    const [first, a, b, c, last] = ids as [string, string, string, string, string];
    const plan = await session.federation.plans.create({
      id: 'plan-rollback',
      moves: [
        { vmId: first, targetCluster: 'azure-eastus' },
        { vmId: a, targetCluster: 'azure-eastus', dependsOn: [first] },
        { vmId: b, targetCluster: 'azure-eastus', dependsOn: [first] },
        { vmId: c, targetCluster: 'azure-eastus', dependsOn: [first] },
        { vmId: last, targetCluster: 'azure-eastus', dependsOn: [a, b, c] },
      ],
    });
    session.sim.controls.federation.failMigration({ vmId: b, atProgress: 40, reason: 'injected: storage replication lost' });
    const report = await session.federation.plans.execute(plan, { store: new MemoryPlanStore(), concurrency: 3, pollIntervalMs: 5 });
    expect(report).toMatchObject({
      status: 'failed',
      failedWave: 1,
      moved: [first],
      failed: [{ vmId: b, reason: 'injected: storage replication lost' }],
      rollbackFailed: [],
      notStarted: [last],
    });
    expect(report.rolledBack.sort()).toEqual([a, c].sort());
    expect(session.sim.controls.federation.clusterOf(first)).toBe('azure-eastus');
    for (const id of [a, b, c, last]) expect(session.sim.controls.federation.clusterOf(id)).toBe('aws-us-east-1');
    const rollbacks = session.sim.controls.federation.migrations().filter((m) => m.plan_id === 'plan-rollback' && m.rollback_of !== null);
    expect(rollbacks.map((m) => m.vm_id).sort()).toEqual([a, c].sort());
    expect(rollbacks.every((m) => m.state === 'completed' && m.target_cluster === 'aws-us-east-1')).toBe(true);
  });
});

describe('disaster recovery', () => {
  it('evacuates a failed cluster to the best healthy, compliant clusters as a plan', async () => {
    const ids = await runningVms(session.raw, ['dr-1', 'dr-2', 'dr-hipaa'], { node_id: 'node-kvm-01' });
    await session.raw.call('PATCH', `/api/v1/vms/${ids[2]}`, { body: { tags: { certifications: 'hipaa' } } });
    session.sim.controls.federation.setClusterHealth('openstack-dc-1', 'unavailable');
    const { plan, stranded } = await session.federation.plans.evacuate('openstack-dc-1', { planId: 'plan-dr' });
    expect(stranded).toEqual([]);
    expect(Object.keys(plan!.moves).sort()).toEqual([...ids].sort());
    for (const move of Object.values(plan!.moves)) expect(move.targetCluster).not.toBe('openstack-dc-1');
    // The same residency zone comes before the same provider: OpenStack's other cluster is in the EU, so a US cluster wins.
    expect(plan!.moves[ids[0]!]!.targetCluster).toMatch(/^(aws-us-east-1|azure-eastus|gcp-us-central1|vmware-vsphere-east)$/);
    expect(['aws-us-east-1', 'azure-eastus', 'gcp-us-central1', 'vmware-vsphere-east']).toContain(plan!.moves[ids[2]!]!.targetCluster);
    const report = await session.federation.plans.execute(plan!, { store: new MemoryPlanStore(), pollIntervalMs: 5 });
    session.sim.controls.federation.setClusterHealth('openstack-dc-1', 'healthy');
    expect(report.status).toBe('completed');
    for (const id of ids) expect(session.sim.controls.federation.clusterOf(id)).not.toBe('openstack-dc-1');
  });
});
