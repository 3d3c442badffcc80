import { connect, Terminal, waitFor, writeHtmlReport, type TimelineRow } from '@novacron/example-shared';
import type { Simulator, SimulatorOptions } from '@novacron/simulator';
import type { CostRecommendation } from '@novacron/sdk/ai';
import type { CrossCloudMigration } from '@novacron/sdk/federation';
import { APP_NAME, THREE_TIER_APP, type TierSpec } from './app-topology';
import { appVms, executeMove, reviewCosts, type CrossCloudMove } from './cost-optimizer';
import { FailureReplacer, type Replacement } from './failure-replacer';
import { buildReport } from './orchestrator-report';
import { deployVm, type DeployedVm } from './vm-deployer';

export interface OrchestratorOptions {
  /** A simulator the caller started (tests); otherwise the embedded one, or NOVACRON_API_URL. */
  simulator?: Simulator;
  simulatorOptions?: SimulatorOptions;
  env?: Record<string, string | undefined>;
  /** Where the HTML report goes. Default reports/multi-cloud-orchestrator-report.html. */
  reportPath?: string;
  terminal?: Terminal;
}

export interface OrchestratorOutcome {
  target: string;
  /** Every VM deployed at first, in order. */
  deployed: DeployedVm[];
  /** Per tier: running VMs at the end and the providers they run on. */
  tiers: Record<TierSpec['tier'], { running: number; providers: string[] }>;
  /** The node failed on purpose (simulator only). */
  injectedFailure: { nodeId: string; at: number } | undefined;
  replacements: Replacement[];
  recommendations: CostRecommendation[];
  moves: CrossCloudMove[];
  /** The cost-saving migration carried out, and where the VM is now. */
  migration: { move: CrossCloudMove; result: CrossCloudMigration; vmProviderAfter: string; vmClusterAfter: string | null } | undefined;
  costBefore: Record<string, number>;
  costAfter: Record<string, number>;
  reportPath: string;
}

/**
 * Deploys the three-tier application across providers with AI placement, replaces VMs that fail
 * (one node is failed on purpose on the simulator) from the event stream, moves the VM whose move
 * saves the most, and writes the report.
 */
