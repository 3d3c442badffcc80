import type { z as zodClassic } from 'zod';
import type * as z from 'zod/mini';

/**
 * Core's CallSpec and validateInput are typed with classic zod schemas, while this package builds its
 * schemas with zod/mini so browser bundles stay small. Both are zod 4 schemas with the same
 * `safeParse`, which is all core calls, so the cast only bridges the two type declarations.
 */
export function wireSchema<T>(schema: z.ZodMiniType<T>): zodClassic.ZodType<T> {
  return schema as unknown as zodClassic.ZodType<T>;
}
