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
    this.tags.clear();
    this.prefixes = [];
  }

  /** The latest time `key` or one of `tags` was invalidated (-Infinity if none is remembered). */
  latest(key: string, tags: readonly string[] | undefined): number {
    let latest = this.clearedAt;
    const k = this.keys.get(key);
    if (k !== undefined && k > latest) latest = k;
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

function record(map: Map<string, number>, name: string, value: number, max: number): void {
  map.delete(name);
  map.set(name, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
