import type { Cache } from './cache';
import { InvalidationRules, listTag, resourceTag } from './invalidation-rules';

/**
 * Any resource-change event, on the wire (snake_case) or as the SDK's public event type
 * (camelCase). Defined structurally so the cache needs no dependency on the events package.
 */
export interface ResourceEventLike {
  type?: string;
  resource_type?: string;
  resourceType?: string;
  resource_id?: string | number;
  resourceId?: string | number;
  resource_version?: number | string;
  resourceVersion?: number | string;
}

export interface ResourceEventOptions {
  rules?: InvalidationRules;
}

/** The key the SDK uses for one resource cached by id (e.g. `res:/vms/vm-1`): the same string as its tag. */
export function resourceKey(collectionPath: string, id: string): string {
  return resourceTag(collectionPath, id);
}

const DELETED = /(^|[._:-])(deleted|delete|removed|destroyed|terminated)$/i;

/**
 * Apply one resource event: the resource's own key moves to the event's version (a delete
 * leaves a tombstone), entries tagged with the resource drop if older, and its lists drop.
 * An event older than what is cached changes nothing about that entry, so replayed or
 * reordered events never regress the cache. Resolves false for an event with no resource.
 */
export async function applyResourceEvent(cache: Cache, event: ResourceEventLike, options: ResourceEventOptions = {}): Promise<boolean> {
  const type = event.resourceType ?? event.resource_type;
  const rawId = event.resourceId ?? event.resource_id;
  if (!type || rawId === undefined || rawId === '') return false;
  const id = String(rawId);
  const rules = options.rules ?? defaultRules();
  const collection = rules.collectionOf(type);
  const rawVersion = event.resourceVersion ?? event.resource_version;
  const n = typeof rawVersion === 'string' && rawVersion !== '' ? Number(rawVersion) : rawVersion;
  const version = typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  const deleted = event.type !== undefined && DELETED.test(event.type);
  const key = resourceKey(collection, id);

  if (version === undefined) {
    await Promise.all([cache.delete(key), cache.deleteByTag(resourceTag(collection, id)), cache.deleteByTag(listTag(collection))]);
    return true;
  }
  await Promise.all([
    deleted ? cache.delete(key, { version }) : cache.applyVersion(key, version),
    deleted ? cache.deleteByTag(resourceTag(collection, id)) : cache.deleteByTag(resourceTag(collection, id), { version }),
    cache.deleteByTag(listTag(collection)),
  ]);
  return true;
}

let shared: InvalidationRules | undefined;
function defaultRules(): InvalidationRules {
  return (shared ??= new InvalidationRules());
}
