import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import { ValidationError, type ValidationIssue } from './errors';
import { describe } from './response-validation';

/**
 * Validate caller input before anything is sent; a clear ValidationError names every bad field.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export function validateInput<S extends $ZodType>(schema: S, input: unknown, what: string): output<S> {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  throw new ValidationError(`Invalid ${what}: ${describe(issues)}`, issues, { code: 'invalid_input' });
}

/**
 * An id that goes into a URL path: non-empty, no slashes, bounded.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export function requireId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256 || /[/?#\s]/.test(value)) {
    throw new ValidationError(`Invalid ${name}: must be a non-empty id without slashes or spaces.`, [{ path: [name], message: 'invalid id' }], {
      code: 'invalid_input',
    });
  }
  return value;
}
