import { barChart, colorFor, timelineChart, type Report, type TimelineRow } from '@novacron/example-shared';
import type { FederatedVm, CrossCloudMigration } from '@novacron/sdk/federation';
import { THREE_TIER_APP } from './app-topology';
import type { CostReview, CrossCloudMove } from './cost-optimizer';
import type { Replacement } from './failure-replacer';
import type { DeployedVm } from './vm-deployer';

export interface OrchestratorReportInput {
  target: string;
  deployed: DeployedVm[];
  final: FederatedVm[];
  replacements: Replacement[];
  injectedFailure: { nodeId: string; at: number } | undefined;
  review: CostReview;
  migration: { move: CrossCloudMove; result: CrossCloudMigration } | undefined;
  costAfter: Record<string, number>;
  timeline: TimelineRow[];
}

const usd = (n: number) => `$${n.toFixed(2)}`;

export function buildReport(input: OrchestratorReportInput): Report {
  const { deployed, final, replacements, review, migration, costAfter } = input;
  const providers = [...new Set([...final.map((v) => v.provider), ...deployed.map((d) => d.provider)])].sort();
  const tiers = THREE_TIER_APP.map((t) => t.tier);
  const before = Object.values(review.costByProvider).reduce((a, b) => a + b, 0);
  const after = Object.values(costAfter).reduce((a, b) => a + b, 0);
  const costProviders = [...new Set([...Object.keys(review.costByProvider), ...Object.keys(costAfter)])].sort();
  const aiSavings = review.recommendations.filter((r) => r.monthlySavings > 0).reduce((a, r) => a + r.monthlySavings, 0);

  return {
    title: 'Multi-cloud orchestrator',
    subtitle: `A three-tier application across providers with AI placement — ${input.target}`,
    figures: [
      { label: 'VMs deployed', value: String(deployed.length) },
      { label: 'providers used', value: String(new Set(final.map((v) => v.provider)).size) },
      { label: 'failed VMs replaced', value: String(replacements.length), tone: replacements.length ? 'good' : 'neutral' },
      { label: 'saved per month by the move', value: migration ? usd(migration.move.monthlySavings) : '—', tone: migration ? 'good' : 'neutral' },
      { label: 'further AI-recommended savings / month', value: usd(aiSavings) },
    ],
    sections: [
      {
        title: 'Where the application runs',
        intro: 'Running VMs per provider and tier at the end of the run. Web and API VMs were placed with a hard anti-affinity by provider, so no single cloud holds a whole tier.',
        charts: [
          barChart({
            categories: providers,
            series: tiers.map((tier, i) => ({
              name: tier,
              stack: 'vms',
              color: ['#5470c6', '#91cc75', '#ee6666'][i],
              data: providers.map((p) => final.filter((v) => v.provider === p && v.tags['tier'] === tier && v.state === 'running').length),
            })),
            yName: 'VMs',
            integer: true,
          }),
        ],
        table: {
          head: ['VM', 'tier', 'placed on', 'provider/region', 'confidence', 'placement reasoning'],
          rows: deployed.map((d) => [d.name, d.tier, d.nodeId, `${d.provider}/${d.region}`, d.confidence.toFixed(2), d.reasoning]),
        },
      },
      {
        title: 'Failure and automatic replacement',
        intro: input.injectedFailure
          ? `Node ${input.injectedFailure.nodeId} was failed on purpose. Each VM it took down arrived as a vm.failed event; a replacement of the same tier was placed away from the node, started, and the failed VM deleted.`
          : 'No failure was injected (not a simulator); any vm.failed event during the run would have been handled the same way.',
        table: {
          head: ['failed VM', 'tier', 'node', 'event (seq)', 'replacement', 'now on', 'failed VM deleted'],
          rows: replacements.map((r) => [
            r.failedVmName,
            r.tier,
            r.failedNodeId,
            `${r.detectedBy.type} (#${r.detectedBy.seq})`,
            r.replacement.name,
            `${r.replacement.nodeId} (${r.replacement.provider})`,
            r.failedVmDeleted ? 'yes' : 'no',
          ]),
        },
      },
      {
        title: 'Cost by provider',
        intro: `Monthly compute at list prices, before and after the cost-saving move: ${usd(before)} → ${usd(after)}.`,
        charts: [
          barChart({
            categories: costProviders,
            series: [
              { name: 'before', data: costProviders.map((p) => review.costByProvider[p] ?? 0), color: '#9fb3c8' },
              { name: 'after', data: costProviders.map((p) => costAfter[p] ?? 0), color: colorFor('gcp') },
            ],
            yName: 'USD / month',
            valueFormat: (v) => `$${v.toFixed(0)}`,
          }),
        ],
        table: {
          head: ['VM', 'recommendation', 'type', 'saving / month', 'risk'],
          rows: review.recommendations.map((r) => [deployedName(r.vmIds[0], deployed, replacements), r.title, r.type, usd(r.monthlySavings), r.risk]),
        },
      },
      {
        title: 'Cross-cloud moves that pay back within a year',
        intro: migration
          ? `${migration.move.name} moved from ${migration.move.from.provider}/${migration.move.from.region} to ${migration.move.to.cluster} (${migration.result.state}, downtime ${migration.result.downtimeMs ?? 0} ms, egress ${usd(migration.result.egressCost ?? 0)}).`
          : 'No move pays back its egress within a year.',
        table: {
          head: ['VM', 'from', 'to', 'now / month', 'after / month', 'saving / month', 'egress', 'payback (months)'],
          rows: review.moves.map((m) => [
            m.name,
            `${m.from.provider}/${m.from.region}`,
            `${m.to.cluster} (${m.to.instanceType ?? '?'})`,
            usd(m.from.monthly),
            usd(m.to.monthly),
            usd(m.monthlySavings),
            usd(m.egressCost),
            m.paybackMonths ?? '—',
          ]),
        },
      },
      {
        title: 'Timeline',
        intro: 'Each deployment, replacement and migration, from its start to the VM running (seconds since the first deployment).',
        charts: [
          timelineChart(
            input.timeline,
            { deploy: '#5470c6', replace: '#ee6666', migrate: '#3ba272' },
            undefined,
            input.injectedFailure ? [{ at: input.injectedFailure.at, label: `${input.injectedFailure.nodeId} fails` }] : [],
          ),
        ],
      },
    ],
  };
}

function deployedName(vmId: string | undefined, deployed: DeployedVm[], replacements: Replacement[]): string {
  return deployed.find((d) => d.vmId === vmId)?.name ?? replacements.find((r) => r.replacement.vmId === vmId)?.replacement.name ?? vmId ?? '?';
}
