import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_CONTENT, reportSection, Terminal } from '@novacron/example-shared';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { ERP_APP } from '../src/application';
import { run, type MigrationManagerOutcome } from '../src/migration-manager';

describe('federated migration manager on the simulator', () => {
  let simulator: Simulator;
  let outcome: MigrationManagerOutcome;
  let reportPath: string;
  const idOf = (name: string) => outcome.vms.find((vm) => vm.name === name)!.vmId;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, seed: 42, timeScale: 0.05 });
    const dir = mkdtempSync(join(tmpdir(), 'migration-manager-'));
    reportPath = join(dir, 'report.html');
    outcome = await run({ simulator, reportPath, storeDir: join(dir, 'plans'), terminal: new Terminal({ silent: true }) });
  }, 120_000);

  afterAll(async () => {
    await simulator.close();
  });

  it('plans waves in dependency order and validates the plan before anything moves', () => {
    const { plan, validation } = outcome.first;
    expect(validation.ok).toBe(true);
    expect(validation.cost!.monthlyAfter).toBeLessThan(validation.cost!.monthlyBefore);
    const waveOf = (name: string) => plan.waves.findIndex((wave) => wave.includes(idOf(name)));
    for (const vm of ERP_APP) for (const dep of vm.dependsOn) expect(waveOf(dep)).toBeLessThan(waveOf(vm.name));
    expect(plan.waves.map((wave) => wave.length)).toEqual([2, 4, 2]);
    // The target is the cheapest cluster of the residency zone other than the source.
    expect(outcome.costs.filter((c) => c.cluster !== outcome.source.id)[0]!.cluster).toBe(outcome.destination.id);
  });

  it('rolls back the wave whose migration failed, and starts no later wave', () => {
    const { report, injectedFailure, plan } = outcome.first;
    expect(report.status).toBe('failed');
    expect(report.failedWave).toBe(1);
    expect(report.failed.map((f) => f.vmId)).toEqual([injectedFailure!.vmId]);
    expect(report.moved.sort()).toEqual(plan.waves[0]!.slice().sort());
    expect(report.rolledBack.length).toBeGreaterThanOrEqual(1);
    const migrations = simulator.controls.federation.migrations();
    for (const vmId of report.rolledBack) {
      const back = migrations.filter((m) => m.vm_id === vmId && m.rollback_of !== null);
      expect(back).toHaveLength(1);
      expect(back[0]!.state).toBe('completed');
      expect(back[0]!.target_cluster).toBe(outcome.source.id);
    }
    for (const vmId of plan.waves[2]!) expect(report.notStarted).toContain(vmId);
    expect(migrations.filter((m) => m.plan_id === plan.id && plan.waves[2]!.includes(m.vm_id))).toHaveLength(0);
  });

  it('finishes the rest after an interruption, every VM moved exactly once by the plan that finished it', () => {
    const second = outcome.second!;
    expect(second.interrupted).toBeDefined();
    expect(Object.values(second.interrupted!.state.vms).some((vm) => vm.status === 'migrating')).toBe(true);
    expect(second.report.status).toBe('completed');
    expect(second.report.owners).toHaveLength(2);
    const migrations = simulator.controls.federation.migrations();
    for (const vm of outcome.vms) {
      expect(simulator.controls.federation.clusterOf(vm.vmId)).toBe(outcome.destination.id);
      const finisher = second.plan.moves[vm.vmId] ? second.plan.id : outcome.first.plan.id;
      const moves = migrations.filter((m) => m.vm_id === vm.vmId && m.plan_id === finisher && m.rollback_of === null);
      expect(moves.map((m) => m.state)).toEqual(['completed']);
    }
    // Everything the first plan did not leave at the target was in the re-plan.
    expect(Object.keys(second.plan.moves).sort()).toEqual([...outcome.first.report.rolledBack, ...outcome.first.report.failed.map((f) => f.vmId), ...outcome.first.report.notStarted].sort());
  });

  it('keeps at most `concurrency` VMs migrating at once, and uses that much', () => {
    expect(outcome.maxInFlight).toBe(outcome.concurrency);
  });

  it('writes the report: cost by cluster and the migration timeline as charts, the rollback told', () => {
    expect(existsSync(reportPath)).toBe(true);
    const html = readFileSync(reportPath, 'utf8');
    const section = (title: string) => reportSection(html, title);
    expect(section('Cost by cluster')).toContain('<svg');
    expect(section('Migration timeline')).toContain('<svg');
    expect(section('Migration timeline')).toContain('interrupted → resumed');
    const rollback = section('Wave failure and rollback');
    expect(rollback).toContain('rolled back');
    for (const vmId of outcome.first.report.rolledBack) expect(rollback).toContain(`<td>${outcome.vms.find((vm) => vm.vmId === vmId)!.name}</td><td class="num">2</td><td>rolled back</td>`);
    expect(html).not.toMatch(EXTERNAL_CONTENT);
  });
});
