import { eventually, seededRandom } from '@novacron/simulator';
import type { Cache } from '../../src/cache';

export interface Resource {
  id: number;
  rev: number;
}

/**
 * A writer (A) that changes the source of truth and invalidates, and a reader (B) that reads
 * through its cache, both running while `disrupt()` kills a Redis master and waits for the
 * failover. Every call's outcome is recorded: none may reject.
 */
export class FailoverWorkload {
  readonly truth = new Map<string, Resource>();
  /** Calls that rejected, by operation. */
  readonly failures: string[] = [];
  /** Invalidation messages A sent (one per delete / tag delete). */
  published = 0;
  originCalls = 0;
  private readonly random: () => number;
  private stopWritesAt = Number.POSITIVE_INFINITY;
  private stopReadsAt = Number.POSITIVE_INFINITY;
  private done = 0;
  private probes = 0;

  constructor(
    private readonly writer: Cache,
    private readonly reader: Cache,
    readonly keys: readonly string[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
    keys.forEach((key, id) => this.truth.set(key, { id, rev: 0 }));
  }

  tagOf(key: string): string {
    return `rack:${this.truth.get(key)!.id % 4}`;
  }

  readonly origin = (key: string) => async (): Promise<Resource> => {
    this.originCalls++;
    return { ...this.truth.get(key)! };
  };

  read(cache: Cache, key: string): Promise<Resource> {
    return cache.getOrSet(key, this.origin(key), { ttl: 120_000, tags: [this.tagOf(key)] });
  }

  /** B reads every key once, so its L1 holds all of them. */
  async warm(): Promise<void> {
    for (const key of this.keys) await this.read(this.reader, key);
  }

  /** Run writer and reader until `disrupt` has finished and each has made `after` more calls. */
  async runAround(disrupt: () => Promise<void>, after = 40, maxWritesDuring = 2_000): Promise<void> {
    this.stopWritesAt = Number.POSITIVE_INFINITY;
    this.stopReadsAt = Number.POSITIVE_INFINITY;
    let writes = 0;
    let reads = 0;
    let disrupted: Promise<unknown> = new Promise(() => undefined);
    const writer = async () => {
      while (writes < this.stopWritesAt) {
        // With Redis down every write queues on the bus; past its bound (10,000) it would send
        // one clear instead of each message. Stay under it and count each message.
        if (writes === maxWritesDuring) await disrupted;
        await this.writeOnce();
        writes++;
        // With Redis down a write only touches memory and queues: yield, as the reader does.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const reader = async () => {
      while (reads < this.stopReadsAt) {
        const key = this.keys[Math.floor(this.random() * this.keys.length)]!;
        await this.read(this.reader, key).catch((error: unknown) => this.failures.push(`read ${key}: ${String(error)}`));
        reads++;
        // An L1 hit resolves without I/O: yield, or this loop would starve everything else.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const loops = Promise.all([writer(), reader()]);
    try {
      disrupted = disrupt();
      await disrupted;
    } finally {
      this.stopWritesAt = writes + after;
      this.stopReadsAt = reads + after;
    }
    await loops;
    this.done += writes + reads;
  }

  /** Calls made so far by both loops. */
  get calls(): number {
    return this.done;
  }

  private async writeOnce(): Promise<void> {
    const key = this.keys[Math.floor(this.random() * this.keys.length)]!;
    try {
      if (this.random() < 0.75) {
        this.truth.get(key)!.rev++;
        await this.writer.delete(key);
      } else {
        const tag = this.tagOf(key);
        for (const k of this.keys) if (this.tagOf(k) === tag) this.truth.get(k)!.rev++;
        await this.writer.deleteByTag(tag);
      }
      this.published++;
    } catch (error) {
      this.failures.push(`write ${key}: ${String(error)}`);
    }
  }

  /**
   * Wait until B's bus is connected and has A's latest message: a probe A sends last, deleting a
   * key B holds. Messages from one sender arrive in order, so by then everything A sent before it
   * has arrived, or its loss was reported as a gap.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const probe = `probe:${++this.probes}`;
    const bus = () => this.reader.metrics().bus;
    const detail = () => `bus connected ${bus().connected}, received ${bus().received} of ${this.published}, gaps ${bus().gaps}`;
    await eventually(async () => {
      // Only a connected bus lets B keep the probe in L1.
      if (!bus().connected) return undefined;
      await this.reader.set(probe, 'held');
      return this.reader.hasLocal(probe) ? true : undefined;
    }, timeoutMs).catch((error: unknown) => {
      throw new Error(`${String(error)}; B never held the probe: ${detail()}`);
    });
    await this.writer.delete(probe);
    this.published++;
    await eventually(() => (bus().connected && !this.reader.hasLocal(probe) ? true : undefined), timeoutMs).catch((error: unknown) => {
      throw new Error(`${String(error)}; the probe never reached B: ${detail()}`);
    });
  }

  /**
   * Read keys `cache` never held, until one of its L2 calls fails or is skipped: the outage has
   * reached it. Each read must still resolve, with the origin's value. `freshKey(i)` names the
   * i-th key (on a cluster, keys on the killed master).
   */
  async readThroughOutage(cache: Cache, freshKey: (i: number) => string, timeoutMs = 30_000): Promise<void> {
    const missed = () => cache.metrics().l2.errors + cache.metrics().l2.skipped;
    const before = missed();
    let i = 0;
    await eventually(async () => {
      const key = freshKey(i++);
      try {
        const value = await cache.getOrSet(key, async () => `origin:${key}`);
        if (value !== `origin:${key}`) this.failures.push(`read ${key} during the outage: got ${String(value)}`);
      } catch (error) {
        this.failures.push(`read ${key} during the outage: ${String(error)}`);
      }
      return missed() > before ? true : undefined;
    }, timeoutMs);
  }

  /** Keys whose value B serves differs from the source of truth. */
  async staleKeys(): Promise<string[]> {
    const stale: string[] = [];
    for (const key of this.keys) {
      const seen = await this.read(this.reader, key);
      const truth = this.truth.get(key)!;
      if (seen.rev !== truth.rev || seen.id !== truth.id) stale.push(`${key}: served rev ${seen.rev}, truth rev ${truth.rev}`);
    }
    return stale;
  }
}
