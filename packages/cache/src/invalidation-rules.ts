import type { HttpMethod, NovaRequest } from '@novacron/core';

/** The tag every cached read of one resource carries: `res:/vms/vm-1`. */
export function resourceTag(collectionPath: string, id: string): string {
  return `res:${normalizeCollection(collectionPath)}/${id}`;
}

/** The tag every cached list of a collection carries: `list:/vms`. */
export function listTag(collectionPath: string): string {
  return `list:${normalizeCollection(collectionPath)}`;
}

export interface RuleMatch {
  /** The route template's parameters, filled from the request path. */
  params: Record<string, string>;
  request: NovaRequest;
}

/** An extra rule: what a write to `route` invalidates besides the resource and list it names. */
export interface InvalidationRule {
  /** Default: every mutating method. */
  methods?: readonly HttpMethod[];
  /** A route template below the API prefix, e.g. `/migrations` or `/vms/{id}/migrate`. A trailing `/**` matches sub-routes. */
  route: string;
  /** Tags to invalidate (use `resourceTag` / `listTag`). */
  invalidate: (match: RuleMatch) => readonly string[];
}

export interface InvalidationRulesOptions {
  /** Added to (or, with `replaceDefaults`, instead of) the default rules. */
  rules?: readonly InvalidationRule[];
  replaceDefaults?: boolean;
  /** Event `resource_type` → collection path, e.g. `{ vm: '/vms' }`. Unlisted types get an `s`. */
  resourceTypes?: Record<string, string>;
}

const MUTATING: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

const DEFAULT_RESOURCE_TYPES: Record<string, string> = {
  vm: '/vms',
  node: '/nodes',
  network: '/networks',
  migration: '/migrations',
  snapshot: '/snapshots',
  cluster: '/federation/clusters',
  user: '/users',
};

/** Writes the generic path rule cannot see: a migration changes the VM it moves. */
const DEFAULT_RULES: readonly InvalidationRule[] = [
  {
    route: '/migrations/**',
    invalidate: ({ request }) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const vmId = body['vm_id'] ?? body['vmId'];
      return typeof vmId === 'string' ? [resourceTag('/vms', vmId), listTag('/vms')] : [listTag('/vms')];
    },
  },
  {
    route: '/vms/{id}/migrate',
    invalidate: () => [listTag('/migrations')],
  },
];

/**
 * The one place that maps routes (and resource events) to cache tags.
 *
 * The generic rule reads the route template: every `{param}` names a resource of the collection
 * before it. A cached GET carries the tags of the resources on its path, plus the list tag of
 * the collection it ends in; a write invalidates the resources on its path and the lists that
 * hold them. So `PATCH /vms/{id}` and `POST /vms/{id}/start` drop `res:/vms/vm-1` and
 * `list:/vms`, and `POST /vms` drops `list:/vms`.
 */
export class InvalidationRules {
  private readonly rules: readonly { rule: InvalidationRule; pattern: RegExp; names: { name: string; index: number }[] }[];
  private readonly resourceTypes: Record<string, string>;

  constructor(options: InvalidationRulesOptions = {}) {
    const rules = [...(options.replaceDefaults ? [] : DEFAULT_RULES), ...(options.rules ?? [])];
    this.rules = rules.map((rule) => ({ rule, ...compileRoute(rule.route) }));
    this.resourceTypes = { ...DEFAULT_RESOURCE_TYPES, ...options.resourceTypes };
  }

  /** Tags a cached read carries. */
  tagsForRead(request: NovaRequest): string[] {
    const { pairs, trailingCollection } = analyse(request);
    const tags = pairs.map((p) => resourceTag(p.collection, p.id));
    if (trailingCollection !== undefined) tags.push(listTag(trailingCollection));
    return tags;
  }

  /** Tags a write invalidates. */
  tagsForWrite(request: NovaRequest): string[] {
    const { pairs, trailingCollection, template } = analyse(request);
    const tags = new Set<string>();
    for (const p of pairs) {
      tags.add(resourceTag(p.collection, p.id));
      tags.add(listTag(p.collection));
    }
    if (trailingCollection !== undefined) tags.add(listTag(trailingCollection));
    for (const { rule, pattern, names } of this.rules) {
      if (!(rule.methods ?? MUTATING).includes(request.method)) continue;
      const m = pattern.exec(template);
      if (!m) continue;
      const path = stripPrefix(request.path).split('/');
      const params: Record<string, string> = {};
      for (const { name, index } of names) if (path[index] !== undefined) params[name] = decodeURIComponent(path[index]!);
      for (const tag of rule.invalidate({ params, request })) tags.add(tag);
    }
    return [...tags];
  }

  /** The collection path of an event's resource type: `vm` → `/vms`. */
  collectionOf(resourceType: string): string {
    return this.resourceTypes[resourceType] ?? `/${resourceType.endsWith('s') ? resourceType : `${resourceType}s`}`;
  }
}

function analyse(request: NovaRequest): {
  template: string;
  pairs: { collection: string; id: string }[];
  trailingCollection: string | undefined;
} {
  const template = stripPrefix(request.route.replace(/^[A-Z]+\s+/, ''));
  const t = template.split('/');
  const p = stripPrefix(request.path).split('/');
  const pairs: { collection: string; id: string }[] = [];
  let trailingCollection: string | undefined;
  for (let i = 1; i < t.length; i++) {
    const isParam = /^\{\w+\}$/.test(t[i]!);
    if (isParam && i >= 2 && !/^\{\w+\}$/.test(t[i - 1]!)) {
      pairs.push({ collection: p.slice(0, i).join('/'), id: decodeURIComponent(p[i] ?? '') });
    }
  }
  const last = t[t.length - 1];
  if (last !== undefined && last !== '' && !/^\{\w+\}$/.test(last)) trailingCollection = p.join('/');
  return { template, pairs, trailingCollection };
}

function stripPrefix(path: string): string {
  const noQuery = path.split('?')[0]!;
  if (noQuery.startsWith('/api/v1/')) return noQuery.slice(7);
  if (noQuery.startsWith('/api/')) return noQuery.slice(4);
  return noQuery;
}

function normalizeCollection(path: string): string {
  const p = stripPrefix(path.startsWith('/') ? path : `/${path}`);
  return p.endsWith('/') ? p.slice(0, -1) : p;
}

function compileRoute(route: string): { pattern: RegExp; names: { name: string; index: number }[] } {
  const names: { name: string; index: number }[] = [];
  const deep = route.endsWith('/**');
  const base = stripPrefix(deep ? route.slice(0, -3) : route);
  const source = base
    .split('/')
    .map((segment, index) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name !== undefined) {
        names.push({ name, index });
        return '\\{\\w+\\}';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}${deep ? '(?:/.*)?' : ''}$`), names };
}
