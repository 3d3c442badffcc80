import { HttpError } from '../http/http-error';
import type { Reply } from '../http/route-definition';

/** A single-resource answer with its ETag; 304 when the caller's If-None-Match is current. */
export function resourceReply(status: number, resource: { resource_version: number }, ifNoneMatch?: string | string[]): Reply {
  const etag = `"${resource.resource_version}"`;
  if (status === 200 && typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return { status: 304, headers: { ETag: etag } };
  }
  return { status, body: resource, headers: { ETag: etag } };
}

/** Parses an ISO 8601 time or epoch milliseconds. */
export function parseTime(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new HttpError(400, 'validation_error', `${name}: not an ISO 8601 time or epoch milliseconds`);
  return ms;
}
