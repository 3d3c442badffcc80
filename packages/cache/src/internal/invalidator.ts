import { encodeEntry } from './entry-codec';
import { markerEntry } from './entry-builders';
import type { CacheLevels } from './cache-levels';
import { checkVersion } from './option-checks';

/**
 * Invalidations made here: each is logged (so in-flight factories and older L2 entries lose),
 * applied to L1, sent to L2 and published on the bus. Versioned ones leave a tombstone or floor
 * instead of a plain delete, so late writes of older versions are refused everywhere.
 */
export class Invalidator {
  constructor(private readonly levels: CacheLevels) {}

  async delete(key: string, options: { version?: number }): Promise<void> {
    const { l1, l2, log } = this.levels;
    const now = this.levels.now();
    log.key(key, now);
    if (options.version === undefined) {
      l1?.delete(key);
      await l2?.delete([key]);
      await this.levels.publish([{ op: 'delete', keys: [key] }]);
      return;
    }
    const version = checkVersion(options.version);
    const tombstone = markerEntry('tombstone', version, now, this.levels.tombstoneTtl);
    this.levels.markLocal(key, tombstone);
    await l2?.set(key, encodeEntry(tombstone), this.levels.tombstoneTtl, tombstone);
    await this.levels.publish([{ op: 'tombstone', key, version }]);
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const { l1, l2, log } = this.levels;
    const now = this.levels.now();
    for (const key of keys) {
      log.key(key, now);
      l1?.delete(key);
    }
    await l2?.delete(keys);
    await this.levels.publish([{ op: 'delete', keys: [...keys] }]);
  }

  async applyVersion(key: string, version: number): Promise<void> {
    version = checkVersion(version);
    const now = this.levels.now();
    const floor = markerEntry('floor', version, now, this.levels.tombstoneTtl);
    const current = this.levels.l1?.get(key, now);
    if (current?.version !== undefined && current.version >= version) return;
    this.levels.log.keyFloor(key, now, version);
    this.levels.markLocal(key, floor);
    await this.levels.l2?.set(key, encodeEntry(floor), this.levels.tombstoneTtl, floor);
    await this.levels.publish([{ op: 'floor', key, version }]);
  }

  async deleteByTag(tag: string, options: { version?: number }): Promise<void> {
    const version = options.version === undefined ? undefined : checkVersion(options.version);
    this.levels.log.tag(tag, this.levels.now(), version);
    this.levels.dropTagLocally(tag, version);
    await this.levels.l2?.deleteByTag(tag);
    await this.levels.publish([{ op: 'tag', tag, ...(version === undefined ? {} : { version }) }]);
  }

  async deleteByPrefix(prefix: string): Promise<void> {
    this.levels.log.prefix(prefix, this.levels.now());
    this.levels.dropPrefixLocally(prefix);
    await this.levels.l2?.deleteByPrefix(prefix);
    await this.levels.publish([{ op: 'prefix', prefix }]);
  }

  async clear(): Promise<void> {
    this.levels.log.clear(this.levels.now());
    this.levels.l1?.clear();
    await this.levels.l2?.deleteByPrefix('');
    await this.levels.publish([{ op: 'clear' }]);
  }
}
