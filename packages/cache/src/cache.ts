import { NovaCronError, ValidationError } from '@novacron/core';
import { FactoryTimeoutError, OriginUnavailableError } from './cache-errors';
import type { CacheEntry } from './cache-entry';
import { CacheNamespace } from './cache-namespace';
import { CacheMetrics, metricsToPrometheus, snapshotMetrics, type CacheMetricsSnapshot } from './cache-metrics';
import type { CacheOptions, EntryOptions, Factory, FactoryContext, GetOrSetOptions } from './cache-options';
import { warmCache, type WarmItem, type WarmOptions, type WarmReport } from './cache-warmer';
import type { DistributedLock } from './distributed-lock';
import type { BusMessage, InvalidationBus, InvalidationOp } from './invalidation-bus';
import { encodeEntry } from './internal/entry-codec';
import { InvalidationLog } from './internal/invalidation-log';
import { L2Guard } from './internal/l2-guard';
import { SingleFlight } from './internal/single-flight';
import { MemoryStore } from './memory-store';

const NO_OPTIONS: GetOrSetOptions = {};

/**
 * A two-level cache: L1 in memory (always, unless disabled), L2 shared (optional), kept
 * coherent by an invalidation bus, with single-flight loads, grace, timeouts, eager refresh,
 * tags, prefixes and resource versions.
 *
 * Redis trouble never fails a call: every L2 call is guarded, and the cache degrades to L1.
 */
export class Cache {
  readonly name: string;
  readonly instanceId: string;
  private readonly l1: MemoryStore | undefined;
  private readonly l2: L2Guard | undefined;
  private readonly bus: InvalidationBus | undefined;
  private readonly lock: DistributedLock | undefined;
  private readonly lockTtl: number;
  private readonly lockWait: number;
  private readonly tombstoneTtl: number;
  private readonly defaults: GetOrSetOptions;
  private readonly flight = new SingleFlight();
  private readonly log = new InvalidationLog();
  private readonly counters = new CacheMetrics();
  private readonly onErrorHook: CacheOptions['onError'];
  private readonly now: () => number;
  /** True when L1 can be trusted: no bus, or a bus that is connected and caught up. */
  private busUp: boolean;
  private readonly started: Promise<void>;

