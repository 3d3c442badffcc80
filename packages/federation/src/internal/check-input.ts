import { ValidationError, type ValidationIssue } from '@novacron/core';
import * as z from 'zod/mini';

/** Validates caller input with a zod/mini schema; a ValidationError names every bad field before anything is sent. */
export function checkInput<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues, { code: 'invalid_input' });
}
