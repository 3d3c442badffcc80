import { ValidationError, type ValidationIssue } from '@novacron/core';
import * as z from 'zod/mini';

/**
 * Caller input checked against a zod/mini schema, failing with core's ValidationError (the same
 * error `validateInput` throws for the classic-zod packages) before anything runs or is sent.
 */
export function checkInput<S extends z.ZodMiniType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  throw invalid(what, issues);
}

export function invalid(what: string, issues: ValidationIssue[]): ValidationError {
  const text = issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return new ValidationError(`Invalid ${what}: ${text}`, issues, { code: 'invalid_input' });
}
