import type { DistributedLock } from './distributed-lock';
import type { InvalidationBus } from './invalidation-bus';
import type { L2BreakerOptions } from './internal/l2-guard';
import type { L2Store } from './l2-store';
import type { MemoryStoreOptions } from './memory-store';

export type { L2BreakerOptions };

/** Options of one entry; every duration is in milliseconds. */
export interface EntryOptions {
  /** How long the value is fresh. */
  ttl?: number;
  /** How long past `ttl` the value is kept to be served if the origin fails or is slow. */
  grace?: number;
  tags?: readonly string[];
  /** The resource version of the value: an older version never replaces a newer one. */
  version?: number;
  /**
   * A fraction of `ttl` (0 < f < 1) after which a hit refreshes the value in the background,
   * so a hot key never waits for the origin. Off when undefined.
   */
  eagerRefresh?: number;
}

export interface GetOrSetOptions<T = unknown> extends EntryOptions {
  /** With a value within grace: serve it if the factory has not answered by then, and let the factory finish in the background. */
  softTimeout?: number;
  /** Stop waiting for the factory: serve the value within grace, or throw FactoryTimeoutError. */
  hardTimeout?: number;
  /** After the origin failed and a stale value was served, wait this long before calling it again. */
  failSafeBackoff?: number;
  /** Take the distributed lock (when one is configured) so one process in the fleet runs the factory. Default true. */
  lock?: boolean;
  /** Read the version from a produced value. */
  versionOf?: (value: T) => number | undefined;
}

export interface CacheOptions {
  /** Names the cache in metrics. Default "default". */
  name?: string;
  /** In-memory level; false to run on L2 alone. */
  l1?: MemoryStoreOptions | false;
  /** Shared level (e.g. `RedisL2Store` from `@novacron/cache/redis`). */
  l2?: L2Store;
  /** Carries invalidations to other processes' L1. */
  bus?: InvalidationBus;
  /** Makes `getOrSet` run a cold key's factory once across processes. */
  lock?: DistributedLock;
  /** How long a lock is held at most, in ms. Default 10,000. */
  lockTtl?: number;
  /** How long to wait for another process's factory before running our own, in ms. Default 5,000. */
  lockWait?: number;
  /** Defaults for every entry and call. ttl defaults to 60,000 ms, grace to 0. */
  defaults?: GetOrSetOptions;
  /** How long tombstones and version floors are kept, in ms. Default 300,000. */
  tombstoneTtl?: number;
  l2Breaker?: L2BreakerOptions;
  /** Told about every L2, bus and background failure (which never fail a call). Messages carry no values. */
  onError?: (error: unknown, context: { operation: string; key?: string }) => void;
  /** The clock, in epoch ms; tests pass a fake one. */
  now?: () => number;
  /** This process's id on the bus. Random by default. */
  instanceId?: string;
}

/** What a factory may read and change about the entry it produces. */
export interface FactoryContext<T = unknown> {
  readonly key: string;
  /** The value within grace, if there is one (e.g. for a conditional request). */
  readonly stale: T | undefined;
  /** Overrides for this entry only (adaptive caching). */
  ttl: number | undefined;
  tags: readonly string[] | undefined;
  version: number | undefined;
  /** Set false to return the value without storing it (e.g. an error page). */
  cacheable: boolean;
}

export type Factory<T> = (context: FactoryContext<T>) => T | Promise<T>;
