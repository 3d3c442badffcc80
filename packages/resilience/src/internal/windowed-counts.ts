/**
 * Counters over a sliding time window, kept in fixed buckets so reading a total is O(fields)
 * and memory never grows: a bucket's counts are subtracted from the totals when it is reused.
 */
export class WindowedCounts {
  private readonly bucketMs: number;
  private readonly bucketCount: number;
  private readonly buckets: Float64Array;
  private readonly totals: Float64Array;
  /** Absolute bucket number (time / bucketMs) of the newest bucket. */
  private head = -Infinity;

  constructor(
    private readonly fields: number,
    readonly windowMs: number,
    private readonly now: () => number,
    bucketCount = 10,
  ) {
    this.bucketCount = bucketCount;
    this.bucketMs = Math.max(1, windowMs / bucketCount);
    this.buckets = new Float64Array(bucketCount * fields);
    this.totals = new Float64Array(fields);
  }

  add(field: number, amount = 1): void {
    this.advance();
    this.buckets[(this.head % this.bucketCount) * this.fields + field]! += amount;
    this.totals[field]! += amount;
  }

  total(field: number): number {
    this.advance();
    return this.totals[field]!;
  }

  reset(): void {
    this.buckets.fill(0);
    this.totals.fill(0);
  }

  private advance(): void {
    const bucket = Math.floor(this.now() / this.bucketMs);
    if (bucket <= this.head) return;
    if (bucket - this.head >= this.bucketCount) {
      this.reset();
    } else {
      for (let b = this.head + 1; b <= bucket; b++) {
        const base = (b % this.bucketCount) * this.fields;
        for (let f = 0; f < this.fields; f++) {
          this.totals[f]! -= this.buckets[base + f]!;
          this.buckets[base + f] = 0;
        }
      }
    }
    this.head = bucket;
  }
}
