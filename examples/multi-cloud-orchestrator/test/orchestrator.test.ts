import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_CONTENT, reportSection, Terminal } from '@novacron/example-shared';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { THREE_TIER_APP } from '../src/app-topology';
import { run, type OrchestratorOutcome } from '../src/orchestrator';

describe('multi-cloud orchestrator on the simulator', () => {
  let simulator: Simulator;
  let outcome: OrchestratorOutcome;
  let reportPath: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, seed: 42, timeScale: 0.05 });
    reportPath = join(mkdtempSync(join(tmpdir(), 'orchestrator-')), 'report.html');
    outcome = await run({ simulator, reportPath, terminal: new Terminal({ silent: true }) });
  }, 120_000);

  afterAll(async () => {
    await simulator.close();
  });

  it('deploys every tier, running, with the application on at least two providers', () => {
    for (const spec of THREE_TIER_APP) expect(outcome.tiers[spec.tier].running).toBe(spec.count);
    expect(outcome.deployed).toHaveLength(6);
    expect(new Set(outcome.deployed.map((d) => d.provider)).size).toBeGreaterThanOrEqual(2);
    // Hard anti-affinity by provider: the first web and API VMs never share a provider.
    for (const tier of ['web', 'api'] as const) {
      const vms = outcome.deployed.filter((d) => d.tier === tier);
      expect(new Set(vms.map((d) => d.provider)).size).toBe(vms.length);
    }
    expect(outcome.tiers.web.providers.length).toBeGreaterThanOrEqual(2);
  });

  it('replaces each VM of the failed node, detected through vm.failed events', () => {
    const failedNode = outcome.injectedFailure?.nodeId;
    expect(failedNode).toBeDefined();
    const victims = outcome.deployed.filter((d) => d.nodeId === failedNode);
    expect(victims.length).toBeGreaterThanOrEqual(1);
    expect(outcome.replacements.map((r) => r.failedVmId).sort()).toEqual(victims.map((v) => v.vmId).sort());

    const snapshot = simulator.controls.snapshot();
    for (const r of outcome.replacements) {
      expect(r.detectedBy.type).toBe('vm.failed');
      expect(r.detectedBy.seq).toBeGreaterThan(0);
      expect(r.failedVmDeleted).toBe(true);
      expect(snapshot.vms.find((vm) => vm.id === r.failedVmId)).toBeUndefined();
      const replacement = snapshot.vms.find((vm) => vm.id === r.replacement.vmId);
      expect(replacement?.state).toBe('running');
      expect(replacement?.tags?.['tier']).toBe(r.tier);
      expect(replacement?.node_id).not.toBe(failedNode);
    }
  });

  it('finds savings and moves the VM whose cross-cloud move saves the most', () => {
    expect(outcome.recommendations.some((r) => r.monthlySavings > 0)).toBe(true);
    const migration = outcome.migration!;
    expect(migration.move.monthlySavings).toBeGreaterThan(0);
    expect(migration.move.monthlySavings).toBe(Math.max(...outcome.moves.map((m) => m.monthlySavings)));
    expect(migration.result.state).toBe('completed');
    expect(simulator.controls.federation.clusterOf(migration.move.vmId)).toBe(migration.move.to.cluster);
    const vm = simulator.controls.snapshot().vms.find((v) => v.id === migration.move.vmId);
    expect(vm?.cloud_provider).toBe(migration.move.to.provider);
    expect(migration.vmProviderAfter).toBe(migration.move.to.provider);
    // The application's monthly bill went down by the move's saving.
    const total = (costs: Record<string, number>) => Object.values(costs).reduce((a, b) => a + b, 0);
    expect(total(outcome.costBefore) - total(outcome.costAfter)).toBeCloseTo(migration.move.monthlySavings, 1);
  });

  it('writes a self-contained HTML report with a chart in each charted section', () => {
    expect(outcome.reportPath).toBe(reportPath);
    expect(existsSync(reportPath)).toBe(true);
    const html = readFileSync(reportPath, 'utf8');
    const byTitle = (title: string) => reportSection(html, title);
    for (const title of ['Where the application runs', 'Cost by provider', 'Timeline']) expect(byTitle(title)).toContain('<svg');
    expect(byTitle('Failure and automatic replacement')).toContain(outcome.replacements[0]!.replacement.name);
    expect(html).not.toMatch(EXTERNAL_CONTENT);
  });
});
