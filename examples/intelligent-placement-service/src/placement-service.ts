import { connect, SimulatedClock, Terminal, writeHtmlReport } from '@novacron/example-shared';
import type { Simulator, SimulatorOptions } from '@novacron/simulator';
import type { DetectedAnomaly, RemediationRecord, ScalingPlan } from '@novacron/sdk/ai';
import { detectAndRemediate, injectAnomalies, type InjectedAnomaly } from './anomaly-response';
import { analyseDemand, HISTORY_DAYS, type DemandForecast, type ReplicaPattern } from './demand-analysis';
import { buildReport } from './placement-report';
import { addReplica, runningReplicas, SERVICE, type Replica } from './service-fleet';

export interface PlacementServiceOptions {
  /** A simulator the caller started with `clock: clock.now`; otherwise the embedded one, or NOVACRON_API_URL. */
  simulator?: Simulator;
  /** The clock the simulator reads: moved to create the fleet two weeks back and to act when a plan is due. */
  clock?: SimulatedClock;
  simulatorOptions?: Omit<SimulatorOptions, 'clock'>;
  env?: Record<string, string | undefined>;
  replicas?: number;
  reportPath?: string;
  terminal?: Terminal;
}

export interface PlacementServiceOutcome {
  target: string;
  replicas: Replica[];
  patterns: ReplicaPattern[];
  forecast: DemandForecast;
  plan: ScalingPlan;
  /** The first scale-up of the plan: when, from how many replicas to how many, and the replicas added. */
  prescale: { at: number; from: number; to: number; executed: boolean; added: Replica[] } | undefined;
  injected: InjectedAnomaly[];
  anomalies: DetectedAnomaly[];
  remediations: RemediationRecord[];
  reportPath: string;
}

const DAY = 86_400_000;

/**
 * Looks after a replicated service: the rhythm of each replica, a 48-hour forecast of the service's
 * demand, replicas added ahead of the predicted peak, and anomalies found and remediated. On the
 * simulator the service is created two weeks back in simulated time, so it has history, and the
 * anomalies are injected; on a real server it works on the running VMs tagged service=checkout.
 */
