import { ValidationError } from '@novacron/core';
import { seededRandom } from '@novacron/simulator';
import { buildMigrationPlan, buildWaves, parseMigrationPlan, PlanCycleError, type Cluster, type FederatedVm } from '../src';

describe('topological waves', () => {
  it('moves a VM after everything it depends on, keeping input order within a wave', () => {
    const waves = buildWaves([
      { vmId: 'web', dependsOn: ['app'] },
      { vmId: 'app', dependsOn: ['db', 'cache'] },
      { vmId: 'db' },
      { vmId: 'cache' },
      { vmId: 'batch', dependsOn: ['db', 'not-in-plan'] },
      { vmId: 'lone' },
    ]);
    expect(waves).toEqual([['db', 'cache', 'lone'], ['app', 'batch'], ['web']]);
  });

  it('splits a wave larger than maxWaveSize without changing the order', () => {
    const moves = Array.from({ length: 7 }, (_, i) => ({ vmId: `vm-${i}` }));
    expect(buildWaves([...moves, { vmId: 'last', dependsOn: ['vm-6'] }], 3)).toEqual([['vm-0', 'vm-1', 'vm-2'], ['vm-3', 'vm-4', 'vm-5'], ['vm-6'], ['last']]);
  });

  it('a cycle is a PlanCycleError that names it, even behind acyclic parts', () => {
    const attempt = () =>
      buildWaves([{ vmId: 'root' }, { vmId: 'a', dependsOn: ['root', 'c'] }, { vmId: 'b', dependsOn: ['a'] }, { vmId: 'c', dependsOn: ['b'] }, { vmId: 'tail', dependsOn: ['c'] }]);
    expect(attempt).toThrow(PlanCycleError);
    try {
      attempt();
    } catch (error) {
      const cycle = (error as PlanCycleError).cycle;
      expect(cycle[0]).toBe(cycle[cycle.length - 1]);
      expect(new Set(cycle)).toEqual(new Set(['a', 'b', 'c']));
      expect((error as PlanCycleError).message).toMatch(/dependency cycle: [abc] → [abc] → [abc] → [abc]/);
      expect(error).toBeInstanceOf(ValidationError);
    }
    expect(() => buildWaves([{ vmId: 'self', dependsOn: ['self'] }])).toThrow('self → self');
    expect(() => buildWaves([{ vmId: 'x' }, { vmId: 'x' }])).toThrow(/appears twice/);
  });

  it('orders 1,000 VMs with 3,000 random dependencies so every dependency is in an earlier wave', () => {
    const random = seededRandom(1000);
    const moves = Array.from({ length: 1000 }, (_, i) => ({ vmId: `vm-${i}`, dependsOn: [] as string[] }));
    for (let n = 0; n < 3000; n++) {
      const a = Math.floor(random() * 1000);
      const b = Math.floor(random() * 1000);
      if (a === b) continue;
      // Edges only from a higher index to a lower one: acyclic by construction, in shuffled input order.
      moves[Math.max(a, b)]!.dependsOn.push(`vm-${Math.min(a, b)}`);
    }
    const waves = buildWaves(moves);
    const waveOf = new Map(waves.flatMap((wave, w) => wave.map((id) => [id, w] as const)));
    expect(waveOf.size).toBe(1000);
    for (const m of moves) for (const d of m.dependsOn) expect(waveOf.get(d)!).toBeLessThan(waveOf.get(m.vmId)!);
    // Every VM is as early as its dependencies allow.
    for (const m of moves) expect(waveOf.get(m.vmId)).toBe(m.dependsOn.length === 0 ? 0 : Math.max(...m.dependsOn.map((d) => waveOf.get(d)!)) + 1);
  });
});

describe('a plan is plain data', () => {
  const vm = (vmId: string, clusterId: string): FederatedVm => ({
    vmId,
    name: vmId,
    state: 'running',
    clusterId,
    provider: 'aws',
    region: 'us-east-1',
    vcpu: 2,
    memoryGib: 4,
    diskGb: 20,
    tags: {},
    migrationId: null,
  });
  const cluster = { id: 'gcp-us-central1', provider: 'gcp', region: 'us-central1' } as Cluster;

  it('round-trips through JSON unchanged and is checked when read back', () => {
    const plan = buildMigrationPlan(
      { id: 'plan-1', moves: [{ vmId: 'a', targetCluster: 'gcp-us-central1' }, { vmId: 'b', targetCluster: 'gcp-us-central1', dependsOn: ['a'] }] },
      { inventory: [vm('a', 'aws-us-east-1'), vm('b', 'aws-us-east-1')], clusters: [cluster], now: () => new Date('2026-01-01T00:00:00Z') },
    );
    expect(plan.waves).toEqual([['a'], ['b']]);
    expect(plan.moves.b).toMatchObject({ sourceCluster: 'aws-us-east-1', targetProvider: 'gcp', targetRegion: 'us-central1', wave: 1, dependsOn: ['a'] });
    expect(parseMigrationPlan(JSON.stringify(plan))).toEqual(plan);
    expect(() => parseMigrationPlan({ ...plan, waves: [['a'], ['ghost']] })).toThrow(ValidationError);
    expect(() => buildMigrationPlan({ moves: [] }, { inventory: [], clusters: [] })).toThrow(/at least one move/);
  });
});
