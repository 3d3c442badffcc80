import { barChart, colorFor, timelineChart, type Report, type TimelineRow } from '@novacron/example-shared';
import type { MigrationManagerOutcome } from './migration-manager';

const usd = (n: number) => `$${n.toFixed(2)}`;

export function buildReport(o: Omit<MigrationManagerOutcome, 'reportPath'>): Report {
  const { first, second } = o;
  const names = new Map(o.vms.map((vm) => [vm.vmId, vm.name]));
  const name = (id: string) => names.get(id) ?? id;
  const planOf = (planId: string | null) => (planId === first.plan.id ? 1 : 2);
  const rows: TimelineRow[] = o.migrations.map((m) => ({
    label: `${name(m.vmId)}${m.rollbackOf ? ' ↩' : ''} (plan ${planOf(m.planId)})`,
    start: Date.parse(m.createdAt),
    end: Date.parse(m.completedAt ?? m.updatedAt),
    category: m.rollbackOf ? 'rolled back' : m.state === 'completed' ? (planOf(m.planId) === 1 ? 'moved' : 'moved (re-plan)') : m.state,
  }));
  const movedOnce = o.vms.filter((vm) => o.migrations.filter((m) => m.vmId === vm.vmId && !m.rollbackOf && m.state === 'completed' && m.planId === lastPlanFor(o, vm.vmId)).length === 1).length;
  const saving = (first.validation.cost?.monthlyBefore ?? 0) - (first.validation.cost?.monthlyAfter ?? 0);
  return {
    title: 'Federated migration manager',
    subtitle: `${o.vms.length} dependent VMs from ${o.source.id} to ${o.destination.id} — ${o.target}`,
    figures: [
      { label: 'VMs at the target', value: `${o.vms.filter((v) => v.clusterId === o.destination.id).length} / ${o.vms.length}`, tone: 'good' },
      { label: 'waves', value: String(first.plan.waves.length) },
      { label: 'waves rolled back', value: String(first.report.failedWave === null ? 0 : 1), tone: first.report.failedWave === null ? 'neutral' : 'bad' },
      { label: 'resumed after an interruption', value: second?.interrupted ? 'yes' : 'no' },
      { label: 'saving per month', value: usd(saving), tone: saving > 0 ? 'good' : 'neutral' },
      { label: 'egress paid', value: usd(first.report.egressCost + (second?.report.egressCost ?? 0)) },
    ],
    sections: [
      {
        title: 'Cost by cluster',
        intro: `The application's monthly compute at list prices in every healthy cluster of its residency zone (${o.source.compliance.dataResidency}). ${o.destination.id} is the cheapest with room.`,
        charts: [
          barChart({
            categories: o.costs.map((c) => c.cluster),
            series: [...new Set(o.costs.map((c) => c.provider))].map((provider) => ({
              name: provider,
              stack: 'cost',
              color: colorFor(provider),
              data: o.costs.map((c) => (c.provider === provider ? c.monthly : 0)),
            })),
            yName: 'USD / month',
            valueFormat: (v) => `$${v.toFixed(0)}`,
          }, { height: 300 }),
        ],
      },
      {
        title: 'The plan',
        intro: `Waves in dependency order (a VM moves after what it depends on), ${o.concurrency} VMs in flight at most (seen: ${o.maxInFlight}). Validation: ${first.validation.ok ? 'passed' : 'refused'}; risk ${first.risk.level}.`,
        table: { head: ['wave', 'VMs', 'depends on'], rows: first.plan.waves.map((wave, i) => [i + 1, wave.map(name).join(', '), [...new Set(wave.flatMap((id) => first.plan.moves[id]!.dependsOn))].map(name).join(', ') || '—']) },
      },
      {
        title: 'Migration timeline',
        intro: 'Every cross-cloud migration of both plans, from its start to its end: moves, the injected failure, the rollbacks (↩), and the re-plan that was interrupted and resumed.',
        charts: [
          timelineChart(rows, { moved: colorFor('gcp'), 'moved (re-plan)': '#5470c6', failed: '#e12d39', 'rolled back': '#f0b429', cancelled: '#9aa5b1' }, undefined, second?.interrupted ? [{ at: second.interrupted.at, label: 'interrupted → resumed' }] : []),
        ],
      },
      {
        title: 'Wave failure and rollback',
        intro: first.report.failedWave === null
          ? 'No wave failed.'
          : `Wave ${first.report.failedWave + 1} failed (${first.report.failed.map((f) => `${name(f.vmId)}: ${f.reason}`).join('; ')}). No further VM of it started, and the VMs it had moved were rolled back: ${first.report.rolledBack.map(name).join(', ') || 'none'}. Later waves did not start.`,
        table: {
          head: ['VM', 'wave', 'outcome'],
          rows: first.plan.waves.flatMap((wave, i) => wave.map((id) => [name(id), i + 1, outcomeOf(first.report, id)])),
        },
      },
      {
        title: 'Interruption and resume',
        intro: second?.interrupted
          ? `The re-plan of the ${second.plan.waves.flat().length} VMs left was interrupted in wave ${second.interrupted.wave + 1} with migrations in flight, and resumed from its plan store: ${second.report.status}, ${second.report.resentCreates} create(s) re-sent and answered with the migration already under way. ${movedOnce} of ${o.vms.length} VMs were moved exactly once by the plan that finished them.`
          : 'Nothing was left to re-plan.',
        table: second
          ? {
              head: ['VM', 'at interruption', 'final', 'completed moves (all plans)', 'rollbacks'],
              rows: second.plan.waves.flat().map((id) => [
                name(id),
                second.interrupted?.state.vms[id]?.status ?? '—',
                outcomeOf(second.report, id),
                o.migrations.filter((m) => m.vmId === id && !m.rollbackOf && m.state === 'completed').length,
                o.migrations.filter((m) => m.vmId === id && m.rollbackOf).length,
              ]),
            }
          : undefined,
      },
    ],
  };
}

function outcomeOf(report: MigrationManagerOutcome['first']['report'], id: string): string {
  if (report.moved.includes(id)) return 'moved';
  if (report.rolledBack.includes(id)) return 'rolled back';
  if (report.failed.some((f) => f.vmId === id)) return 'failed';
  if (report.notStarted.includes(id)) return 'not started';
  return '—';
}

/** The plan that last moved a VM: the re-plan for the VMs it holds, else the first plan. */
function lastPlanFor(o: Omit<MigrationManagerOutcome, 'reportPath'>, vmId: string): string {
  return o.second && o.second.plan.moves[vmId] ? o.second.plan.id : o.first.plan.id;
}
