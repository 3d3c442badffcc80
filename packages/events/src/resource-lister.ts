/** What a relist gets back: a bare array or a page object with `items` (as `vms.list` returns). */
export type ListResult<T> = T[] | { items: T[] };

/**
 * How to list one resource type again after a reset. `id` and `version` default to the item's
 * `id` and `resourceVersion` (or wire `resource_version`).
 */
export interface ResourceLister<T = unknown> {
  list: () => Promise<ListResult<T>>;
  // Methods, not function properties: their parameters are bivariant, so listers of different item
  // types fit one Record<string, ResourceLister> without `any`.
  id?(item: T): string;
  version?(item: T): number;
}

export function listerId<T>(lister: ResourceLister<T>, item: T): string {
  if (lister.id) return lister.id(item);
  return String((item as { id?: unknown }).id);
}

export function listerVersion<T>(lister: ResourceLister<T>, item: T): number {
  if (lister.version) return lister.version(item);
  const v = item as { resourceVersion?: unknown; resource_version?: unknown };
  const value = v.resourceVersion ?? v.resource_version;
  return typeof value === 'number' ? value : 0;
}

export function listItems<T>(result: ListResult<T>): T[] {
  return Array.isArray(result) ? result : result.items;
}
