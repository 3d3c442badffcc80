/**
 * What a cache level holds for one key. A `tombstone` says the resource was deleted at
 * `version`; a `floor` says version `version` exists, so any older value must not be stored.
 * Both read as a miss but keep late, older writes from resurrecting or regressing the key.
 */
export type EntryKind = 'value' | 'tombstone' | 'floor';

export interface CacheEntry<T = unknown> {
  kind: EntryKind;
  value: T;
  /** The resource version of `value` (or of the delete / known floor). */
  version: number | undefined;
  tags: readonly string[] | undefined;
  /** Epoch ms when it was produced. */
  createdAt: number;
  /** Served as a hit until then. */
  freshUntil: number;
  /** Kept (and served only as a fail-safe) until then. */
  staleUntil: number;
  /** A hit after this starts a background refresh. */
  eagerAt: number;
  /** While the origin is failing, serve the stale value without calling it again until then. */
  backoffUntil: number;
}
