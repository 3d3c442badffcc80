import type { CacheEntry } from '../cache-entry';
import type { BreakerState, CacheMetrics } from '../cache-metrics';
import type { L2Store, L2Write } from '../l2-store';
import { decodeEntry } from './entry-codec';

export interface L2BreakerOptions {
  /** Consecutive failures that open the breaker. Default 3. */
  failureThreshold?: number;
  /** How long L2 is skipped once open, in ms. Default 2,000. */
  breakDuration?: number;
  /** Invalidations kept to replay on recovery. Past it, recovery cannot be exact. Default 10,000. */
  maxPendingInvalidations?: number;
}

type Pending = { kind: 'keys'; key: string } | { kind: 'tag'; tag: string } | { kind: 'prefix'; prefix: string };

/**
 * Every L2 call goes through here: errors never reach the caller, repeated errors open a
 * breaker that skips L2 (the cache degrades to L1), and after `breakDuration` one call probes.
 *
 * Invalidations that failed while L2 was down are kept and replayed as the probe, before any
 * read is let through again, so L2 never serves a value that was invalidated during the outage.
 */
export class L2Guard {
  state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private readonly pending = new Map<string, Pending>();
  private overflowed = false;
  private readonly failureThreshold: number;
  private readonly breakDuration: number;
  private readonly maxPending: number;

  constructor(
    readonly store: L2Store,
    private readonly metrics: CacheMetrics,
    private readonly now: () => number,
    private readonly onError: (error: unknown, operation: string) => void,
    options: L2BreakerOptions = {},
  ) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.breakDuration = options.breakDuration ?? 2_000;
    this.maxPending = options.maxPendingInvalidations ?? 10_000;
  }

  /** Whether a read may go to L2 now. Starts the recovery probe when the break is over. */
  usable(): boolean {
    if (!this.store.ready) return false;
    if (this.state === 'closed') {
      if (this.pending.size === 0) return true;
      // Back from a disconnect with invalidations still owed: replay them before any read.
      this.state = 'open';
      this.openedAt = Number.NEGATIVE_INFINITY;
    }
    if (this.state === 'open' && this.now() - this.openedAt >= this.breakDuration) void this.probe();
    return false;
  }

  /** null when L2 was skipped or failed, undefined on a miss. */
  get(key: string): Promise<CacheEntry | undefined | null> {
    if (!this.usable()) {
      this.metrics.l2Skipped++;
      return Promise.resolve(null);
    }
    // A plain then-chain, not an async function: this is the L2 hit path.
    return this.store.get(key).then(
      (raw) => {
        this.failures = 0;
        return raw === null || raw === undefined ? undefined : decodeEntry(raw);
      },
      (error: unknown) => {
        this.failed(error, 'get');
        return null;
      },
    );
  }

  /** Resolves true (stored), false (refused: a newer version is there) or undefined (L2 skipped or failed). */
  async set(key: string, payload: string, ttlMs: number, write: L2Write): Promise<boolean | undefined> {
    if (!this.usable()) {
      this.metrics.l2Skipped++;
      // A tombstone or floor that could not be written must at least not leave an older value behind.
      if (write.kind !== 'value') this.remember({ kind: 'keys', key });
      return undefined;
    }
    try {
      const stored = await this.store.set(key, payload, ttlMs, write);
      this.succeeded();
      return stored;
    } catch (error) {
      this.failed(error, 'set');
      this.remember({ kind: 'keys', key });
      return undefined;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    await this.invalidate(
      keys.map((key) => ({ kind: 'keys', key }) as Pending),
      () => this.store.delete(keys),
      'delete',
    );
  }

  async deleteByTag(tag: string): Promise<void> {
    await this.invalidate([{ kind: 'tag', tag }], () => this.store.deleteByTag(tag), 'deleteByTag');
  }

  async deleteByPrefix(prefix: string): Promise<void> {
    await this.invalidate([{ kind: 'prefix', prefix }], () => this.store.deleteByPrefix(prefix), 'deleteByPrefix');
  }

  /** True when invalidations were lost beyond the pending bound during an outage. */
  get lostInvalidations(): boolean {
    return this.overflowed;
  }

  private async invalidate(items: Pending[], run: () => Promise<void>, operation: string): Promise<void> {
    if (this.state !== 'closed' || !this.store.ready) {
      this.metrics.l2Skipped++;
      for (const item of items) this.remember(item);
      if (this.state === 'open' && this.now() - this.openedAt >= this.breakDuration) void this.probe();
      return;
    }
    try {
      await run();
      this.succeeded();
    } catch (error) {
      this.failed(error, operation);
      for (const item of items) this.remember(item);
    }
  }

  private remember(item: Pending): void {
    const id = item.kind === 'keys' ? `k:${item.key}` : item.kind === 'tag' ? `t:${item.tag}` : `p:${item.prefix}`;
    if (this.pending.size >= this.maxPending && !this.pending.has(id)) {
      this.overflowed = true;
      return;
    }
    this.pending.set(id, item);
  }

  private async probe(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'half-open';
    try {
      // Replay what was missed first: only then may reads trust L2 again.
      const items = [...this.pending.entries()];
      const keys: string[] = [];
      for (const [, item] of items) {
        if (item.kind === 'keys') keys.push(item.key);
        else if (item.kind === 'tag') await this.store.deleteByTag(item.tag);
        else await this.store.deleteByPrefix(item.prefix);
      }
      for (let i = 0; i < keys.length; i += 500) await this.store.delete(keys.slice(i, i + 500));
      if (items.length === 0) await this.store.get('__novacron_probe__');
      for (const [id] of items) this.pending.delete(id);
      this.state = 'closed';
      this.failures = 0;
    } catch (error) {
      this.metrics.l2Errors++;
      this.onError(error, 'probe');
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  private succeeded(): void {
    this.failures = 0;
  }

  private failed(error: unknown, operation: string): void {
    this.metrics.l2Errors++;
    this.onError(error, operation);
    if (++this.failures >= this.failureThreshold && this.state === 'closed') {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}
