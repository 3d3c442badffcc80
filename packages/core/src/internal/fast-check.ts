import type { $ZodType } from 'zod/v4/core';

/** True when the value certainly passes the schema and the schema's output would be the value itself. */
export type FastCheck = (value: unknown) => boolean;

/** The parts of a zod 4 definition this reads; anything else makes a schema unsupported. */
interface Def {
  type: string;
  checks?: unknown[];
  check?: string;
  format?: string;
  coerce?: boolean;
  innerType?: $ZodType;
  element?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  options?: $ZodType[];
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const compiled = new WeakMap<object, FastCheck | null>();

/**
 * A plain-JavaScript checker for the common shapes of a wire schema (objects, records, arrays,
 * unions, strings, numbers, safe integers, booleans, enums, literals, optional and nullable), or
 * undefined when the schema uses anything else (checks, defaults, transforms, ...). It only says
 * yes when zod would accept the value and return it unchanged; a no, or an unsupported schema,
 * goes to zod, which is the authority and writes the issues. zod/mini has no compiled fast path,
 * and a response is checked on every call, so this keeps validation off the hot path's profile.
 */
export function fastCheck(schema: $ZodType): FastCheck | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema) ?? null;
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function compile(schema: $ZodType): FastCheck | undefined {
  const def = schema._zod.def as unknown as Def;
  if (def.checks?.length || def.coerce) return undefined;
  if (def.check !== undefined) {
    // z.int(): a number schema that is its own check.
    return def.type === 'number' && def.check === 'number_format' && def.format === 'safeint' ? (v) => Number.isSafeInteger(v) : undefined;
  }
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'undefined':
      return (v) => v === undefined;
    case 'unknown':
    case 'any':
      return () => true;
    case 'never':
      return () => false;
    case 'literal': {
      const values = new Set<unknown>(def.values);
      return (v) => values.has(v);
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      if (!values.every((v) => typeof v === 'string')) return undefined;
      const set = new Set<unknown>(values);
      return (v) => set.has(v);
    }
    case 'optional':
    case 'nullable': {
      const inner = compile(def.innerType!);
      if (!inner) return undefined;
      return def.type === 'optional' ? (v) => v === undefined || inner(v) : (v) => v === null || inner(v);
    }
    case 'array': {
      const element = compile(def.element!);
      return element && ((v) => Array.isArray(v) && v.every((item) => element(item)));
    }
    case 'union': {
      const options = def.options!.map(compile);
      if (options.some((o) => o === undefined)) return undefined;
      const checks = options as FastCheck[];
      return (v) => checks.some((c) => c(v));
    }
    case 'record':
      return compileRecord(def);
    case 'object':
      return compileObject(def);
    default:
      return undefined;
  }
}

function compileRecord(def: Def): FastCheck | undefined {
  const keyDef = def.keyType!._zod.def as unknown as Def;
  if (keyDef.type !== 'string' || keyDef.checks?.length || keyDef.coerce) return undefined;
  const value = compile(def.valueType!);
  if (!value) return undefined;
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const key of Object.keys(v)) if (!value(v[key])) return false;
    return true;
  };
}

function compileObject(def: Def): FastCheck | undefined {
  const keys = Object.keys(def.shape!);
  const fields: FastCheck[] = [];
  for (const key of keys) {
    const field = compile(def.shape![key]!);
    if (!field) return undefined;
    fields.push(field);
  }
  const known = new Set(keys);
  const catchallType = (def.catchall?._zod.def as unknown as Def | undefined)?.type;
  // Loose (unknown or any): extra keys pass as they are. Strip (none): zod would drop them, so an
  // extra key means "ask zod". Strict (never) fails on them; any other catchall checks each.
  const extra: FastCheck | 'pass' | undefined =
    catchallType === 'unknown' || catchallType === 'any' ? 'pass' : catchallType === undefined ? () => false : compile(def.catchall!);
  if (extra === undefined) return undefined;
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) if (!fields[i]!(v[keys[i]!])) return false;
    if (extra === 'pass') return true;
    for (const key of Object.keys(v)) if (!known.has(key) && !extra(v[key])) return false;
    return true;
  };
}
