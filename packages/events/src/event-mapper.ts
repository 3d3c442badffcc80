import { ResponseValidationError, type ValidationIssue } from '@novacron/core';
import type { EventFilter, NovaEvent } from './event-types';

/**
 * The one place where the wire envelope (snake_case) becomes the public event (camelCase).
 * Unknown fields are ignored; a missing or mistyped required field is a ResponseValidationError.
 */
export function eventFromWire(value: unknown): NovaEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ResponseValidationError('Event is not an object.', [{ path: [], message: 'expected object' }]);
  }
  const w = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const str = (key: string): string => {
    const v = w[key];
    if (typeof v === 'string') return v;
    issues.push({ path: [key], message: 'expected string' });
    return '';
  };
  const int = (key: string): number => {
    const v = w[key];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    issues.push({ path: [key], message: 'expected non-negative integer' });
    return 0;
  };
  const correlation = w.correlation_id;
  const data = w.data;
  const event: NovaEvent = {
    id: str('id'),
    seq: int('seq'),
    epoch: str('epoch'),
    type: str('type'),
    resourceType: str('resource_type'),
    resourceId: str('resource_id'),
    resourceVersion: int('resource_version'),
    tenantId: str('tenant_id'),
    cloudProvider: typeof w.cloud_provider === 'string' ? w.cloud_provider : '',
    region: typeof w.region === 'string' ? w.region : '',
    timestamp: str('timestamp'),
    correlationId: typeof correlation === 'string' ? correlation : null,
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
  };
  if (correlation !== undefined && correlation !== null && typeof correlation !== 'string') {
    issues.push({ path: ['correlation_id'], message: 'expected string or null' });
  }
  if (issues.length > 0) {
    throw new ResponseValidationError(`Malformed event: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}.`, issues);
  }
  return event;
}

/** The filter as query parameters and as the `subscribe` message body use it. */
export function filterToWire(filter: EventFilter): Record<string, string[]> {
  const wire: Record<string, string[]> = {};
  if (filter.types?.length) wire.types = [...filter.types];
  if (filter.cloudProviders?.length) wire.providers = [...filter.cloudProviders];
  if (filter.regions?.length) wire.regions = [...filter.regions];
  if (filter.resourceTypes?.length) wire.resource_types = [...filter.resourceTypes];
  if (filter.resourceIds?.length) wire.resource_ids = [...filter.resourceIds];
  return wire;
}
