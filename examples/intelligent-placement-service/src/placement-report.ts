import { renderChart, type Report } from '@novacron/example-shared';
import type { DetectedAnomaly, RemediationRecord, ScalingPlan } from '@novacron/sdk/ai';
import type { InjectedAnomaly } from './anomaly-response';
import { TARGET_UTILIZATION, type DemandForecast, type ReplicaPattern } from './demand-analysis';
import { SERVICE, type Replica } from './service-fleet';

export interface PlacementReportInput {
  target: string;
  replicas: Replica[];
  patterns: ReplicaPattern[];
  forecast: DemandForecast;
  plan: ScalingPlan;
  prescale: { at: number; from: number; to: number; executed: boolean; added: Replica[] } | undefined;
  injected: InjectedAnomaly[];
  anomalies: DetectedAnomaly[];
  remediations: RemediationRecord[];
  names: Map<string, string>;
}

const HISTORY_SHOWN = 72;
const label = (ms: number) => {
  const d = new Date(ms);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
};

export function buildReport(input: PlacementReportInput): Report {
  const { forecast: f, plan, prescale, names } = input;
  const nameOf = (id: string) => names.get(id) ?? id;
  const done = input.remediations.filter((r) => r.outcome === 'done').length;
  return {
    title: 'Intelligent placement service',
    subtitle: `Patterns, a 48-hour forecast, pre-scaling and anomaly remediation for the checkout service — ${input.target}`,
    figures: [
      { label: 'replicas now', value: String(input.replicas.length + (prescale?.executed ? prescale.added.length : 0)) },
      { label: 'predicted peak (vCPU, p95)', value: plan.peak.demand.toFixed(1) },
      { label: 'peak at (UTC)', value: label(plan.peak.at) },
      { label: 'pre-scaled at (UTC)', value: prescale ? `${label(prescale.at)} → ${prescale.to} replicas` : 'not needed', tone: prescale ? 'good' : 'neutral' },
      { label: 'anomalies detected', value: String(input.anomalies.length), tone: input.anomalies.length ? 'bad' : 'good' },
      { label: 'remediations carried out', value: String(done), tone: done ? 'good' : 'neutral' },
    ],
    sections: [
      {
        title: '48-hour demand forecast',
        intro: `The service's CPU demand (vCPUs in use across replicas), the last ${HISTORY_SHOWN} hours and the next 48 with 80 % and 95 % prediction intervals (${f.model}). The step line is the capacity the plan provides at 60 % target utilisation; the markers show the predicted peak and when capacity is added, ahead of it. The shaded hour is where anomalies were injected and found.`,
        charts: [forecastChart(input)],
      },
      {
        title: 'Workload patterns',
        intro: 'Mean CPU per hour of the day (UTC) for each replica over two weeks, with the rhythm and trend found in it.',
        charts: [
          renderChart({
            legend: { top: 4 },
            grid: { left: 50, right: 20, top: 40, bottom: 36 },
            xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}`), name: 'UTC hour' },
            yAxis: { type: 'value', name: 'CPU %' },
            series: input.patterns.map((p) => ({ type: 'line' as const, name: p.name, smooth: true, showSymbol: false, data: p.hourlyProfile.map((v) => round1(v)) })),
          }),
        ],
        table: {
          head: ['replica', 'rhythm', 'strength', 'trend', 'peak hours (UTC)', 'quiet hours (UTC)'],
          rows: input.patterns.map((p) => [
            p.name,
            p.seasonMinutes ? `${p.seasonMinutes / 60} h` : 'none',
            p.seasonStrength.toFixed(2),
            `${p.trend} (${p.trendPercent >= 0 ? '+' : ''}${p.trendPercent.toFixed(1)} %)`,
            p.peakHours.slice(0, 4).join(', '),
            p.quietHours.slice(0, 4).join(', '),
          ]),
        },
      },
      {
        title: 'Scaling plan',
        intro: prescale
          ? `${prescale.from} → ${prescale.to} replicas at ${label(prescale.at)} UTC, 30 minutes before the step that needs them; the peak is at ${label(plan.peak.at)}.${prescale.executed ? ' Carried out: the new replicas were placed by the AI placement and are running.' : ' Scheduled.'}`
          : 'The current replicas hold the predicted peak at the 95th percentile.',
        table: {
          head: ['at (UTC)', 'action', 'replicas', 'demand (vCPU, p95)', 'reason'],
          rows: plan.actions.map((a) => [label(a.at), a.kind, `${a.from} → ${a.to}`, a.demand.toFixed(2), a.reason]),
        },
      },
      {
        title: 'Anomalies and remediation',
        intro: `Injected: ${input.injected.map((i) => `${i.kind} of ${i.metric} on ${i.vmName}`).join(', ')}. Each bar is the range the detector expected; the dot is what was seen.`,
        charts: input.anomalies.length ? [anomalyChart(input.anomalies, nameOf)] : [],
        table: {
          head: ['replica', 'anomaly', 'severity', 'from (UTC)', 'seen / expected', 'action', 'outcome'],
          rows: input.anomalies.map((a) => {
            const r = input.remediations.find((x) => x.anomalyId === a.id);
            return [nameOf(a.vmId), a.kind, a.severity, a.startedAt.slice(11, 16), `${a.value.toFixed(0)} / ${a.expected.toFixed(0)} %`, r?.action ?? 'none (no rule)', r?.outcome ?? '—'];
          }),
        },
      },
    ],
  };
}

function forecastChart(input: PlacementReportInput): string {
  const { forecast: f, plan, prescale } = input;
  const hist = f.history.slice(-HISTORY_SHOWN);
  const histTimes = f.historyTimestamps.slice(-HISTORY_SHOWN);
  const categories = [...histTimes, ...f.timestamps].map(label);
  const pad = (values: number[]) => [...hist.map(() => null), ...values.map(round2)];
  const band = (level: 80 | 95) => f.intervals[level].upper.map((u, i) => u - f.intervals[level].lower[i]!);
  const capacity = plan.required.map((units) => round2(units * SERVICE.cpu * TARGET_UTILIZATION));
  const peakIndex = hist.length + f.timestamps.findIndex((t) => t >= plan.peak.at);
  const scaleIndex = prescale ? hist.length + Math.max(0, f.timestamps.findIndex((t) => t >= prescale.at)) : -1;
  return renderChart(
    {
      legend: { top: 4, data: ['history', 'forecast', '80 % interval', '95 % interval', 'planned capacity'] },
      grid: { left: 56, right: 24, top: 44, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 11, rotate: 30 } },
      yAxis: { type: 'value', name: 'vCPU' },
      series: [
        { type: 'line', name: 'low95', stack: 'b95', data: pad(f.intervals[95].lower), lineStyle: { opacity: 0 }, showSymbol: false, silent: true },
        { type: 'line', name: '95 % interval', stack: 'b95', data: pad(band(95)), lineStyle: { opacity: 0 }, areaStyle: { color: '#9ecae1' }, itemStyle: { color: '#9ecae1' }, showSymbol: false },
        { type: 'line', name: 'low80', stack: 'b80', data: pad(f.intervals[80].lower), lineStyle: { opacity: 0 }, showSymbol: false, silent: true },
        { type: 'line', name: '80 % interval', stack: 'b80', data: pad(band(80)), lineStyle: { opacity: 0 }, areaStyle: { color: '#4292c6' }, itemStyle: { color: '#4292c6' }, showSymbol: false },
        {
          type: 'line',
          name: 'history',
          data: [...hist.map(round2), ...f.timestamps.map(() => null)],
          showSymbol: false,
          itemStyle: { color: '#243b53' },
          markArea: { itemStyle: { color: 'rgba(238,102,102,0.18)' }, label: { color: '#c53030', position: 'insideBottom' }, data: [[{ name: 'anomalies', xAxis: categories[hist.length - 2] }, { xAxis: categories[hist.length - 1] }]] },
        },
        {
          type: 'line',
          name: 'forecast',
          data: pad(f.mean),
          showSymbol: false,
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: '#08519c' },
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}' },
            data: [
              ...(peakIndex >= hist.length ? [{ name: 'predicted peak', xAxis: categories[peakIndex], lineStyle: { color: '#c53030' }, label: { position: 'insideEndTop' as const, formatter: '{b}' } }] : []),
              ...(scaleIndex >= 0 ? [{ name: 'scale up', xAxis: categories[scaleIndex], lineStyle: { color: '#2f855a' }, label: { position: 'insideEndBottom' as const, formatter: '{b}' } }] : []),
            ],
          },
        },
        { type: 'line', name: 'planned capacity', step: 'end', data: pad(capacity), showSymbol: false, itemStyle: { color: '#2f855a' } },
      ],
    },
    { height: 380 },
  );
}

function anomalyChart(anomalies: DetectedAnomaly[], nameOf: (id: string) => string): string {
  const categories = anomalies.map((a) => `${nameOf(a.vmId)} ${a.kind} ${a.startedAt.slice(11, 16)}`);
  return renderChart(
    {
      legend: { top: 4, data: ['expected range', 'seen'] },
      grid: { left: 90, right: 24, top: 40, bottom: 90 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', name: '%', max: 100 },
      series: [
        { type: 'bar', name: 'low', stack: 'range', data: anomalies.map((a) => round1(Math.max(0, a.lower))), itemStyle: { color: 'transparent' }, silent: true },
        { type: 'bar', name: 'expected range', stack: 'range', data: anomalies.map((a) => round1(a.upper - Math.max(0, a.lower))), itemStyle: { color: '#bcccdc' }, barWidth: 26 },
        {
          type: 'scatter',
          name: 'seen',
          data: anomalies.map((a) => round1(a.value)),
          symbolSize: 14,
          itemStyle: { color: '#e12d39' },
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => anomalies[p.dataIndex]!.severity },
        },
      ],
    },
    { height: 320 },
  );
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
