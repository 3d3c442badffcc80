import { Histogram, type HistogramSnapshot } from './internal/histogram';

export type { HistogramSnapshot };

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CacheMetricsSnapshot {
  l1: { hits: number; misses: number; entries: number; bytes: number; evictions: number };
  l2: { hits: number; misses: number; errors: number; skipped: number; breaker: BreakerState };
  /** Values served past their TTL because the origin failed or was slow. */
  staleServed: number;
  factory: { calls: number; errors: number; timeouts: number; duration: HistogramSnapshot };
  bus: { received: number; gaps: number; connected: boolean; lag: HistogramSnapshot };
}

/**
 * Counters the cache bumps on its paths. Plain fields, so the L1 hit path pays an increment
 * and nothing else; histograms are in seconds (Prometheus base units).
 */
export class CacheMetrics {
  l1Hits = 0;
  l1Misses = 0;
  l2Hits = 0;
  l2Misses = 0;
  l2Errors = 0;
  l2Skipped = 0;
  staleServed = 0;
  factoryCalls = 0;
  factoryErrors = 0;
  factoryTimeouts = 0;
  busReceived = 0;
  busGaps = 0;
  readonly factoryDuration = new Histogram();
  readonly busLag = new Histogram();
}

export interface MetricsSources {
  metrics: CacheMetrics;
  l1: { entries: number; bytes: number; evictions: number };
  breaker: BreakerState;
  busConnected: boolean;
}

export function snapshotMetrics(s: MetricsSources): CacheMetricsSnapshot {
  const m = s.metrics;
  return {
    l1: { hits: m.l1Hits, misses: m.l1Misses, ...s.l1 },
    l2: { hits: m.l2Hits, misses: m.l2Misses, errors: m.l2Errors, skipped: m.l2Skipped, breaker: s.breaker },
    staleServed: m.staleServed,
    factory: { calls: m.factoryCalls, errors: m.factoryErrors, timeouts: m.factoryTimeouts, duration: m.factoryDuration.snapshot() },
    bus: { received: m.busReceived, gaps: m.busGaps, connected: s.busConnected, lag: m.busLag.snapshot() },
  };
}

/** The Prometheus text exposition (version 0.0.4) of one cache's metrics. */
export function metricsToPrometheus(snapshot: CacheMetricsSnapshot, cacheName: string): string {
  const label = `cache="${escapeLabel(cacheName)}"`;
  const lines: string[] = [];
  const counter = (name: string, help: string, rows: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const [labels, value] of rows) lines.push(`${name}{${label}${labels}} ${value}`);
  };
  const gauge = (name: string, help: string, value: number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${label}} ${value}`);
  };
  const histogram = (name: string, help: string, h: HistogramSnapshot) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    for (const b of h.buckets) lines.push(`${name}_bucket{${label},le="${b.le}"} ${b.count}`);
    lines.push(`${name}_bucket{${label},le="+Inf"} ${h.count}`, `${name}_sum{${label}} ${h.sum}`, `${name}_count{${label}} ${h.count}`);
  };
  counter('novacron_cache_hits_total', 'Cache hits per tier.', [
    [',tier="l1"', snapshot.l1.hits],
    [',tier="l2"', snapshot.l2.hits],
  ]);
  counter('novacron_cache_misses_total', 'Cache misses per tier.', [
    [',tier="l1"', snapshot.l1.misses],
    [',tier="l2"', snapshot.l2.misses],
  ]);
  counter('novacron_cache_stale_served_total', 'Values served past their TTL while the origin failed or was slow.', [['', snapshot.staleServed]]);
  counter('novacron_cache_l2_errors_total', 'Failed L2 calls (each degraded to L1).', [['', snapshot.l2.errors]]);
  counter('novacron_cache_factory_calls_total', 'Factory (origin) calls.', [['', snapshot.factory.calls]]);
  counter('novacron_cache_factory_errors_total', 'Factory calls that failed.', [['', snapshot.factory.errors]]);
  counter('novacron_cache_factory_timeouts_total', 'Factory calls that ran past a soft or hard timeout.', [['', snapshot.factory.timeouts]]);
  counter('novacron_cache_bus_messages_total', 'Invalidation messages received from other instances.', [['', snapshot.bus.received]]);
  counter('novacron_cache_bus_gaps_total', 'Bus reconnects that could not replay what was missed (L1 flushed).', [['', snapshot.bus.gaps]]);
  gauge('novacron_cache_l1_entries', 'Entries in L1.', snapshot.l1.entries);
  gauge('novacron_cache_l1_bytes', 'Estimated bytes in L1.', snapshot.l1.bytes);
  gauge('novacron_cache_l2_breaker_open', '1 while the L2 circuit breaker is not closed.', snapshot.l2.breaker === 'closed' ? 0 : 1);
  gauge('novacron_cache_bus_connected', '1 while the invalidation bus is connected.', snapshot.bus.connected ? 1 : 0);
  histogram('novacron_cache_factory_duration_seconds', 'Factory (origin) call duration.', snapshot.factory.duration);
  histogram('novacron_cache_bus_lag_seconds', 'Publish-to-apply lag of bus messages.', snapshot.bus.lag);
  return lines.join('\n') + '\n';
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
