import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilePlanStore } from '@novacron/federation/node';
import { connect, Terminal, writeHtmlReport } from '@novacron/example-shared';
import { AbortError } from '@novacron/sdk';
import type { Simulator, SimulatorOptions } from '@novacron/simulator';
import type { Cluster, CrossCloudMigration, FederatedVm, MigrationPlan, PlanExecutionState, PlanReport, PlanRisk, PlanValidationResult } from '@novacron/sdk/federation';
import { APP_NAME, deployApplication, ERP_APP } from './application';
import { buildReport } from './migration-report';
import { chooseTarget, type ClusterCost } from './target-selection';
import { WaveProgress } from './wave-progress';

export interface MigrationManagerOptions {
  /** A simulator the caller started (tests); otherwise the embedded one, or NOVACRON_API_URL. */
  simulator?: Simulator;
  simulatorOptions?: SimulatorOptions;
  env?: Record<string, string | undefined>;
  /** Where plan state is kept (a FilePlanStore: another process could resume from it). Default a new temp folder. */
  storeDir?: string;
  /** VMs in flight at once within a wave. Default 2. */
  concurrency?: number;
  reportPath?: string;
  terminal?: Terminal;
}

export interface PlanRun {
  plan: MigrationPlan;
  report: PlanReport;
}

export interface MigrationManagerOutcome {
  target: string;
  source: Cluster;
  destination: Cluster;
  costs: ClusterCost[];
  /** The first plan: every VM of the application, validated and assessed, with one wave failing on purpose (simulator). */
  first: PlanRun & { validation: PlanValidationResult; risk: PlanRisk; injectedFailure: { vmId: string; vmName: string } | undefined };
  /** The second plan, for what the first left behind: interrupted mid-wave, then resumed from its store. */
  second: (PlanRun & { interrupted: { wave: number; at: number; state: PlanExecutionState } | undefined }) | undefined;
  /** The most VMs migrating at once, over both plans. */
  maxInFlight: number;
  concurrency: number;
  /** Every cross-cloud migration of both plans, rollbacks included, oldest first. */
  migrations: CrossCloudMigration[];
  /** Where each VM of the application is at the end. */
  vms: FederatedVm[];
  reportPath: string;
}

/**
 * Moves a multi-tier application to the cheapest cluster in its residency zone: plans waves from the
 * dependencies, validates and assesses the plan, executes it with bounded concurrency (a wave fails
 * on purpose on the simulator and is rolled back), then plans what is left, interrupts that run
 * mid-wave and resumes it from the plan store, and writes the report.
 */
