import { NovaCronError } from '@novacron/core';
import { FactoryTimeoutError, OriginUnavailableError } from '../cache-errors';
import type { CacheEntry } from '../cache-entry';
import type { Factory, FactoryContext, GetOrSetOptions } from '../cache-options';
import type { DistributedLock } from '../distributed-lock';
import type { CacheLevels } from './cache-levels';
import { valueEntry } from './entry-builders';
import { checkEntryOptions } from './option-checks';
import { SingleFlight } from './single-flight';

const NO_OPTIONS: GetOrSetOptions = {};

export interface LockSettings {
  lock: DistributedLock | undefined;
  lockTtl: number;
  lockWait: number;
}

/**
 * The getOrSet miss path: single-flight loads through L2, the factory run under the fleet
 * lock, soft/hard timeouts and grace, fail-safe backoff, and eager background refresh.
 */
export class FactoryRunner {
  private readonly flight = new SingleFlight();

  constructor(
    private readonly levels: CacheLevels,
    private readonly locking: LockSettings,
  ) {}

  miss<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T> | undefined): Promise<T> {
    const o = options ?? (NO_OPTIONS as GetOrSetOptions<T>);
    checkEntryOptions(o, 'options');
    const { l1, counters } = this.levels;
    const now = this.levels.now();
    const local = l1?.get(key, now);
    if (l1) counters.l1Misses++;
    if (local?.kind === 'value' && now < local.backoffUntil) {
      counters.staleServed++;
      return Promise.resolve(local.value as T);
    }
    return this.flight.run(key, () => this.load(key, factory, o, local?.kind === 'value' ? local : undefined));
  }

  refreshInBackground<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T> | undefined, current: CacheEntry): void {
    if (this.flight.has(key)) return;
    const o = options ?? (NO_OPTIONS as GetOrSetOptions<T>);
    this.flight
      .run(key, async () => {
        // Another process may have refreshed it already.
        const remote = await this.levels.readL2(key);
        if (remote && remote.createdAt > current.createdAt && this.levels.now() < remote.eagerAt) return remote.value as T;
        return this.produce(key, factory, o, undefined);
      })
      .catch((error) => this.levels.reportError(error, 'eagerRefresh', key));
  }

  private async load<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T>, local: CacheEntry | undefined): Promise<T> {
    let stale = local;
    const remote = await this.levels.readL2(key);
    if (remote?.kind === 'value') {
      if (this.levels.now() < remote.freshUntil) return remote.value as T;
      if (!stale || remote.createdAt > stale.createdAt) stale = remote;
    }
    return this.produce(key, factory, options, stale);
  }

  private produce<T>(key: string, factory: Factory<T>, options: GetOrSetOptions<T>, stale: CacheEntry | undefined): Promise<T> {
    if (this.locking.lock && options.lock !== false && this.levels.l2?.usable()) return this.produceUnderLock(key, factory, options, stale);
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
    const deadline = Date.now() + this.locking.lockWait;
    let delay = 5;
    for (;;) {
      let handle;
      try {
        handle = await this.locking.lock!.acquire(lockKey, this.locking.lockTtl);
      } catch (error) {
        this.levels.reportError(error, 'lock.acquire', key);
        return this.execute(key, factory, options, stale);
      }
      if (handle) {
        const release = () => {
          handle.release().catch((error) => this.levels.reportError(error, 'lock.release', key));
        };
        let remote: CacheEntry | undefined;
        try {
          remote = await this.levels.readL2(key);
        } catch (error) {
          release();
          throw error;
        }
        if (remote && this.levels.now() < remote.freshUntil) {
          release();
          return remote.value as T;
        }
        return this.execute(key, factory, options, stale, release);
      }
      if (Date.now() >= deadline) return this.execute(key, factory, options, stale);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
      const remote = await this.levels.readL2(key);
      if (remote && this.levels.now() < remote.freshUntil) return remote.value as T;
    }
  }

  private execute<T>(
    key: string,
    factory: Factory<T>,
    options: GetOrSetOptions<T>,
    stale: CacheEntry | undefined,
    onSettled?: () => void,
  ): Promise<T> {
    const { counters, defaults } = this.levels;
    const startedAt = this.levels.now();
    const t0 = monotonic();
    const context: FactoryContext<T> = {
      key,
      stale: stale?.value as T | undefined,
      ttl: undefined,
      tags: undefined,
      version: undefined,
      cacheable: true,
    };
    counters.factoryCalls++;
    const settled = (async () => factory(context))().then(
      async (value) => {
        counters.factoryDuration.observe((monotonic() - t0) / 1000);
        if (context.cacheable) {
          try {
            await this.writeProduced(key, value, options, context, startedAt);
          } catch (error) {
            this.levels.reportError(error, 'write', key);
          }
        }
        return value;
      },
      (error: unknown) => {
        counters.factoryDuration.observe((monotonic() - t0) / 1000);
        counters.factoryErrors++;
        throw error;
      },
    );
    if (onSettled) settled.then(onSettled, onSettled);

    const soft = stale ? (options.softTimeout ?? defaults.softTimeout) : undefined;
    const hard = options.hardTimeout ?? defaults.hardTimeout;
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
        (error) => finish(() => void this.factoryFailed(key, error, stale, options).then(resolve, reject)),
      );
      const timedOut = (ms: number) => () =>
        finish(() => {
          counters.factoryTimeouts++;
          if (stale && this.levels.now() < stale.staleUntil) {
            counters.staleServed++;
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
    const { l1, counters, defaults } = this.levels;
    const now = this.levels.now();
    if (stale && now < stale.staleUntil) {
      counters.staleServed++;
      const backoff = options.failSafeBackoff ?? defaults.failSafeBackoff ?? 0;
      if (l1 && backoff > 0) {
        const current = l1.peek(key);
        if (!current || current === stale || (current.kind === 'value' && current.createdAt <= stale.createdAt)) {
          l1.set(key, { ...stale, backoffUntil: Math.min(now + backoff, stale.staleUntil) });
        }
      }
      return stale.value as T;
    }
    if (error instanceof NovaCronError) throw error;
    throw new OriginUnavailableError(key, { cause: error });
  }

  private async writeProduced<T>(
    key: string,
    value: T,
    options: GetOrSetOptions<T>,
    context: FactoryContext<T>,
    startedAt: number,
  ): Promise<void> {
    const { log, defaults } = this.levels;
    const tags = context.tags ?? options.tags ?? defaults.tags;
    const version = context.version ?? options.version ?? options.versionOf?.(value) ?? undefined;
    if (log.latest(key, tags, version) >= startedAt) return; // invalidated while the factory ran
    const entryOptions = context.ttl === undefined ? options : { ...options, ttl: context.ttl };
    checkEntryOptions(entryOptions, 'factory context');
    // The origin was read at or after `startedAt`, but clocks count whole milliseconds: a delete
    // elsewhere stamped with that same millisecond may have come after the read. Dated one
    // millisecond earlier, the entry loses to it in every process that hears of it.
    await this.levels.store(key, valueEntry(value, entryOptions, defaults, tags, version, startedAt - 1, this.levels.now()));
  }
}

function monotonic(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
