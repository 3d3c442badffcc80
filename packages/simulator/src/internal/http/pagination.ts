import * as z from 'zod';
import { HttpError } from './http-error';
import type { Reply } from './route-definition';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const positiveInteger = z.string().regex(/^\d+$/, 'must be a positive integer');

/** The `page` and `page_size` query parameters every list accepts. */
export const paginationQuery = {
  page: positiveInteger.optional().describe('1-based page number (default 1)'),
  page_size: positiveInteger.optional().describe(`items per page (default ${DEFAULT_PAGE_SIZE}, max ${MAX_PAGE_SIZE})`),
};

/** A bare JSON array of the page, with `X-Pagination: {"page","pageSize","total","totalPages"}` (upstream backend/api/vm). */
export function paginatedReply<T>(items: readonly T[], query: { page?: string | undefined; page_size?: string | undefined }): Reply {
  const page = query.page === undefined ? 1 : Number(query.page);
  const pageSize = query.page_size === undefined ? DEFAULT_PAGE_SIZE : Number(query.page_size);
  if (page < 1) throw new HttpError(400, 'validation_error', 'page: must be at least 1');
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new HttpError(400, 'validation_error', `page_size: must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  const total = items.length;
  const start = (page - 1) * pageSize;
  return {
    status: 200,
    body: items.slice(start, start + pageSize),
    headers: { 'X-Pagination': JSON.stringify({ page, pageSize, total, totalPages: Math.ceil(total / pageSize) }) },
  };
}
