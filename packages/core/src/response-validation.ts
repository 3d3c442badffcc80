import { safeParse, type $ZodType } from 'zod/v4/core';
import { ResponseValidationError, type ValidationIssue } from './errors';
import type { ResponseValidation } from './config';
import type { Logger } from './logger';
import { fastCheck } from './internal/fast-check';

/**
 * Check a response body against its schema. `off` trusts the server, `warn` logs a mismatch and
 * keeps the body, `strict` (the default) throws ResponseValidationError with the raw body on it. Unknown fields are never a mismatch:
 * the wire schemas are loose objects.
 */
export function checkResponse<T>(
  schema: $ZodType<T>,
  body: unknown,
  mode: ResponseValidation,
  context: { route: string; requestId?: string; logger: Logger },
): T {
  if (mode === 'off') return body as T;
  // Most answers are valid: a plain check says so without zod's per-field allocations.
  if (fastCheck(schema)?.(body)) return body as T;
  // The functional parse accepts classic and zod/mini schemas alike.
  const result = safeParse(schema, body);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  if (mode === 'strict') {
    throw new ResponseValidationError(`The response of ${context.route} does not match the contract: ${describe(issues)}`, issues, {
      requestId: context.requestId,
      code: 'response_validation',
      body,
    });
  }
  context.logger.warn({ route: context.route, requestId: context.requestId, issues: issues.slice(0, 5) }, 'response does not match the contract');
  return body as T;
}

export function describe(issues: ValidationIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
