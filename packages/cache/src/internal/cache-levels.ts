import type { CacheEntry } from '../cache-entry';
import type { CacheMetrics } from '../cache-metrics';
import type { GetOrSetOptions } from '../cache-options';
import type { InvalidationBus, InvalidationOp } from '../invalidation-bus';
import type { MemoryStore } from '../memory-store';
import { encodeEntry } from './entry-codec';
import type { ErrorReporter } from './error-reporter';
import { InvalidationLog } from './invalidation-log';
import type { L2Guard } from './l2-guard';

export interface CacheLevelsParts {
  l1: MemoryStore | undefined;
  l2: L2Guard | undefined;
  bus: InvalidationBus | undefined;
  counters: CacheMetrics;
  now: () => number;
  defaults: GetOrSetOptions;
  tombstoneTtl: number;
  instanceId: string;
  reportError: ErrorReporter;
}

/**
 * L1 and L2 seen as one: reads through L2 into L1, writes to both and tells the other
 * processes, and applies version markers and tag/prefix drops to L1. The invalidation log
 * lives here so that no read or write older than an invalidation lands in L1.
 */
export class CacheLevels {
  readonly l1: MemoryStore | undefined;
  readonly l2: L2Guard | undefined;
  readonly bus: InvalidationBus | undefined;
  readonly log = new InvalidationLog();
  readonly counters: CacheMetrics;
  readonly now: () => number;
  readonly defaults: GetOrSetOptions;
  readonly tombstoneTtl: number;
  readonly instanceId: string;
  readonly reportError: ErrorReporter;

  constructor(parts: CacheLevelsParts) {
    this.l1 = parts.l1;
    this.l2 = parts.l2;
    this.bus = parts.bus;
    this.counters = parts.counters;
    this.now = parts.now;
    this.defaults = parts.defaults;
    this.tombstoneTtl = parts.tombstoneTtl;
    this.instanceId = parts.instanceId;
    this.reportError = parts.reportError;
  }

  /** An L2 entry that is neither expired nor invalidated since it was made; copied into L1. */
  async readL2(key: string): Promise<CacheEntry | undefined> {
    if (!this.l2) return undefined;
    const entry = await this.l2.get(key);
    if (entry === null) return undefined; // L2 skipped (down or breaker open)
    const now = this.now();
    if (entry === undefined || now >= entry.staleUntil) {
      this.counters.l2Misses++;
      return undefined;
    }
    if (entry.kind !== 'value') {
      this.counters.l2Misses++;
      this.markLocal(key, entry);
      return undefined;
    }
    if (this.log.latest(key, entry.tags, entry.version) > entry.createdAt || this.log.olderThanTagFloor(entry.version, entry.tags)) {
      this.counters.l2Misses++;
      return undefined;
    }
    if (now < entry.freshUntil) {
      this.counters.l2Hits++;
      if (this.l1 && this.acceptableLocally(key, entry, now)) this.l1.set(key, entry);
    } else {
      this.counters.l2Misses++;
    }
    return entry;
  }

  async store(key: string, entry: CacheEntry): Promise<boolean> {
    const now = this.now();
    if (!this.acceptableLocally(key, entry, now)) return false;
    this.l1?.set(key, entry);
    if (this.l2) {
      const stored = await this.l2.set(key, encodeEntry(entry), Math.max(1, entry.staleUntil - now), entry);
      if (stored === false) {
        this.l1?.delete(key);
        return false;
      }
    }
    await this.publish([{ op: 'changed', key, ...(entry.version === undefined ? {} : { version: entry.version }) }]);
    return true;
  }

  /** Whether `entry` may replace what L1 knows about `key` (versions and tag floors). */
  private acceptableLocally(key: string, entry: CacheEntry, now: number): boolean {
    if (this.log.olderThanTagFloor(entry.version, entry.tags)) return false;
    const v = entry.version;
    if (v === undefined || !this.l1) return true;
    const current = this.l1.get(key, now);
    if (!current || current.version === undefined) return true;
    return current.kind === 'tombstone' ? current.version < v : current.version <= v;
  }

  /** Apply a tombstone or floor to L1 unless L1 already knows something as new. */
  markLocal(key: string, marker: CacheEntry): void {
    if (!this.l1) return;
    const now = this.now();
    const current = this.l1.get(key, now);
    const v = marker.version!;
    if (current?.version !== undefined) {
      if (marker.kind === 'floor' && current.version >= v) return;
      if (marker.kind === 'tombstone' && (current.version > v || (current.version === v && current.kind === 'tombstone'))) return;
    }
    this.l1.set(key, { ...marker, staleUntil: Math.max(marker.staleUntil, now + 1) });
  }

  dropTagLocally(tag: string, version: number | undefined): void {
    if (!this.l1) return;
    for (const key of this.l1.keysWithTag(tag)) {
      const e = this.l1.peek(key);
      if (version !== undefined && e?.version !== undefined && e.version >= version) continue;
      this.l1.delete(key);
    }
  }

  dropPrefixLocally(prefix: string): void {
    if (!this.l1) return;
    for (const key of this.l1.keys()) if (key.startsWith(prefix)) this.l1.delete(key);
  }

  async publish(ops: InvalidationOp[]): Promise<void> {
    if (!this.bus) return;
    try {
      await this.bus.publish({ source: this.instanceId, sentAt: this.now(), ops });
    } catch (error) {
      this.reportError(error, 'bus.publish');
    }
  }
}
