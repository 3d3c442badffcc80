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
 * and nothing else; histograms are in seconds. `cache.metrics()` snapshots them; for Prometheus,
 * `registerPrometheusCollectors` from `@novacron/sdk/prometheus` reads those snapshots.
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
