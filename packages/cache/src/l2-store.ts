import type { EntryKind } from './cache-entry';

/** How a conditional L2 write treats what is already stored under the key. */
export interface L2Write {
  kind: EntryKind;
  version: number | undefined;
  tags: readonly string[] | undefined;
}

/**
 * The second level, shared between processes. The Redis implementation lives in
 * `@novacron/cache/redis`; this interface keeps the core of the cache free of Node-only code.
 * Any method may throw: the cache guards every call with a circuit breaker.
 */
export interface L2Store {
  /** false while not connected: the cache then skips L2 without counting a failure. */
  readonly ready: boolean;
  /** The stored payload; null or undefined when absent. */
  get(key: string): Promise<string | null | undefined>;
  /**
   * Store `payload` unless a newer version is there: a value is refused by a higher version or
   * a tombstone at the same or higher version; a floor is refused by the same or higher version.
   * Resolves false when refused.
   */
  set(key: string, payload: string, ttlMs: number, write: L2Write): Promise<boolean>;
  delete(keys: readonly string[]): Promise<void>;
  deleteByTag(tag: string): Promise<void>;
  deleteByPrefix(prefix: string): Promise<void>;
  close(): Promise<void>;
  /** A round trip to the store, for health checks; rejects when it does not answer. */
  ping?(): Promise<void>;
}
