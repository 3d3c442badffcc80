import type { Cache } from './cache';
import type { EntryOptions, Factory, GetOrSetOptions } from './cache-options';

/**
 * A view of a cache whose keys and tags live under `name:`, so one tenant or feature can be
 * invalidated as a whole (`clear()`) without touching the rest.
 */
export class CacheNamespace {
  readonly prefix: string;
  constructor(
    readonly cache: Cache,
    name: string,
  ) {
    this.prefix = `${name}:`;
  }

  get<T = unknown>(key: string): Promise<T | undefined> {
    return this.cache.get<T>(this.prefix + key);
  }

  getOrSet<T>(key: string, factory: Factory<T>, options?: GetOrSetOptions<T>): Promise<T> {
    return this.cache.getOrSet(this.prefix + key, factory, options?.tags ? { ...options, tags: this.tags(options.tags) } : options);
  }

  set<T>(key: string, value: T, options: EntryOptions = {}): Promise<boolean> {
    return this.cache.set(this.prefix + key, value, options.tags ? { ...options, tags: this.tags(options.tags) } : options);
  }

  delete(key: string, options?: { version?: number }): Promise<void> {
    return this.cache.delete(this.prefix + key, options);
  }

  applyVersion(key: string, version: number): Promise<void> {
    return this.cache.applyVersion(this.prefix + key, version);
  }

  deleteByTag(tag: string, options?: { version?: number }): Promise<void> {
    return this.cache.deleteByTag(this.prefix + tag, options);
  }

  deleteByPrefix(prefix: string): Promise<void> {
    return this.cache.deleteByPrefix(this.prefix + prefix);
  }

  /** Everything in this namespace, in every process. */
  clear(): Promise<void> {
    return this.cache.deleteByPrefix(this.prefix);
  }

  namespace(name: string): CacheNamespace {
    return new CacheNamespace(this.cache, this.prefix + name);
  }

  private tags(tags: readonly string[]): string[] {
    return tags.map((t) => this.prefix + t);
  }
}
