/** Default buckets in seconds, the OTel HTTP client advice (fine enough for sub-ms cache work). */
export const DEFAULT_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10,
];

export interface HistogramSnapshot {
  count: number;
  /** Seconds. */
  sum: number;
  /** Cumulative counts per upper bound (seconds), Prometheus style; `+Inf` is `count`. */
  buckets: { le: number; count: number }[];
  /** Estimated from the buckets: the upper bound where the quantile falls. */
  p50: number;
  p99: number;
}

export class Histogram {
  private readonly counts: number[];
  private count = 0;
  private sum = 0;

  constructor(private readonly bounds: readonly number[] = DEFAULT_BUCKETS_SECONDS) {
    this.counts = new Array<number>(bounds.length).fill(0);
  }

  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    for (let i = 0; i < this.bounds.length; i++) {
      if (seconds <= this.bounds[i]!) {
        this.counts[i]!++;
        return;
      }
    }
  }

  snapshot(): HistogramSnapshot {
    let running = 0;
    const buckets = this.bounds.map((le, i) => ({ le, count: (running += this.counts[i]!) }));
    return { count: this.count, sum: this.sum, buckets, p50: this.quantile(buckets, 0.5), p99: this.quantile(buckets, 0.99) };
  }

  private quantile(buckets: { le: number; count: number }[], q: number): number {
    if (this.count === 0) return 0;
    const target = q * this.count;
    for (const b of buckets) if (b.count >= target) return b.le;
    return Number.POSITIVE_INFINITY;
  }
}