export async function run(options: PlacementServiceOptions = {}): Promise<PlacementServiceOutcome> {
  const term = options.terminal ?? new Terminal();
  const ownClock = !options.simulator && !(options.env ?? process.env)['NOVACRON_API_URL'];
  const clock = options.clock ?? (ownClock ? new SimulatedClock(Math.floor(Date.now() / 60_000) * 60_000 - HISTORY_DAYS * DAY) : undefined);
  const connection = await connect({
    simulator: options.simulator,
    simulatorOptions: { ...options.simulatorOptions, ...(clock && { clock: clock.now }) },
    env: options.env,
  });
  const { simulator } = connection;
  const simulated = simulator !== undefined && clock !== undefined;
  try {
    term.line(connection.target);

    // 1. The service: created two weeks ago (simulated), placed replica by replica.
    if (simulated) {
      const count = options.replicas ?? 3;
      term.heading(`1. Placing ${count} ${SERVICE.name} replicas (simulated time: ${new Date(clock.now()).toISOString().slice(0, 16)})`);
      const bar = term.bar('Placing replicas', count);
      for (let i = 1; i <= count; i++) {
        const replica = await addReplica(connection, `${SERVICE.name}-${i}`);
        bar.update(i, `${replica.name} → ${replica.nodeId}`);
      }
      bar.stop();
      clock.advanceTo(clock.now() + HISTORY_DAYS * DAY);
      term.line(`  … ${HISTORY_DAYS} days later: ${new Date(clock.now()).toISOString().slice(0, 16)} UTC`);
    } else {
      term.heading(`1. The running VMs tagged service=${SERVICE.name}`);
    }
    const now = () => clock?.now() ?? Date.now();
    const vms = await runningReplicas(connection);
    if (vms.length === 0) throw new Error(`no running VMs tagged service=${SERVICE.name}`);
    const replicas: Replica[] = vms.map((vm) => ({ vmId: vm.id, name: vm.name, nodeId: vm.nodeId ?? '?', provider: vm.cloudProvider ?? '?', reasoning: '' }));
    term.table(['replica', 'node', 'provider'], replicas.map((r) => [r.name, r.nodeId, r.provider]));

    // 2. Patterns and the 48-hour forecast.
    term.heading('2. Workload patterns and a 48-hour forecast');
    const analysis = await analyseDemand(connection, vms, now());
    term.table(
      ['replica', 'rhythm', 'strength', 'trend', 'peak hours (UTC)'],
      analysis.patterns.map((p) => [p.name, p.seasonMinutes ? `${p.seasonMinutes / 60} h` : 'none', p.seasonStrength.toFixed(2), `${p.trend} ${p.trendPercent.toFixed(1)} %`, p.peakHours.slice(0, 4).join(', ')]),
    );
    const { plan } = analysis;
    term.line(`Forecast (${analysis.forecast.model}): peak ${plan.peak.demand.toFixed(1)} vCPU at p95 on ${new Date(plan.peak.at).toISOString().slice(0, 16)} UTC → ${plan.recommended} replicas`);

    // 3. Anomalies: injected on the simulator, found by the AI service, remediated by rule.
    term.heading('3. Anomaly detection and remediation');
    const injected = simulated ? await injectAnomalies(connection, vms, now()) : [];
    for (const i of injected) term.line(`  injected: ${i.kind} of ${i.metric} (+${i.magnitude} points) on ${i.vmName}`);
    const response = await detectAndRemediate(connection, now);
    const names = new Map(vms.map((vm) => [vm.id, vm.name]));
    term.table(
      ['replica', 'anomaly', 'severity', 'from', 'action', 'outcome'],
      response.anomalies.map((a) => {
        const r = response.remediations.find((x) => x.anomalyId === a.id);
        return [names.get(a.vmId) ?? a.vmId, a.kind, a.severity, a.startedAt.slice(11, 16), r?.action ?? '—', r?.outcome ?? 'no rule'];
      }),
    );

    // 4. Pre-scale: the plan's first scale-up, carried out when it is due (the simulator's clock is moved there).
    term.heading('4. Pre-scaling ahead of the predicted peak');
    let prescale: PlacementServiceOutcome['prescale'];
    const up = plan.actions.find((a) => a.kind === 'scale_up');
    if (up) {
      if (simulated && up.at > now()) clock.advanceTo(up.at);
      const due = up.at <= now();
      const added: Replica[] = [];
      if (due) {
        const bar = term.bar('Adding replicas', up.to - up.from);
        for (let i = up.from + 1; i <= up.to; i++) {
          added.push(await addReplica(connection, `${SERVICE.name}-${i}`));
          bar.update(added.length, added[added.length - 1]!.nodeId);
        }
        bar.stop();
      }
      prescale = { at: up.at, from: up.from, to: up.to, executed: due, added };
      term.line(`${up.from} → ${up.to} replicas at ${new Date(up.at).toISOString().slice(0, 16)} UTC, ${plan.leadMinutes} min before the first hour that needs them (the peak is ${new Date(plan.peak.at).toISOString().slice(0, 16)} UTC)${due ? '' : ' (scheduled)'}`);
    } else {
      term.line('No scale-up needed: the replicas hold the predicted peak.');
    }

    for (const a of prescale?.added ?? []) names.set(a.vmId, a.name);
    const reportPath = await writeHtmlReport(
      options.reportPath ?? 'reports/intelligent-placement-service-report.html',
      buildReport({ target: connection.target, replicas, patterns: analysis.patterns, forecast: analysis.forecast, plan, prescale, injected, anomalies: response.anomalies, remediations: response.remediations, names }),
    );
    term.line(`\nReport: ${reportPath}`);
    return { target: connection.target, replicas, patterns: analysis.patterns, forecast: analysis.forecast, plan, prescale, injected, anomalies: response.anomalies, remediations: response.remediations, reportPath };
  } finally {
    await connection.close();
  }
}
