import type { Factory, GetOrSetOptions } from './cache-options';

export interface WarmItem<T = unknown> {
  key: string;
  factory: Factory<T>;
  options?: GetOrSetOptions<T>;
}

export interface WarmOptions {
  /** Factories running at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface WarmReport {
  warmed: number;
  failed: number;
  errors: { key: string; error: unknown }[];
}

interface Warmable {
  getOrSet<T>(key: string, factory: Factory<T>, options?: GetOrSetOptions<T>): Promise<T>;
}

/**
 * Loads keys through `getOrSet`, so a request for a key being warmed joins the warming run
 * instead of calling the origin a second time. Failures are counted, never thrown.
 */
export async function warmCache(cache: Warmable, items: Iterable<WarmItem>, options: WarmOptions = {}): Promise<WarmReport> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const report: WarmReport = { warmed: 0, failed: 0, errors: [] };
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const next = iterator.next();
      if (next.done) return;
      const item = next.value;
      try {
        await cache.getOrSet(item.key, item.factory, item.options);
        report.warmed++;
      } catch (error) {
        report.failed++;
        report.errors.push({ key: item.key, error });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return report;
}
