/** One point's verdict from a streaming detector (the shape `createAnomalyDetector().update` returns). */
export interface DetectorVerdict {
  score: number;
  anomalous: boolean;
  severity?: unknown;
  expected: number;
  lower: number;
  upper: number;
}

export interface StreamingDetector {
  update(value: number, timestamp?: number): DetectorVerdict;
}

export type DetectorFactory = () => StreamingDetector;

export interface VmMetricSeries {
  vmId: string;
  /** Epoch ms per sample, increasing. */
  timestamps: readonly number[];
  /** Percent. */
  cpu: readonly number[];
  memory: readonly number[];
}

export type EpisodeSeverity = 'low' | 'medium' | 'high' | 'critical';
export type AnomalyKind = 'cpu_high' | 'cpu_low' | 'memory_high' | 'memory_low';

export interface DetectedAnomaly {
  /** Stable for the same VM, metric and start: `${vmId}:${metric}:${startMs}`. */
  id: string;
  vmId: string;
  metric: 'cpu' | 'memory';
  /** Which metric moved and which way: what remediation rules match on. */
  kind: AnomalyKind;
  /**
   * The old client's vocabulary (upstream-api §7.6): `resource_exhaustion` when the metric reached
   * 90 % or more, `performance_degradation` for other rises, `usage_drop` for falls.
   */
  type: 'resource_exhaustion' | 'performance_degradation' | 'usage_drop';
  severity: EpisodeSeverity;
  /** ISO 8601: first and last anomalous sample of the episode. */
  startedAt: string;
  endedAt: string;
  /** The most extreme value of the episode and what the detector expected there. */
  value: number;
  expected: number;
  lower: number;
  upper: number;
  /** The detector's largest score in the episode. */
  score: number;
  points: number;
  description: string;
  /** Both metrics at the most extreme point. */
  metrics: { cpuUsage: number; memoryUsage: number };
}

const SEVERITIES: readonly EpisodeSeverity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Runs a fresh detector per metric over a VM's series and groups anomalous samples inside the
 * window (`windowStart` onward) into episodes: a run of anomalous samples in the same direction,
 * bridging single normal samples. Samples before the window only teach the detector what normal is.
 */
export function scanAnomalies(series: VmMetricSeries, windowStart: number, createDetector: DetectorFactory): DetectedAnomaly[] {
  const found: DetectedAnomaly[] = [];
  for (const metric of ['cpu', 'memory'] as const) {
    const values = series[metric];
    const detector = createDetector();
    let open: { start: number; last: number; direction: 'high' | 'low'; peak: number; verdict: DetectorVerdict; score: number; points: number; severity: EpisodeSeverity } | undefined;
    const close = () => {
      if (open) found.push(episode(series, metric, open));
      open = undefined;
    };
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      if (!Number.isFinite(value)) continue;
      const verdict = detector.update(value, series.timestamps[i]);
      if (series.timestamps[i]! < windowStart) continue;
      if (!verdict.anomalous) {
        if (open && i - open.last > 2) close();
        continue;
      }
      const direction = value >= verdict.expected ? 'high' : 'low';
      if (open && (open.direction !== direction || i - open.last > 2)) close();
      const severity = severityOf(verdict, value);
      if (!open) {
        open = { start: i, last: i, direction, peak: i, verdict, score: verdict.score, points: 0, severity };
      }
      open.last = i;
      open.points++;
      open.score = Math.max(open.score, verdict.score);
      if (SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(open.severity)) open.severity = severity;
      if (Math.abs(value - verdict.expected) >= Math.abs(values[open.peak]! - open.verdict.expected)) {
        open.peak = i;
        open.verdict = verdict;
      }
    }
    close();
  }
  return found.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.metric < b.metric ? -1 : 1));
}

/** A streaming detector's three levels (`createAnomalyDetector`): past the band is already serious. */
const DETECTOR_LEVELS: Record<string, EpisodeSeverity> = { info: 'low', warning: 'high', critical: 'critical' };

/** The detector's own severity (ours, or its info/warning/critical), else from how far past the band the value went. */
function severityOf(verdict: DetectorVerdict, value: number): EpisodeSeverity {
  if (typeof verdict.severity === 'string') {
    if ((SEVERITIES as readonly string[]).includes(verdict.severity)) return verdict.severity as EpisodeSeverity;
    const mapped = DETECTOR_LEVELS[verdict.severity];
    if (mapped) return mapped;
  }
  const halfBand = Math.max(1e-9, (verdict.upper - verdict.lower) / 2);
  const excess = Math.abs(value - verdict.expected) / halfBand;
  return excess >= 4 ? 'critical' : excess >= 2.5 ? 'high' : excess >= 1.5 ? 'medium' : 'low';
}

function episode(
  series: VmMetricSeries,
  metric: 'cpu' | 'memory',
  open: { start: number; last: number; direction: 'high' | 'low'; peak: number; verdict: DetectorVerdict; score: number; points: number; severity: EpisodeSeverity },
): DetectedAnomaly {
  const value = series[metric][open.peak]!;
  const startedAt = new Date(series.timestamps[open.start]!).toISOString();
  const type = open.direction === 'low' ? 'usage_drop' : value >= 90 ? 'resource_exhaustion' : 'performance_degradation';
  const name = metric === 'cpu' ? 'CPU' : 'memory';
  return {
    id: `${series.vmId}:${metric}:${series.timestamps[open.start]}`,
    vmId: series.vmId,
    metric,
    kind: `${metric}_${open.direction}`,
    type,
    severity: open.severity,
    startedAt,
    endedAt: new Date(series.timestamps[open.last]!).toISOString(),
    value,
    expected: open.verdict.expected,
    lower: open.verdict.lower,
    upper: open.verdict.upper,
    score: open.score,
    points: open.points,
    description: `${name} ${open.direction === 'high' ? 'rose' : 'fell'} to ${value.toFixed(1)} % (expected ${open.verdict.expected.toFixed(1)} %, band ${open.verdict.lower.toFixed(1)}–${open.verdict.upper.toFixed(1)}) over ${open.points} sample(s) from ${startedAt}`,
    metrics: { cpuUsage: series.cpu[open.peak]!, memoryUsage: series.memory[open.peak]! },
  };
}