  constructor(options: CacheOptions = {}) {
    this.name = options.name ?? 'default';
    this.instanceId = options.instanceId ?? randomId();
    this.now = options.now ?? Date.now;
    this.defaults = { ttl: 60_000, grace: 0, failSafeBackoff: 5_000, ...options.defaults };
    checkEntryOptions(this.defaults, 'defaults');
    this.lockTtl = positive(options.lockTtl ?? 10_000, 'lockTtl');
    this.lockWait = nonNegative(options.lockWait ?? 5_000, 'lockWait');
    this.tombstoneTtl = positive(options.tombstoneTtl ?? 300_000, 'tombstoneTtl');
    this.onErrorHook = options.onError;
    this.l1 = options.l1 === false ? undefined : new MemoryStore(options.l1 ?? {});
    if (options.l1 !== false && options.l1) {
      if (options.l1.maxEntries !== undefined) positive(options.l1.maxEntries, 'l1.maxEntries');
      if (options.l1.maxBytes !== undefined) positive(options.l1.maxBytes, 'l1.maxBytes');
    }
    this.l2 = options.l2
      ? new L2Guard(options.l2, this.counters, this.now, (e, operation) => this.reportError(e, operation), options.l2Breaker)
      : undefined;
    this.lock = options.lock;
    this.bus = options.bus;
    this.busUp = this.bus === undefined;
    this.started = this.bus
      ? this.bus
          .start({
            message: (m) => this.receive(m),
            gap: () => {
              // Only L1 may hold what we missed; L2 was invalidated by the senders themselves.
              this.counters.busGaps++;
              this.l1?.clear();
            },
            connection: (connected) => {
              this.busUp = connected;
            },
          })
          .catch((error) => this.reportError(error, 'bus.start'))
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
      const now = this.now();
      const e = l1.get(key, now);
      if (e !== undefined && e.kind === 'value' && now < e.freshUntil && (this.busUp || this.l1Trusted())) {
        this.counters.l1Hits++;
        return e.value as T;
      }
      this.counters.l1Misses++;
    }
    const remote = await this.readL2(key);
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
      const e = l1.get(key, now);
      if (e !== undefined && e.kind === 'value' && now < e.freshUntil && (this.busUp || this.l1Trusted())) {
        this.counters.l1Hits++;
        if (now >= e.eagerAt) this.refreshInBackground(key, factory, options, e);
        return e.value as T;
      }
    }
    return this.getOrSetMiss(key, factory, options ?? (NO_OPTIONS as GetOrSetOptions<T>));
  }

  private getOrSetMiss<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T>): Promise<T> {
    checkEntryOptions(options, 'options');
    const now = this.now();
    const local = this.l1?.get(key, now);
    if (this.l1) this.counters.l1Misses++;
    if (local?.kind === 'value' && now < local.backoffUntil) {
      this.counters.staleServed++;
      return Promise.resolve(local.value as T);
    }
    return this.flight.run(key, () => this.load(key, factory, options, local?.kind === 'value' ? local : undefined));
  }

  private async load<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T>, local: CacheEntry | undefined): Promise<T> {
    let stale = local;
    const remote = await this.readL2(key);
    if (remote?.kind === 'value') {
      if (this.now() < remote.freshUntil) return remote.value as T;
      if (!stale || remote.createdAt > stale.createdAt) stale = remote;
    }
    return this.produce(key, factory, options, stale);
  }

  /** An L2 entry that is neither expired nor invalidated since it was made; copied into L1. */
  private async readL2(key: string): Promise<CacheEntry | undefined> {
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
    if (this.log.latest(key, entry.tags) > entry.createdAt || this.log.olderThanTagFloor(entry.version, entry.tags)) {
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

  private produce<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T>, stale: CacheEntry | undefined): Promise<T> {
    if (this.lock && options.lock !== false && this.l2?.usable()) return this.produceUnderLock(key, factory, options, stale);
    return this.execute(key, factory, options, stale);
  }

  /**
   * One process in the fleet runs the factory; the others wait for its result in L2. If the
   * lock service fails, or the holder takes longer than `lockWait`, we run our own factory
   * (still single-flight inside this process).
   */
  private async produceUnderLock<T>(
    key: string,
    factory: Factory<T>,
    options: GetOrSetOptions<T>,
    stale: CacheEntry | undefined,
  ): Promise<T> {
    const lockKey = `lock:${key}`;
    const deadline = Date.now() + this.lockWait;
    let delay = 5;
    for (;;) {
      let handle;
      try {
        handle = await this.lock!.acquire(lockKey, this.lockTtl);
      } catch (error) {
        this.reportError(error, 'lock.acquire', key);
        return this.execute(key, factory, options, stale);
      }
      if (handle) {
        const release = () => {
          handle.release().catch((error) => this.reportError(error, 'lock.release', key));
        };
        let remote: CacheEntry | undefined;
        try {
          remote = await this.readL2(key);
        } catch (error) {
          release();
          throw error;
        }
        if (remote && this.now() < remote.freshUntil) {
          release();
          return remote.value as T;
        }
        return this.execute(key, factory, options, stale, release);
      }
      if (Date.now() >= deadline) return this.execute(key, factory, options, stale);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
      const remote = await this.readL2(key);
      if (remote && this.now() < remote.freshUntil) return remote.value as T;
    }
  }

  private execute<T>(
    key: string,
    factory: Factory<T>,
    options: GetOrSetOptions<T>,
    stale: CacheEntry | undefined,
    onSettled?: () => void,
  ): Promise<T> {
    const startedAt = this.now();
    const t0 = monotonic();
    const context: FactoryContext<T> = {
      key,
      stale: stale?.value as T | undefined,
      ttl: undefined,
      tags: undefined,
      version: undefined,
      cacheable: true,
    };
    this.counters.factoryCalls++;
    const settled = (async () => factory(context))().then(
      async (value) => {
        this.counters.factoryDuration.observe((monotonic() - t0) / 1000);
        if (context.cacheable) {
          try {
            await this.writeProduced(key, value, options, context, startedAt);
          } catch (error) {
            this.reportError(error, 'write', key);
          }
        }
        return value;
      },
      (error: unknown) => {
        this.counters.factoryDuration.observe((monotonic() - t0) / 1000);
        this.counters.factoryErrors++;
        throw error;
      },
    );
    if (onSettled) settled.then(onSettled, onSettled);

    const soft = stale ? (options.softTimeout ?? this.defaults.softTimeout) : undefined;
    const hard = options.hardTimeout ?? this.defaults.hardTimeout;
    if (soft === undefined && hard === undefined) return settled.catch((error) => this.factoryFailed(key, error, stale, options));

    return new Promise<T>((resolve, reject) => {
      let done = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      const finish = (then: () => void) => {
        if (done) return;
        done = true;
        for (const t of timers) clearTimeout(t);
        then();
      };
      settled.then(
        (value) => finish(() => resolve(value)),
        (error) => finish(() => this.factoryFailed(key, error, stale, options).then(resolve, reject)),
      );
      const timedOut = (ms: number) => () =>
        finish(() => {
          this.counters.factoryTimeouts++;
          if (stale && this.now() < stale.staleUntil) {
            this.counters.staleServed++;
            resolve(stale.value as T);
          } else {
            reject(new FactoryTimeoutError(key, ms));
          }
        });
      if (soft !== undefined) timers.push(setTimeout(timedOut(soft), soft));
      if (hard !== undefined) timers.push(setTimeout(timedOut(hard), hard));
    });
  }

  /** Serve the value within grace if the origin is down; otherwise a typed error. */
  private async factoryFailed<T>(key: string, error: unknown, stale: CacheEntry | undefined, options: GetOrSetOptions<T>): Promise<T> {
    const originDown = !(error instanceof NovaCronError) || error.retryable;
    if (!originDown) throw error;
    const now = this.now();
    if (stale && now < stale.staleUntil) {
      this.counters.staleServed++;
      const backoff = options.failSafeBackoff ?? this.defaults.failSafeBackoff ?? 0;
      if (this.l1 && backoff > 0) {
        const current = this.l1.peek(key);
        if (!current || current === stale || (current.kind === 'value' && current.createdAt <= stale.createdAt)) {
          this.l1.set(key, { ...stale, backoffUntil: Math.min(now + backoff, stale.staleUntil) });
        }
      }
      return stale.value as T;
    }
    if (error instanceof NovaCronError) throw error;
    throw new OriginUnavailableError(key, { cause: error });
  }

  private refreshInBackground<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T> | undefined, current: CacheEntry): void {
    if (this.flight.has(key)) return;
    const o = options ?? (NO_OPTIONS as GetOrSetOptions<T>);
    this.flight
      .run(key, async () => {
        // Another process may have refreshed it already.
        const remote = await this.readL2(key);
        if (remote && remote.createdAt > current.createdAt && this.now() < remote.eagerAt) return remote.value as T;
        return this.produce(key, factory, o, undefined);
      })
      .catch((error) => this.reportError(error, 'eagerRefresh', key));
  }

  // ---------------------------------------------------------------- writes

  /** Store a value. Resolves false when a newer version is already known (nothing stored). */
  async set<T>(key: string, value: T, options: EntryOptions = {}): Promise<boolean> {
    checkEntryOptions(options, 'options');
    const now = this.now();
    // In-flight factories that started before this set must not overwrite it.
    this.log.key(key, now);
    return this.store(key, this.valueEntry(value, options, options.tags, options.version, now, now));
  }

  private async writeProduced<T>(
    key: string,
    value: T,
    options: GetOrSetOptions<T>,
    context: FactoryContext<T>,
    startedAt: number,
  ): Promise<void> {
    const tags = context.tags ?? options.tags ?? this.defaults.tags;
    if (this.log.latest(key, tags) >= startedAt) return; // invalidated while the factory ran
    const version = context.version ?? options.version ?? options.versionOf?.(value) ?? undefined;
    const entryOptions = context.ttl === undefined ? options : { ...options, ttl: context.ttl };
    checkEntryOptions(entryOptions, 'factory context');
    await this.store(key, this.valueEntry(value, entryOptions, tags, version, startedAt, this.now()));
  }

  private valueEntry(
    value: unknown,
    options: EntryOptions,
    tags: readonly string[] | undefined,
    version: number | undefined,
    createdAt: number,
    now: number,
  ): CacheEntry {
    const ttl = options.ttl ?? this.defaults.ttl!;
    const grace = options.grace ?? this.defaults.grace ?? 0;
    const eager = options.eagerRefresh ?? this.defaults.eagerRefresh;
    return {
      kind: 'value',
      value,
      version,
      tags: tags && tags.length > 0 ? tags : undefined,
      createdAt,
      freshUntil: now + ttl,
      staleUntil: now + ttl + grace,
      eagerAt: eager === undefined ? Number.POSITIVE_INFINITY : now + ttl * eager,
      backoffUntil: 0,
    };
  }

  private async store(key: string, entry: CacheEntry): Promise<boolean> {
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

  // ---------------------------------------------------------------- invalidation

  /**
   * Remove `key`. With a version, leave a tombstone: a late write of that version or older
   * (a slow read, an old event) cannot bring the deleted resource back.
   */
  async delete(key: string, options: { version?: number } = {}): Promise<void> {
    const now = this.now();
    this.log.key(key, now);
    if (options.version === undefined) {
      this.l1?.delete(key);
      await this.l2?.delete([key]);
      await this.publish([{ op: 'delete', keys: [key] }]);
      return;
    }
    const version = checkVersion(options.version);
    const tombstone = this.marker('tombstone', version, now);
    this.markLocal(key, tombstone);
    await this.l2?.set(key, encodeEntry(tombstone), this.tombstoneTtl, tombstone);
    await this.publish([{ op: 'tombstone', key, version }]);
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const now = this.now();
    for (const key of keys) {
      this.log.key(key, now);
      this.l1?.delete(key);
    }
    await this.l2?.delete(keys);
    await this.publish([{ op: 'delete', keys: [...keys] }]);
  }

  /**
   * The resource behind `key` is now at `version`: drop a cached value older than that and
   * refuse older writes from now on. A cached value at `version` or newer is kept.
   */
  async applyVersion(key: string, version: number): Promise<void> {
    version = checkVersion(version);
    const now = this.now();
    const floor = this.marker('floor', version, now);
    const current = this.l1?.get(key, now);
    if (current?.version !== undefined && current.version >= version) return;
    this.log.key(key, now);
    this.markLocal(key, floor);
    await this.l2?.set(key, encodeEntry(floor), this.tombstoneTtl, floor);
    await this.publish([{ op: 'floor', key, version }]);
  }

  /**
   * Remove every entry carrying `tag`. With a version, entries already at that version or
   * newer stay, and entries older than it are refused from now on.
   */
  async deleteByTag(tag: string, options: { version?: number } = {}): Promise<void> {
    const version = options.version === undefined ? undefined : checkVersion(options.version);
    this.log.tag(tag, this.now(), version);
    this.dropTagLocally(tag, version);
    await this.l2?.deleteByTag(tag);
    await this.publish([{ op: 'tag', tag, ...(version === undefined ? {} : { version }) }]);
  }

  async deleteByPrefix(prefix: string): Promise<void> {
    this.log.prefix(prefix, this.now());
    this.dropPrefixLocally(prefix);
    await this.l2?.deleteByPrefix(prefix);
    await this.publish([{ op: 'prefix', prefix }]);
  }

  /** Remove everything this cache holds, in every process. */
  async clear(): Promise<void> {
    this.log.clear(this.now());
    this.l1?.clear();
    await this.l2?.deleteByPrefix('');
    await this.publish([{ op: 'clear' }]);
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

  metrics(): CacheMetricsSnapshot {
    return snapshotMetrics({
      metrics: this.counters,
      l1: { entries: this.l1?.size ?? 0, bytes: this.l1?.bytes ?? 0, evictions: this.l1?.evictions ?? 0 },
      breaker: this.l2?.state ?? 'closed',
      busConnected: this.bus === undefined ? false : this.busUp,
    });
  }

  prometheus(): string {
    return metricsToPrometheus(this.metrics(), this.name);
  }

  /** Whether L1 holds a fresh value for `key` (no L2, no origin): for tests and diagnostics. */
  hasLocal(key: string): boolean {
    const now = this.now();
    const e = this.l1?.get(key, now);
    return e !== undefined && e.kind === 'value' && now < e.freshUntil;
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

  private marker(kind: 'tombstone' | 'floor', version: number, now: number): CacheEntry {
    return {
      kind,
      value: undefined,
      version,
      tags: undefined,
      createdAt: now,
      freshUntil: 0,
      staleUntil: now + this.tombstoneTtl,
      eagerAt: Number.POSITIVE_INFINITY,
      backoffUntil: 0,
    };
  }

  /** Apply a tombstone or floor to L1 unless L1 already knows something as new. */
  private markLocal(key: string, marker: CacheEntry): void {
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

  private dropTagLocally(tag: string, version: number | undefined): void {
    if (!this.l1) return;
    for (const key of this.l1.keysWithTag(tag)) {
      const e = this.l1.peek(key);
      if (version !== undefined && e?.version !== undefined && e.version >= version) continue;
      this.l1.delete(key);
    }
  }

  private dropPrefixLocally(prefix: string): void {
    if (!this.l1) return;
    for (const key of this.l1.keys()) if (key.startsWith(prefix)) this.l1.delete(key);
  }

  private async publish(ops: InvalidationOp[]): Promise<void> {
    if (!this.bus) return;
    try {
      await this.bus.publish({ source: this.instanceId, sentAt: this.now(), ops });
    } catch (error) {
      this.reportError(error, 'bus.publish');
    }
  }

  private receive(message: BusMessage): void {
    if (message.source === this.instanceId) return;
    this.counters.busReceived++;
    this.counters.busLag.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
    const at = message.sentAt;
    for (const op of message.ops) {
      switch (op.op) {
        case 'changed': {
          const e = this.l1?.peek(op.key);
          if (!(op.version !== undefined && e?.version !== undefined && e.version > op.version)) this.l1?.delete(op.key);
          break;
        }
        case 'delete':
          for (const key of op.keys) {
            this.log.key(key, at);
            this.l1?.delete(key);
          }
          break;
        case 'tombstone':
        case 'floor':
          this.log.key(op.key, at);
          this.markLocal(op.key, this.marker(op.op, op.version, this.now()));
          break;
        case 'tag':
          this.log.tag(op.tag, at, op.version);
          this.dropTagLocally(op.tag, op.version);
          break;
        case 'prefix':
          this.log.prefix(op.prefix, at);
          this.dropPrefixLocally(op.prefix);
          break;
        case 'clear':
          this.log.clear(at);
          this.l1?.clear();
          break;
      }
    }
  }

  private reportError(error: unknown, operation: string, key?: string): void {
    try {
      this.onErrorHook?.(error, key === undefined ? { operation } : { operation, key });
    } catch {
      // A failing error hook must not turn a degraded call into a failed one.
    }
  }
}

/** A cache with the given options (the standalone API). */
export function createCache(options: CacheOptions = {}): Cache {
  return new Cache(options);
}

function checkEntryOptions(o: GetOrSetOptions<any>, where: string): void {
  if (o.ttl !== undefined) positive(o.ttl, `${where}.ttl`);
  if (o.grace !== undefined) nonNegative(o.grace, `${where}.grace`);
  if (o.softTimeout !== undefined) positive(o.softTimeout, `${where}.softTimeout`);
  if (o.hardTimeout !== undefined) positive(o.hardTimeout, `${where}.hardTimeout`);
  if (o.failSafeBackoff !== undefined) nonNegative(o.failSafeBackoff, `${where}.failSafeBackoff`);
  if (o.eagerRefresh !== undefined && !(o.eagerRefresh > 0 && o.eagerRefresh < 1)) {
    throw new ValidationError(`${where}.eagerRefresh must be a fraction between 0 and 1 (exclusive).`, [
      { path: [where, 'eagerRefresh'], message: 'must be > 0 and < 1' },
    ]);
  }
  if (o.version !== undefined) checkVersion(o.version);
}

function positive(n: number, name: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw new ValidationError(`${name} must be a positive number of milliseconds.`, [{ path: [name], message: 'must be > 0' }]);
  }
  return n;
}

function nonNegative(n: number, name: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new ValidationError(`${name} must be zero or a positive number.`, [{ path: [name], message: 'must be >= 0' }]);
  }
  return n;
}

function checkVersion(version: number): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new ValidationError('A resource version must be a non-negative safe integer.', [{ path: ['version'], message: 'invalid' }]);
  }
  return version;
}

function monotonic(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
