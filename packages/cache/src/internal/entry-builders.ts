import type { CacheEntry } from '../cache-entry';
import type { EntryOptions, GetOrSetOptions } from '../cache-options';

/** A value entry: its fresh, grace and eager-refresh deadlines from `options`, else the cache's defaults. */
export function valueEntry(
  value: unknown,
  options: EntryOptions,
  defaults: GetOrSetOptions,
  tags: readonly string[] | undefined,
  version: number | undefined,
  createdAt: number,
  now: number,
): CacheEntry {
  const ttl = options.ttl ?? defaults.ttl!;
  const grace = options.grace ?? defaults.grace ?? 0;
  const eager = options.eagerRefresh ?? defaults.eagerRefresh;
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

/** A tombstone or floor at `version`, kept for `ttl` ms. */
export function markerEntry(kind: 'tombstone' | 'floor', version: number, now: number, ttl: number): CacheEntry {
  return {
    kind,
    value: undefined,
    version,
    tags: undefined,
    createdAt: now,
    freshUntil: 0,
    staleUntil: now + ttl,
    eagerAt: Number.POSITIVE_INFINITY,
    backoffUntil: 0,
  };
}
