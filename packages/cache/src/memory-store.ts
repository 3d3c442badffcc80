import type { CacheEntry } from './cache-entry';
import { estimateSize } from './internal/size-estimate';

export interface MemoryStoreOptions {
  /** Most entries kept (tombstones and floors included). Default 10,000. */
  maxEntries?: number;
  /** Most bytes kept, as measured by `sizeOf`. Default 64 MiB. */
  maxBytes?: number;
  /** Bytes one value takes; default: a rough walk of the value. */
  sizeOf?: (value: unknown) => number;
}

interface Slot {
  entry: CacheEntry;
  size: number;
  tick: number;
}

const ENTRY_OVERHEAD = 96;

/**
 * The L1: an in-memory LRU bounded by entries and bytes, with lazy expiry at `staleUntil`.
 *
 * Recency is kept in the Map's insertion order. A hit moves its key to the back only when it
 * has drifted into the older three quarters, so a hot key costs one Map lookup per read
 * instead of a delete and an insert, and eviction order stays close to true LRU.
 */
export class MemoryStore {
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly sizeOf: (value: unknown) => number;
  private readonly slots = new Map<string, Slot>();
  private readonly tagIndex = new Map<string, Set<string>>();
  private tick = 0;
  private bumpDistance: number;
  private totalBytes = 0;
  /** Entries dropped to stay within the bounds. */
  evictions = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.sizeOf = options.sizeOf ?? estimateSize;
    this.bumpDistance = Math.max(1, Math.floor(this.maxEntries / 4));
  }

  get size(): number {
    return this.slots.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The entry for `key` unless it is past `staleUntil` (then it is dropped). */
  get(key: string, now: number): CacheEntry | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (now >= slot.entry.staleUntil) {
      this.remove(key, slot);
      return undefined;
    }
    if (this.tick - slot.tick > this.bumpDistance) {
      this.slots.delete(key);
      slot.tick = ++this.tick;
      this.slots.set(key, slot);
    }
    return slot.entry;
  }

  /** Like get, without touching recency or expiry. */
  peek(key: string): CacheEntry | undefined {
    return this.slots.get(key)?.entry;
  }

  /** false when the entry alone is larger than the byte bound (it is then not kept). */
  set(key: string, entry: CacheEntry): boolean {
    const size = ENTRY_OVERHEAD + key.length * 2 + (entry.kind === 'value' ? this.sizeOf(entry.value) : 0);
    const old = this.slots.get(key);
    if (old) this.remove(key, old);
    if (size > this.maxBytes) return false;
    const slot: Slot = { entry, size, tick: ++this.tick };
    this.slots.set(key, slot);
    this.totalBytes += size;
    if (entry.tags) {
      for (const tag of entry.tags) {
        let keys = this.tagIndex.get(tag);
        if (!keys) this.tagIndex.set(tag, (keys = new Set()));
        keys.add(key);
      }
    }
    this.evict();
    return true;
  }

  delete(key: string): boolean {
    const slot = this.slots.get(key);
    if (!slot) return false;
    this.remove(key, slot);
    return true;
  }

  /** Keys whose entry carries `tag`. A copy, so callers may delete while iterating. */
  keysWithTag(tag: string): string[] {
    const keys = this.tagIndex.get(tag);
    return keys ? [...keys] : [];
  }

  keys(): string[] {
    return [...this.slots.keys()];
  }

  clear(): void {
    this.slots.clear();
    this.tagIndex.clear();
    this.totalBytes = 0;
  }

  private remove(key: string, slot: Slot): void {
    this.slots.delete(key);
    this.totalBytes -= slot.size;
    const tags = slot.entry.tags;
    if (tags) {
      for (const tag of tags) {
        const keys = this.tagIndex.get(tag);
        if (keys) {
          keys.delete(key);
          if (keys.size === 0) this.tagIndex.delete(tag);
        }
      }
    }
  }

  private evict(): void {
    while (this.slots.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.slots.keys().next();
      if (oldest.done) return;
      this.remove(oldest.value, this.slots.get(oldest.value)!);
      this.evictions++;
    }
  }
}
