import type { CacheEntry, EntryKind } from '../cache-entry';

const KIND_CODE: Record<EntryKind, string> = { value: 'v', tombstone: 't', floor: 'f' };
const CODE_KIND: Record<string, EntryKind> = { v: 'value', t: 'tombstone', f: 'floor' };

/**
 * `<version>|<kind>|<json>`: the version leads so the Redis scripts can compare versions with a
 * pattern match instead of decoding JSON on every conditional write.
 */
export function encodeEntry(entry: CacheEntry): string {
  const body =
    entry.kind === 'value'
      ? JSON.stringify([entry.value, entry.createdAt, entry.freshUntil, entry.staleUntil, finite(entry.eagerAt), entry.tags ?? null])
      : JSON.stringify([null, entry.createdAt, 0, entry.staleUntil, null, null]);
  return `${entry.version ?? ''}|${KIND_CODE[entry.kind]}|${body}`;
}

/** undefined for anything that is not an entry this codec wrote (treated as a miss). */
export function decodeEntry(raw: string): CacheEntry | undefined {
  const bar = raw.indexOf('|');
  if (bar < 0 || raw.charCodeAt(bar + 2) !== 124 /* | */) return undefined;
  const kind = CODE_KIND[raw.charAt(bar + 1)];
  if (!kind) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(raw.slice(bar + 3));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length < 6) return undefined;
  const version = bar === 0 ? undefined : Number(raw.slice(0, bar));
  if (version !== undefined && !Number.isFinite(version)) return undefined;
  return {
    kind,
    value: parts[0],
    version,
    tags: Array.isArray(parts[5]) ? (parts[5] as string[]) : undefined,
    createdAt: Number(parts[1]),
    freshUntil: Number(parts[2]),
    staleUntil: Number(parts[3]),
    eagerAt: parts[4] === null ? Number.POSITIVE_INFINITY : Number(parts[4]),
    backoffUntil: 0,
  };
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}