export async function run(options: MigrationManagerOptions = {}): Promise<MigrationManagerOutcome> {
  const term = options.terminal ?? new Terminal();
  const concurrency = options.concurrency ?? 2;
  const connection = await connect({ simulator: options.simulator, simulatorOptions: options.simulatorOptions, env: options.env });
  const { federation, simulator } = connection;
  const store = new FilePlanStore({ dir: options.storeDir ?? (await mkdtemp(join(tmpdir(), 'novacron-plans-'))) });
  let maxInFlight = 0;
  try {
    term.line(connection.target);

    // 1. The application, on AWS.
    term.heading(`1. Deploying ${APP_NAME}: ${ERP_APP.length} VMs with dependencies`);
    const bar = term.bar('Deploying VMs', ERP_APP.length);
    let deployed = 0;
    await deployApplication(connection, simulator ? 'node-aws-use1' : undefined, (vm) => bar.update(++deployed, vm.name));
    bar.stop();
    const appVms = async () => (await federation.inventory.all()).filter((vm) => vm.tags['app'] === APP_NAME).sort((a, b) => a.name.localeCompare(b.name));
    const vms = await appVms();
    const idOf = new Map(vms.map((vm) => [vm.name, vm.vmId]));

    // 2. Where to: the cheapest cluster with room in the same residency zone.
    term.heading('2. Choosing the target');
    const { source, target, costs } = await chooseTarget(connection, vms);
    term.table(['cluster', 'provider/region', 'application / month'], costs.map((c) => [c.cluster + (c.cluster === source.id ? ' (now)' : c.cluster === target.id ? ' (target)' : ''), `${c.provider}/${c.region}`, `$${c.monthly.toFixed(2)}`]));

    // 3. Plan, validate, assess.
    term.heading(`3. Planning ${source.id} → ${target.id}`);
    const movesFor = (names: string[]) =>
      names.map((name) => ({
        vmId: idOf.get(name)!,
        targetCluster: target.id,
        dependsOn: ERP_APP.find((a) => a.name === name)!.dependsOn.filter((d) => names.includes(d)).map((d) => idOf.get(d)!),
      }));
    const plan = await federation.plans.create({ name: `${APP_NAME} to ${target.id}`, moves: movesFor(ERP_APP.map((a) => a.name)), type: 'live' });
    const checks = { allowedRegions: [`${target.provider}/${target.region}`], maxMonthlyIncrease: 0, withCosts: true };
    const validation = await federation.plans.validate(plan, checks);
    const risk = await federation.plans.assessRisk(plan);
    term.table(['wave', 'VMs'], plan.waves.map((wave, i) => [i + 1, wave.map((id) => plan.moves[id]!.vmName).join(', ')]));
    term.line(`Validation: ${validation.ok ? 'ok' : validation.refusals.map((r) => `${r.rule}: ${r.reason}`).join('; ')}; monthly $${validation.cost?.monthlyBefore.toFixed(2)} → $${validation.cost?.monthlyAfter.toFixed(2)}; risk ${risk.level}`);
    if (!validation.ok) throw new Error('the plan was refused');

    // 4. Execute; on the simulator one VM of the second wave fails part-way, and its wave is rolled back.
    term.heading(`4. Executing (${concurrency} at a time)`);
    let injectedFailure: MigrationManagerOutcome['first']['injectedFailure'];
    if (simulator && plan.waves.length > 1) {
      const victim = plan.waves[1]![Math.min(1, plan.waves[1]!.length - 1)]!;
      simulator.controls.federation.failMigration({ vmId: victim, atProgress: 60, reason: 'injected: target storage went read-only' });
      injectedFailure = { vmId: victim, vmName: plan.moves[victim]!.vmName };
      term.line(`(simulator) ${injectedFailure.vmName}'s migration will fail at 60 %`);
    }
    const catalog = await federation.catalog.get();
    const progress1 = new WaveProgress(term, plan);
    const report1 = await federation.plans.execute(plan, { store, concurrency, catalog, pollIntervalMs: 100, checks, onProgress: progress1.onProgress });
    maxInFlight = Math.max(maxInFlight, progress1.maxInFlight);
    summarise(term, plan, report1);

    // 5. The rest: a new plan for every VM not at the target yet, interrupted mid-wave and resumed.
    let second: MigrationManagerOutcome['second'];
    const left = (await appVms()).filter((vm) => vm.clusterId !== target.id).map((vm) => vm.name);
    if (left.length) {
      term.heading(`5. Re-planning the ${left.length} VMs left, then interrupting the run and resuming it`);
      const plan2 = await federation.plans.create({ name: `${APP_NAME} to ${target.id} (retry)`, moves: movesFor(left), type: 'live' });
      const controller = new AbortController();
      const progress2 = new WaveProgress(term, plan2);
      let interruptedWave = -1;
      let interruptedAt = 0;
      let report2: PlanReport | undefined;
      try {
        report2 = await federation.plans.execute(plan2, {
          store,
          concurrency,
          catalog,
          pollIntervalMs: 100,
          signal: controller.signal,
          onProgress: (event) => {
            progress2.onProgress(event);
            // Interrupt once a VM is half-way: its migration carries on at the server meanwhile.
            if (event.type === 'vm_progress' && (event.progress ?? 0) >= 50 && !controller.signal.aborted) {
              interruptedWave = event.wave;
              interruptedAt = Date.now();
              controller.abort();
            }
          },
        });
      } catch (error) {
        if (!(error instanceof AbortError)) throw error;
      }
      progress2.endWave();
      maxInFlight = Math.max(maxInFlight, progress2.maxInFlight);
      let interrupted: { wave: number; at: number; state: PlanExecutionState } | undefined;
      if (!report2) {
        const state = (await store.loadState(plan2.id))!;
        interrupted = { wave: interruptedWave, at: interruptedAt, state };
        const counts = countStatuses(state);
        term.line(`Interrupted in wave ${interruptedWave + 1}: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}. Resuming from the plan store…`);
        const progress3 = new WaveProgress(term, plan2);
        report2 = await federation.plans.resume(plan2.id, { store, concurrency, catalog, pollIntervalMs: 100, onProgress: progress3.onProgress });
        maxInFlight = Math.max(maxInFlight, progress3.maxInFlight);
      }
      summarise(term, plan2, report2);
      second = { plan: plan2, report: report2, interrupted };
    }

    // 6. Where everything is, and every migration made.
    const finalVms = await appVms();
    const planIds = [plan.id, ...(second ? [second.plan.id] : [])];
    const migrations = (await Promise.all(planIds.map((planId) => federation.migrations.list({ planId }).toArray({ limit: 1000 })))).flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    term.heading('6. The application now');
    term.table(
      ['vm', 'cluster', 'moves', 'rollbacks'],
      finalVms.map((vm) => [vm.name, vm.clusterId ?? '—', migrations.filter((m) => m.vmId === vm.vmId && !m.rollbackOf && m.state === 'completed').length, migrations.filter((m) => m.vmId === vm.vmId && m.rollbackOf).length]),
    );
    const outcome: Omit<MigrationManagerOutcome, 'reportPath'> = {
      target: connection.target,
      source,
      destination: target,
      costs,
      first: { plan, report: report1, validation, risk, injectedFailure },
      second,
      maxInFlight,
      concurrency,
      migrations,
      vms: finalVms,
    };
    const reportPath = await writeHtmlReport(options.reportPath ?? 'reports/federated-migration-manager-report.html', buildReport(outcome));
    term.line(`\nReport: ${reportPath}`);
    return { ...outcome, reportPath };
  } finally {
    await connection.close();
  }
}

function summarise(term: Terminal, plan: MigrationPlan, report: PlanReport): void {
  const name = (id: string) => plan.moves[id]?.vmName ?? id;
  term.line(
    `Plan ${report.status}: moved ${report.moved.map(name).join(', ') || 'none'}` +
      (report.failedWave !== null ? `; wave ${report.failedWave + 1} failed (${report.failed.map((f) => `${name(f.vmId)}: ${f.reason}`).join('; ')}), rolled back ${report.rolledBack.map(name).join(', ') || 'nothing'}; not started ${report.notStarted.map(name).join(', ') || 'none'}` : '') +
      `; egress $${report.egressCost.toFixed(2)}`,
  );
}

export function countStatuses(state: PlanExecutionState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const vm of Object.values(state.vms)) counts[vm.status] = (counts[vm.status] ?? 0) + 1;
  return counts;
}
