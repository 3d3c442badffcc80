/**
 * Per-route-template request metrics: count, errors, and a latency histogram with fixed
 * cumulative buckets (cheap to record: one binary search and two increments), from which
 * p50/p95/p99 are estimated by interpolation inside the bucket. In-process only: for Prometheus,
 * `registerPrometheusCollectors` from `@novacron/sdk/prometheus` puts the SDK's metrics on a
 * prom-client Registry.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = [
  0.5, 1, 2, 3, 5, 7.5, 10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1000, 1500, 2500, 5000, 10000, 30000, 60000,
];

export interface RouteMetrics {
  route: string;
  count: number;
  errors: number;
  /** Count by status class or error kind: `2xx`, `4xx`, `5xx`, `network`. */
  outcomes: Record<string, number>;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

class RouteSeries {
  count = 0;
  errors = 0;
  sumMs = 0;
  readonly buckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  readonly outcomes: Record<string, number> = {};

  record(durationMs: number, outcome: string, failed: boolean): void {
    this.count++;
    if (failed) this.errors++;
    this.sumMs += durationMs;
    this.buckets[bucketIndex(durationMs)]!++;
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = q * this.count;
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      const inBucket = this.buckets[i]!;
      if (seen + inBucket >= rank && inBucket > 0) {
        const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
        const upper = LATENCY_BUCKETS_MS[i] ?? lower * 2;
        return lower + ((rank - seen) / inBucket) * (upper - lower);
      }
      seen += inBucket;
    }
    return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]!;
  }
}

function bucketIndex(ms: number): number {
  let lo = 0;
  let hi = LATENCY_BUCKETS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms <= LATENCY_BUCKETS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class RequestMetrics {
  private readonly series = new Map<string, RouteSeries>();
  /** False records nothing (`NOVACRON_ENABLE_METRICS=false`); request logs are not affected. */
  enabled = true;

  record(route: string, durationMs: number, outcome: string, failed: boolean): void {
    if (!this.enabled) return;
    let series = this.series.get(route);
    if (!series) this.series.set(route, (series = new RouteSeries()));
    series.record(durationMs, outcome, failed);
  }

  snapshot(): RouteMetrics[] {
    return [...this.series].map(([route, s]) => ({
      route,
      count: s.count,
      errors: s.errors,
      outcomes: { ...s.outcomes },
      meanMs: s.count ? s.sumMs / s.count : 0,
      p50Ms: s.quantile(0.5),
      p95Ms: s.quantile(0.95),
      p99Ms: s.quantile(0.99),
    }));
  }

  reset(): void {
    this.series.clear();
  }
}
