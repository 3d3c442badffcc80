import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { checkResponse } from '../src/response-validation';
import { fastCheck } from '../src/internal/fast-check';
import { createLogger } from '../src/logger';

const Wire = z.looseObject({
  id: z.string(),
  state: z.enum(['running', 'stopped']),
  node_id: z.nullable(z.string()),
  cpu: z.optional(z.int()),
  load: z.optional(z.number()),
  ok: z.optional(z.boolean()),
  kind: z.optional(z.literal('vm')),
  tags: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  ids: z.optional(z.array(z.string())),
  either: z.optional(z.union([z.string(), z.int()])),
  inner: z.optional(z.object({ a: z.string() })),
  strict: z.optional(z.strictObject({ b: z.number() })),
});

const valid = {
  id: 'vm-1',
  state: 'running',
  node_id: null,
  cpu: 4,
  load: 0.5,
  ok: true,
  kind: 'vm',
  tags: { app: 'web' },
  ids: ['a', 'b'],
  either: 3,
  inner: { a: 'x' },
  strict: { b: 1 },
  extra_field_from_a_newer_server: { anything: true },
};

const replacements: unknown[] = [undefined, null, 0, 1.5, -1, 2 ** 60, NaN, Infinity, '', 'x', 'running', 'vm', true, [], ['a', 1], {}, { a: 1 }, { a: 'x', c: 1 }, { b: 'no' }];

/** Every leaf and object of `value`, by path. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  (copy as Record<string, unknown>)[head!] = setAt((root as Record<string, unknown>)[head!], rest, value);
  return copy;
}

describe('fastCheck (the plain checker in front of zod)', () => {
  it('agrees with zod on every single-place mutation of a wire object: never yes where zod says no, yes wherever zod returns the value unchanged', () => {
    const check = fastCheck(Wire as $ZodType)!;
    expect(check).toBeDefined();
    let accepted = 0;
    let rejected = 0;
    let cases = 0;
    // Each place of the object (every field, nested ones too, and the whole) gets each replacement.
    for (const path of paths(valid)) {
      for (const replacement of replacements) {
        const value = setAt(valid, path, replacement);
        const zod = safeParse(Wire, value);
        const fast = check(value);
        cases++;
        if (fast) {
          expect(zod.success).toBe(true);
          expect(zod.data).toEqual(value);
          accepted++;
        } else {
          rejected++;
        }
        // Where zod accepts and returns the value as it is, the checker must say yes too (no slow path
        // for valid answers); where zod changes it (a stripping z.object drops a key), the checker defers.
        if (zod.success && isDeepStrictEqual(zod.data, value)) expect(fast).toBe(true);
      }
    }
    expect(cases).toBe(paths(valid).length * replacements.length);
    // Both outcomes were exercised, not just one.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(50);
  });

  it('defers to zod (undefined) for what it does not model: checks, defaults, transforms, tuples', () => {
    expect(fastCheck(z.string().check(z.minLength(1)) as $ZodType)).toBeUndefined();
    expect(fastCheck(z._default(z.string(), 'x') as $ZodType)).toBeUndefined();
    expect(fastCheck(z.pipe(z.string(), z.transform((s: string) => s.length)) as $ZodType)).toBeUndefined();
    expect(fastCheck(z.looseObject({ when: z.tuple([z.string()]) }) as $ZodType)).toBeUndefined();
    expect(fastCheck(z.array(z.string()).check(z.maxLength(2)) as $ZodType)).toBeUndefined();
  });

  it('a stripping z.object defers when the server sent a key it does not know (zod would drop it)', () => {
    const check = fastCheck(z.object({ a: z.string() }) as $ZodType)!;
    expect(check({ a: 'x' })).toBe(true);
    expect(check({ a: 'x', b: 1 })).toBe(false);
    expect(safeParse(z.object({ a: z.string() }), { a: 'x', b: 1 }).data).toEqual({ a: 'x' });
  });

  it('checkResponse still reports zod\'s issues for an invalid body (strict) and returns a valid one as it is', () => {
    const logger = createLogger('silent');
    const body = { ...valid };
    expect(checkResponse(Wire, body, 'strict', { route: 'GET /vms/{id}', logger })).toBe(body);
    expect(() => checkResponse(Wire, { ...valid, state: 'exploded' }, 'strict', { route: 'GET /vms/{id}', logger })).toThrow(/state/);
    // A schema the checker does not model goes through zod, whose output (the default filled in) comes back.
    const withDefault = z.looseObject({ id: z.string(), region: z._default(z.string(), 'local-1') });
    expect(checkResponse(withDefault, { id: 'a' }, 'strict', { route: 'GET /x', logger })).toEqual({ id: 'a', region: 'local-1' });
  });
});
