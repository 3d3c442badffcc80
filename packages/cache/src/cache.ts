import type { CacheEntry } from './cache-entry';
import { CacheNamespace } from './cache-namespace';
import { CacheMetrics, snapshotMetrics, type CacheMetricsSnapshot } from './cache-metrics';
import type { CacheOptions, EntryOptions, Factory, GetOrSetOptions } from './cache-options';
import { warmCache, type WarmItem, type WarmOptions, type WarmReport } from './cache-warmer';
import type { InvalidationBus } from './invalidation-bus';
import { applyBusMessage } from './internal/bus-receiver';
import { CacheLevels } from './internal/cache-levels';
import { valueEntry } from './internal/entry-builders';
import { errorReporter } from './internal/error-reporter';
import { FactoryRunner } from './internal/factory-runner';
import { Invalidator } from './internal/invalidator';
import { L2Guard } from './internal/l2-guard';
import { checkEntryOptions, nonNegative, positive } from './internal/option-checks';
import { randomId } from './internal/random-id';
import { MemoryStore } from './memory-store';

/**
 * A two-level cache: L1 in memory (always, unless disabled), L2 shared (optional), kept
 * coherent by an invalidation bus, with single-flight loads, grace, timeouts, eager refresh,
 * tags, prefixes and resource versions.
 *
 * Redis trouble never fails a call: every L2 call is guarded, and the cache degrades to L1.
 *
 * The L1 hit paths (`get`, a `getOrSet` hit) stay inline here because they are the hot path;
 * misses run in `FactoryRunner` and invalidations in `Invalidator`, both over `CacheLevels`.
 */
export class Cache {
  readonly name: string;
  readonly instanceId: string;
  private readonly l1: MemoryStore | undefined;
  private readonly l2: L2Guard | undefined;
  private readonly bus: InvalidationBus | undefined;
  private readonly counters = new CacheMetrics();
  private readonly now: () => number;
  private readonly levels: CacheLevels;
  private readonly runner: FactoryRunner;
  private readonly invalidator: Invalidator;
  /** True when L1 can be trusted: no bus, or a bus that is connected and caught up. */
  private busUp: boolean;
  private readonly started: Promise<void>;

  constructor(options: CacheOptions = {}) {
    this.name = options.name ?? 'default';
    this.instanceId = options.instanceId ?? randomId();
    this.now = options.now ?? Date.now;
    const defaults: GetOrSetOptions = { ttl: 60_000, grace: 0, failSafeBackoff: 5_000, ...options.defaults };
    checkEntryOptions(defaults, 'defaults');
    const lockTtl = positive(options.lockTtl ?? 10_000, 'lockTtl');
    const lockWait = nonNegative(options.lockWait ?? 5_000, 'lockWait');
    const tombstoneTtl = positive(options.tombstoneTtl ?? 300_000, 'tombstoneTtl');
    const reportError = errorReporter(options.onError);
    this.l1 = options.l1 === false ? undefined : new MemoryStore(options.l1 ?? {});
    if (options.l1 !== false && options.l1) {
      if (options.l1.maxEntries !== undefined) positive(options.l1.maxEntries, 'l1.maxEntries');
      if (options.l1.maxBytes !== undefined) positive(options.l1.maxBytes, 'l1.maxBytes');
    }
    this.l2 = options.l2 ? new L2Guard(options.l2, this.counters, this.now, reportError, options.l2Breaker) : undefined;
    this.bus = options.bus;
    this.levels = new CacheLevels({
      l1: this.l1,
      l2: this.l2,
      bus: this.bus,
      counters: this.counters,
      now: this.now,
      defaults,
      tombstoneTtl,
      instanceId: this.instanceId,
      reportError,
    });
    this.runner = new FactoryRunner(this.levels, { lock: options.lock, lockTtl, lockWait });
    this.invalidator = new Invalidator(this.levels);
    this.busUp = this.bus === undefined;
    this.started = this.bus
      ? this.bus
          .start({
            message: (m) => applyBusMessage(this.levels, m),
            gap: (cause) => {
              // L1 may hold what we missed. L2 was invalidated by the senders themselves, unless Redis
              // lost acknowledged writes: then an L2 entry older than now may be one a lost delete
              // should have removed, and reads as a miss (the log's clear covers every key).
              this.counters.busGaps++;
              this.l1?.clear();
              if (cause === 'lost') this.levels.log.clear(this.now());
            },
            connection: (connected) => {
              this.busUp = connected;
            },
          })
          .catch((error) => reportError(error, 'bus.start'))
      : Promise.resolve();
  }

  /** Resolves once the bus (if any) has subscribed. Calls work before that, reading through L2. */
  ready(): Promise<void> {
    return this.started;
  }

  // ---------------------------------------------------------------- reads

