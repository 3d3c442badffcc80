import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_CONTENT, reportSection, SimulatedClock, Terminal } from '@novacron/example-shared';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { FORECAST_HOURS, HISTORY_DAYS } from '../src/demand-analysis';
import { run, type PlacementServiceOutcome } from '../src/placement-service';

// A fixed simulated "now", so every metric the simulator serves is the same on every run.
const NOW = Date.UTC(2026, 0, 14, 9, 30);

describe('intelligent placement service on the simulator', () => {
  let simulator: Simulator;
  let outcome: PlacementServiceOutcome;
  let reportPath: string;

  beforeAll(async () => {
    const clock = new SimulatedClock(NOW - HISTORY_DAYS * 86_400_000);
    simulator = await startSimulator({ port: 0, seed: 7, timeScale: 0.02, clock: clock.now, alertIntervalMs: 0 });
    reportPath = join(mkdtempSync(join(tmpdir(), 'placement-')), 'report.html');
    outcome = await run({ simulator, clock, reportPath, terminal: new Terminal({ silent: true }) });
  }, 120_000);

  afterAll(async () => {
    await simulator.close();
  });

  it('finds the daily rhythm of every replica in two weeks of history', () => {
    expect(outcome.patterns).toHaveLength(3);
    for (const p of outcome.patterns) {
      expect(p.seasonMinutes).toBe(24 * 60);
      expect(p.seasonStrength).toBeGreaterThan(0.5);
      expect(p.hourlyProfile).toHaveLength(24);
      expect(p.peakHours.length).toBeGreaterThan(0);
    }
    expect(outcome.forecast.history.length).toBeGreaterThanOrEqual(HISTORY_DAYS * 24 - 1);
  });

  it('forecasts 48 hourly points with nested 80 % and 95 % intervals', () => {
    const f = outcome.forecast;
    expect(f.mean).toHaveLength(FORECAST_HOURS);
    expect(f.timestamps).toHaveLength(FORECAST_HOURS);
    for (const level of [80, 95] as const) {
      expect(f.intervals[level].lower).toHaveLength(FORECAST_HOURS);
      expect(f.intervals[level].upper).toHaveLength(FORECAST_HOURS);
    }
    for (let i = 0; i < FORECAST_HOURS; i++) {
      expect(f.intervals[95].lower[i]).toBeLessThanOrEqual(f.intervals[80].lower[i]!);
      expect(f.intervals[80].lower[i]).toBeLessThanOrEqual(f.mean[i]!);
      expect(f.mean[i]).toBeLessThanOrEqual(f.intervals[80].upper[i]!);
      expect(f.intervals[80].upper[i]).toBeLessThanOrEqual(f.intervals[95].upper[i]!);
    }
    expect(f.timestamps[0]).toBeGreaterThan(f.historyTimestamps[f.historyTimestamps.length - 1]!);
  });

  it('adds replicas before the predicted peak, and they run', () => {
    const prescale = outcome.prescale!;
    expect(prescale.to).toBeGreaterThan(prescale.from);
    expect(prescale.at).toBeLessThan(outcome.plan.peak.at);
    expect(prescale.executed).toBe(true);
    expect(prescale.added).toHaveLength(prescale.to - prescale.from);
    const running = simulator.controls.snapshot().vms.filter((vm) => vm.tags?.['service'] === 'checkout' && vm.state === 'running');
    expect(running).toHaveLength(prescale.to);
    expect(outcome.plan.recommended).toBeGreaterThanOrEqual(prescale.to);
  });

  it('detects every injected anomaly on its replica and metric', () => {
    expect(outcome.injected.map((i) => i.kind).sort()).toEqual(['drift', 'level_shift', 'spike']);
    for (const injection of outcome.injected) {
      const found = outcome.anomalies.filter((a) => a.vmId === injection.vmId && a.metric === injection.metric && a.kind === `${injection.metric}_high`);
      expect(found.length).toBeGreaterThanOrEqual(1);
      expect(Date.parse(found[0]!.startedAt)).toBeGreaterThanOrEqual(injection.start);
    }
  });

  it('remediates by rule: the memory leak restarted, CPU contention moved, repeats held by the cooldown', () => {
    const done = outcome.remediations.filter((r) => r.outcome === 'done');
    const byVm = (vmId: string) => done.filter((r) => r.vmId === vmId).map((r) => r.action);
    const memory = outcome.injected.find((i) => i.metric === 'memory')!;
    expect(byVm(memory.vmId)).toEqual(['restart']);
    const snapshot = simulator.controls.snapshot();
    for (const injection of outcome.injected.filter((i) => i.metric === 'cpu')) {
      expect(byVm(injection.vmId)).toEqual(['migrate']);
      const moves = snapshot.migrations.filter((m) => m.vm_id === injection.vmId && m.state === 'completed');
      expect(moves).toHaveLength(1);
      const vm = snapshot.vms.find((v) => v.id === injection.vmId)!;
      expect(vm.node_id).toBe(moves[0]!.target_node_id);
    }
    // Every remediation names an anomaly that was detected; none failed.
    const ids = new Set(outcome.anomalies.map((a) => a.id));
    for (const r of outcome.remediations) expect(ids.has(r.anomalyId)).toBe(true);
    expect(outcome.remediations.some((r) => r.outcome === 'failed')).toBe(false);
  });

  it('writes the report with the forecast chart and the anomalies marked', () => {
    expect(existsSync(reportPath)).toBe(true);
    const html = readFileSync(reportPath, 'utf8');
    const section = (title: string) => reportSection(html, title);
    const forecast = section('48-hour demand forecast');
    expect(forecast).toContain('<svg');
    for (const text of ['80 % interval', '95 % interval', 'predicted peak', 'scale up', 'anomalies']) expect(forecast).toContain(text);
    const anomalies = section('Anomalies and remediation');
    expect(anomalies).toContain('<svg');
    expect(anomalies.match(/<tr>/g)?.length).toBe(outcome.anomalies.length + 1);
    expect(html).not.toMatch(EXTERNAL_CONTENT);
  });
});
