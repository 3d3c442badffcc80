import type { ErrorCode } from './error-codes';

/** A failure a handler answers with: `{"error":{"code","message"}}` and the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const invalidState = (message: string): HttpError => new HttpError(409, 'invalid_state', message);