  /** The fresh value for `key`, or undefined. Never calls an origin. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    const l1 = this.l1;
    if (l1 !== undefined) {
      const e = this.freshL1(l1, key, this.now());
      if (e !== undefined) return e.value as T;
      this.counters.l1Misses++;
    }
    const remote = await this.levels.readL2(key);
    return remote?.kind === 'value' && this.now() < remote.freshUntil ? (remote.value as T) : undefined;
  }

  /**
   * The cached value, or the factory's. Concurrent calls for one key share one factory run
   * (across processes too, with a lock); a value within grace covers origin failures and slow
   * answers; a hit past `eagerRefresh` refreshes in the background.
   */
  async getOrSet<T>(key: string, factory: Factory<T>, options?: GetOrSetOptions<T>): Promise<T> {
    const l1 = this.l1;
    if (l1 !== undefined) {
      const now = this.now();
      const e = this.freshL1(l1, key, now);
      if (e !== undefined) {
        if (now >= e.eagerAt) this.runner.refreshInBackground(key, factory, options, e);
        return e.value as T;
      }
    }
    return this.runner.miss(key, factory, options);
  }

  /** The L1 entry when it is a fresh value L1 may serve (counted as a hit); the one hit test of both read paths. */
  private freshL1(l1: MemoryStore, key: string, now: number): CacheEntry | undefined {
    const e = l1.get(key, now);
    if (e === undefined || e.kind !== 'value' || now >= e.freshUntil || !(this.busUp || this.l1Trusted())) return undefined;
    this.counters.l1Hits++;
    return e;
  }

  // ---------------------------------------------------------------- writes

  /** Store a value. Resolves false when a newer version is already known (nothing stored). */
  async set<T>(key: string, value: T, options: EntryOptions = {}): Promise<boolean> {
    checkEntryOptions(options, 'options');
    const now = this.now();
    // In-flight factories that started before this set must not overwrite it; with a version,
    // only older ones (an L2 entry a peer wrote at a newer version stays readable).
    if (options.version === undefined) this.levels.log.key(key, now);
    else this.levels.log.keyFloor(key, now, options.version);
    return this.levels.store(key, valueEntry(value, options, this.levels.defaults, options.tags, options.version, now, now));
  }

  // ---------------------------------------------------------------- invalidation

  /**
   * Remove `key`. With a version, leave a tombstone: a late write of that version or older
   * (a slow read, an old event) cannot bring the deleted resource back.
   */
  delete(key: string, options: { version?: number } = {}): Promise<void> {
    return this.invalidator.delete(key, options);
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.invalidator.deleteMany(keys);
  }

  /**
   * The resource behind `key` is now at `version`: drop a cached value older than that and
   * refuse older writes from now on. A cached value at `version` or newer is kept.
   */
  applyVersion(key: string, version: number): Promise<void> {
    return this.invalidator.applyVersion(key, version);
  }

  /**
   * Remove every entry carrying `tag`. With a version, entries already at that version or
   * newer stay, and entries older than it are refused from now on.
   */
  deleteByTag(tag: string, options: { version?: number } = {}): Promise<void> {
    return this.invalidator.deleteByTag(tag, options);
  }

  deleteByPrefix(prefix: string): Promise<void> {
    return this.invalidator.deleteByPrefix(prefix);
  }

  /** Remove everything this cache holds, in every process. */
  clear(): Promise<void> {
    return this.invalidator.clear();
  }

  /** Fill keys ahead of traffic, `concurrency` at a time; calls for the same key share one factory run. */
  warm(items: Iterable<WarmItem>, options: WarmOptions = {}): Promise<WarmReport> {
    return warmCache(this, items, options);
  }

  /** A view whose keys and tags live under `name:`; `clear()` on it drops only them. */
  namespace(name: string): CacheNamespace {
    return new CacheNamespace(this, name);
  }

  // ---------------------------------------------------------------- introspection

  /** A snapshot of the counters and histograms; `registerPrometheusCollectors` (`@novacron/sdk/prometheus`) exposes them to Prometheus. */
  metrics(): CacheMetricsSnapshot {
    return snapshotMetrics({
      metrics: this.counters,
      l1: { entries: this.l1?.size ?? 0, bytes: this.l1?.bytes ?? 0, evictions: this.l1?.evictions ?? 0 },
      breaker: this.l2?.state ?? 'closed',
      busConnected: this.bus === undefined ? false : this.busUp,
    });
  }

  /** Whether L1 holds a fresh value for `key` (no L2, no origin): for tests and diagnostics. */
  hasLocal(key: string): boolean {
    const now = this.now();
    const e = this.l1?.get(key, now);
    return e !== undefined && e.kind === 'value' && now < e.freshUntil;
  }

  /** A round trip to L2 (a Redis PING), for health checks; undefined when there is no L2 or it cannot ping. */
  pingL2(): Promise<void> | undefined {
    return this.l2?.store.ping?.();
  }

  /** Stop the bus and close the L2 connection given to this cache. */
  async close(): Promise<void> {
    await this.started;
    await this.bus?.close();
    await this.l2?.store.close();
  }

  // ---------------------------------------------------------------- internals

  private l1Trusted(): boolean {
    // While the bus is down we may be missing invalidations: read through L2 when we can.
    return this.busUp || !this.l2?.usable();
  }
}

/** A cache with the given options (the standalone API). */
export function createCache(options: CacheOptions = {}): Cache {
  return new Cache(options);
}
