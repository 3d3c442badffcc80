import { ValidationError } from '@novacron/core';
import type { EventFilter } from '../event-types';
import { validateTypePattern } from './type-pattern';

/** Checks a filter before it reaches the wire (a comma would split a value there); returns a copy. */
export function validateFilter(filter: EventFilter): EventFilter {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [key, list] of Object.entries(filter)) {
    if (!['types', 'cloudProviders', 'regions', 'resourceTypes', 'resourceIds'].includes(key)) {
      issues.push({ path: [key], message: 'unknown filter' });
      continue;
    }
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v.length === 0 || v.includes(','))) {
      issues.push({ path: [key], message: 'must be a list of non-empty strings without commas' });
    }
  }
  for (const pattern of filter.types ?? []) {
    if (typeof pattern === 'string' && !validateTypePattern(pattern)) issues.push({ path: ['types'], message: `invalid pattern "${pattern}"` });
  }
  if (issues.length > 0) throw new ValidationError('Invalid event filter.', issues);
  return { ...filter };
}

/** Whether events of `resourceType` can pass the filter at all, so relisting it is worth it. */
export function filterAdmitsResourceType(filter: EventFilter, resourceType: string): boolean {
  const { resourceTypes, types } = filter;
  if (resourceTypes?.length && !resourceTypes.includes(resourceType)) return false;
  if (types?.length && !types.some((p) => p === '*' || p.startsWith(`${resourceType}.`))) return false;
  return true;
}

/** Whether a listed item passes the filter; fields the item does not carry do not exclude it. */
export function filterAdmitsItem(filter: EventFilter, id: string, item: unknown): boolean {
  const { resourceIds, cloudProviders, regions } = filter;
  const fields = (item ?? {}) as Record<string, unknown>;
  if (resourceIds?.length && !resourceIds.includes(id)) return false;
  const provider = fields.cloudProvider ?? fields.cloud_provider;
  if (cloudProviders?.length && typeof provider === 'string' && !cloudProviders.includes(provider)) return false;
  const region = fields.region;
  if (regions?.length && typeof region === 'string' && !regions.includes(region)) return false;
  return true;
}
