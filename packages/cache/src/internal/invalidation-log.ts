/**
 * Recent invalidations, by time, and the highest version each tag was invalidated at.
 *
 * A factory that started before an invalidation of its key or tags may return the old state;
 * its result is then not stored. An L2 entry created before such an invalidation (written by a
 * process that had not heard of it yet) reads as a miss. Only the recent past matters (no
 * factory runs longer than `retentionMs`), so the log stays small.
 */
export class InvalidationLog {
  private readonly keys = new Map<string, number>();
  /** Versioned floors per key (an event at a version): only entries older than the version lose. */
  private readonly keyFloors = new Map<string, { at: number; version: number }>();
  private readonly tags = new Map<string, number>();
  private readonly tagVersions = new Map<string, number>();
  private prefixes: { prefix: string; at: number }[] = [];
  private clearedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly retentionMs = 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  key(key: string, at: number): void {
    record(this.keys, key, at, this.maxEntries);
  }

  /**
   * `key` moved to `version` at `at`: entries older than that version lose, entries at it or newer
   * stay valid. A plain `key()` here would make every process that hears of the event miss a
   * value already at that version (written by a peer that saw it first) until the value expires.
   */
  keyFloor(key: string, at: number, version: number): void {
    const floor = this.keyFloors.get(key);
    record(this.keyFloors, key, { at: Math.max(at, floor?.at ?? at), version: Math.max(version, floor?.version ?? version) }, this.maxEntries);
  }

  tag(tag: string, at: number, version?: number): void {
    record(this.tags, tag, at, this.maxEntries);
    if (version !== undefined) {
      const floor = this.tagVersions.get(tag);
      if (floor === undefined || version > floor) record(this.tagVersions, tag, version, this.maxEntries);
    }
  }

  prefix(prefix: string, at: number): void {
    this.prefixes = this.prefixes.filter((p) => at - p.at < this.retentionMs && p.prefix !== prefix);
    this.prefixes.push({ prefix, at });
  }

  clear(at: number): void {
    this.clearedAt = at;
    this.keys.clear();
    this.keyFloors.clear();
    this.tags.clear();
    this.prefixes = [];
  }

  /**
   * The latest time `key` or one of `tags` was invalidated for an entry at `version` (-Infinity if
   * none is remembered); a floor counts only for entries older than it (or without a version).
   */
  latest(key: string, tags: readonly string[] | undefined, version?: number): number {
    let latest = this.clearedAt;
    const k = this.keys.get(key);
    if (k !== undefined && k > latest) latest = k;
    const floor = this.keyFloors.get(key);
    if (floor !== undefined && floor.at > latest && (version === undefined || version < floor.version)) latest = floor.at;
    if (tags) {
      for (const tag of tags) {
        const t = this.tags.get(tag);
        if (t !== undefined && t > latest) latest = t;
      }
    }
    for (const p of this.prefixes) if (p.at > latest && key.startsWith(p.prefix)) latest = p.at;
    return latest;
  }

  /** Whether a value at `version` carrying `tags` is older than a version its tags were invalidated at (unversioned values are judged by time instead). */
  olderThanTagFloor(version: number | undefined, tags: readonly string[] | undefined): boolean {
    if (!tags || this.tagVersions.size === 0) return false;
    for (const tag of tags) {
      const floor = this.tagVersions.get(tag);
      if (floor !== undefined && version !== undefined && version < floor) return true;
    }
    return false;
  }
}

function record<V>(map: Map<string, V>, name: string, value: V, max: number): void {
  map.delete(name);
  map.set(name, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
