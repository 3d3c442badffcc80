import type { EventEnvelope } from '../events/event-log';
import type { WireEventFilter } from './socket-protocol';

/** A subscription filter compiled once, so matching an event costs a few set lookups. */
export interface CompiledEventFilter {
  readonly wire: WireEventFilter;
  matches(event: EventEnvelope): boolean;
  /** True when the filter lets everything through (no bookmarks needed for filtering). */
  readonly isEmpty: boolean;
}

const LIST_KEYS = ['types', 'providers', 'regions', 'resource_types', 'resource_ids'] as const;

/** Checks a filter from the wire; returns an error message, or undefined when it is valid. */
export function validateFilter(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'filters must be an object';
  for (const [key, list] of Object.entries(value)) {
    if (!(LIST_KEYS as readonly string[]).includes(key)) return `unknown filter "${key}"`;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length === 0 || item.length > 200)) {
      return `filter "${key}" must be a list of non-empty strings`;
    }
    if (list.length > 1000) return `filter "${key}" has more than 1000 entries`;
  }
  return undefined;
}

export function compileFilter(wire: WireEventFilter = {}): CompiledEventFilter {
  const exactTypes = new Set<string>();
  const typePrefixes: string[] = [];
  let anyType = false;
  for (const pattern of wire.types ?? []) {
    if (pattern === '*') anyType = true;
    else if (pattern.endsWith('*')) typePrefixes.push(pattern.slice(0, -1));
    else exactTypes.add(pattern);
  }
  const typeFilterOn = !anyType && (exactTypes.size > 0 || typePrefixes.length > 0);
  const asSet = (list: string[] | undefined) => (list && list.length > 0 ? new Set(list) : undefined);
  const providers = asSet(wire.providers);
  const regions = asSet(wire.regions);
  const resourceTypes = asSet(wire.resource_types);
  const resourceIds = asSet(wire.resource_ids);
  const normalized: WireEventFilter = {};
  for (const key of LIST_KEYS) if (wire[key] && wire[key]!.length > 0) normalized[key] = [...wire[key]!];

  return {
    wire: normalized,
    isEmpty: !typeFilterOn && !providers && !regions && !resourceTypes && !resourceIds,
    matches(event) {
      if (typeFilterOn && !exactTypes.has(event.type) && !typePrefixes.some((p) => event.type.startsWith(p))) return false;
      if (providers && !providers.has(event.cloud_provider)) return false;
      if (regions && !regions.has(event.region)) return false;
      if (resourceTypes && !resourceTypes.has(event.resource_type)) return false;
      if (resourceIds && !resourceIds.has(event.resource_id)) return false;
      return true;
    },
  };
}

/**
 * Older clients' names for the same filters: the EnhancedNovaCronClient's
 * `/ws/federation/events?event_type=…&provider=…` and the Python client's `/ws/events?vm_id=…`.
 */
const QUERY_ALIASES: Record<string, (typeof LIST_KEYS)[number]> = {
  event_type: 'types',
  provider: 'providers',
  region: 'regions',
  vm_id: 'resource_ids',
};

/**
 * Upgrade parameters that are not filters. `token` is what upstream's browser frontend sends beside
 * its first-message auth: accepted and ignored (as upstream does), so a token in a URL — which ends
 * up in access logs — never authenticates anything.
 */
const NON_FILTER_PARAMS: readonly string[] = ['since', 'epoch', 'token'];

/**
 * Reads a filter from upgrade query parameters (`types=vm.*,node.failure&providers=aws`); repeated
 * parameters add up. A parameter that is neither a filter, an alias nor a cursor is an error rather
 * than silently ignored: a misspelt filter would otherwise stream everything.
 */
export function filterFromQuery(params: URLSearchParams): { filter: WireEventFilter } | { error: string } {
  const filter: WireEventFilter = {};
  for (const [name, raw] of params) {
    if (NON_FILTER_PARAMS.includes(name)) continue;
    const key = (LIST_KEYS as readonly string[]).includes(name) ? (name as (typeof LIST_KEYS)[number]) : QUERY_ALIASES[name];
    if (key === undefined) return { error: `unknown filter "${name.slice(0, 40)}" (known: ${[...LIST_KEYS, ...Object.keys(QUERY_ALIASES)].join(', ')})` };
    if (!raw) continue;
    const values = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (values.length > 0) filter[key] = [...(filter[key] ?? []), ...values];
  }
  return { filter };
}