export async function run(options: OrchestratorOptions = {}): Promise<OrchestratorOutcome> {
  const term = options.terminal ?? new Terminal();
  const connection = await connect({ simulator: options.simulator, simulatorOptions: options.simulatorOptions, env: options.env });
  const { client, federation, simulator } = connection;
  const timeline: TimelineRow[] = [];
  const stream = await client.events({ filter: { types: ['vm.failed', 'node.failure'] } });
  try {
    term.line(connection.target);
    await stream.start();

    // 1. Deploy: the AI placement picks each VM's node; each tier spreads across providers.
    term.heading(`1. Deploying ${APP_NAME}: ${THREE_TIER_APP.map((t) => `${t.count} ${t.tier}`).join(', ')}`);
    const total = THREE_TIER_APP.reduce((n, t) => n + t.count, 0);
    const bar = term.bar('Deploying VMs', total);
    const deployed: DeployedVm[] = [];
    for (const spec of THREE_TIER_APP) {
      for (let i = 1; i <= spec.count; i++) {
        const vm = await deployVm(connection, spec, `${spec.tier}-${i}`);
        deployed.push(vm);
        timeline.push({ label: vm.name, start: vm.startedAt, end: vm.runningAt, category: 'deploy' });
        bar.update(deployed.length, `${vm.name} → ${vm.nodeId}`);
      }
    }
    bar.stop();
    term.table(
      ['vm', 'tier', 'node', 'provider/region', 'confidence', 'why'],
      deployed.map((d) => [d.name, d.tier, d.nodeId, `${d.provider}/${d.region}`, d.confidence.toFixed(2), d.reasoning.replace(/^[^:]*: /, '').slice(0, 56)]),
    );

    // 2. A node fails; the stream says which VMs went with it, and each is replaced.
    const replacer = new FailureReplacer(connection, stream, (r) => {
      timeline.push({ label: `${r.replacement.name} (for ${r.failedVmName})`, start: r.detectedAt, end: r.replacement.runningAt, category: 'replace' });
      term.line(`  ✓ ${r.failedVmName} (${r.tier}) replaced by ${r.replacement.name} on ${r.replacement.nodeId}; failed VM ${r.failedVmDeleted ? 'deleted' : 'kept'}`);
    });
    let injectedFailure: OrchestratorOutcome['injectedFailure'];
    if (simulator) {
      const victim = deployed.find((d) => d.tier === 'web' && d.nodeId !== deployed.find((x) => x.tier === 'db')?.nodeId) ?? deployed[0]!;
      term.heading(`2. Failing node ${victim.nodeId} (simulator control); watching the event stream`);
      const onNode = deployed.filter((d) => d.nodeId === victim.nodeId).length;
      simulator.controls.failNode(victim.nodeId);
      injectedFailure = { nodeId: victim.nodeId, at: Date.now() };
      // Every VM on the node fails; wait for the stream to report each, then for their replacements.
      await waitFor(`${onNode} failed VMs on the event stream`, async () => replacer.started, (seen) => seen >= onNode, { intervalMs: 50, timeoutMs: 60_000 });
      await replacer.settled();
      simulator.controls.recoverNode(victim.nodeId);
    } else {
      term.heading('2. Watching the event stream for failed VMs (no simulator: nothing is failed on purpose)');
    }
    const replacements = await replacer.settled();

    // 3. Cost optimization: the AI engine's recommendations and a cross-cloud comparison.
    term.heading('3. Cost optimization');
    const review = await reviewCosts(connection);
    term.table(
      ['vm', 'recommendation', 'saving/month', 'risk'],
      review.recommendations.slice(0, 8).map((r) => [nameOf(r.vmIds[0], deployed, replacements), r.title.slice(0, 60), `$${r.monthlySavings.toFixed(2)}`, r.risk]),
    );
    let migration: OrchestratorOutcome['migration'];
    const move = review.moves[0];
    if (move) {
      term.line(`Moving ${move.name} ${move.from.provider}/${move.from.region} → ${move.to.cluster}: saves $${move.monthlySavings.toFixed(2)}/month, egress $${move.egressCost.toFixed(2)}, pays back in ${move.paybackMonths} months`);
      const mbar = term.bar(`Migrating ${move.name}`, 100, '%');
      const start = Date.now();
      const result = await executeMove(federation, move, (m) => mbar.update(Math.round(m.progress), m.state));
      mbar.update(100, result.state);
      mbar.stop();
      timeline.push({ label: `${move.name} → ${move.to.cluster}`, start, end: Date.now(), category: 'migrate' });
      const after = (await appVms(federation)).find((v) => v.vmId === move.vmId);
      migration = { move, result, vmProviderAfter: after?.provider ?? '?', vmClusterAfter: after?.clusterId ?? null };
    } else {
      term.line('No cross-cloud move pays back its egress within a year.');
    }
    const costAfter = (await reviewCosts(connection)).costByProvider;

    // 4. Where everything runs now.
    const final = await appVms(federation);
    const tiers = Object.fromEntries(
      THREE_TIER_APP.map((t) => {
        const vms = final.filter((v) => v.tags['tier'] === t.tier && v.state === 'running');
        return [t.tier, { running: vms.length, providers: [...new Set(vms.map((v) => v.provider))].sort() }];
      }),
    ) as OrchestratorOutcome['tiers'];
    term.heading('4. The application now');
    term.table(
      ['vm', 'tier', 'state', 'cluster', 'provider/region'],
      final.sort((a, b) => a.name.localeCompare(b.name)).map((v) => [v.name, v.tags['tier'] ?? '', v.state, v.clusterId ?? '—', `${v.provider}/${v.region}`]),
    );

    const reportPath = await writeHtmlReport(
      options.reportPath ?? 'reports/multi-cloud-orchestrator-report.html',
      buildReport({ target: connection.target, deployed, final, replacements, injectedFailure, review, migration, costAfter, timeline }),
    );
    term.line(`\nReport: ${reportPath}`);
    return { target: connection.target, deployed, tiers, injectedFailure, replacements, recommendations: review.recommendations, moves: review.moves, migration, costBefore: review.costByProvider, costAfter, reportPath };
  } finally {
    stream.close();
    await connection.close();
  }
}

function nameOf(vmId: string | undefined, deployed: DeployedVm[], replacements: Replacement[]): string {
  return deployed.find((d) => d.vmId === vmId)?.name ?? replacements.find((r) => r.replacement.vmId === vmId)?.replacement.name ?? vmId ?? '?';
}
