import { ConfigError } from '@novacron/core';
import { requireNumber, type NumberRule } from './setting-checks';

export type Env = Record<string, string | undefined>;

export function defaultEnv(): Env {
  return (globalThis as { process?: { env: Env } }).process?.env ?? {};
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A numeric NOVACRON_* variable; a bad value is a ConfigError naming the variable. */
export function envNumber(env: Env, name: string, rule: NumberRule): number | undefined {
  const text = raw(env, name);
  if (text === undefined) return undefined;
  const value = /^(inf|infinity)$/i.test(text) ? Infinity : Number(text);
  if (Number.isNaN(value)) throw new ConfigError(name, `expected a number, got ${JSON.stringify(text)}`);
  return requireNumber(value, name, rule);
}

export function envBoolean(env: Env, name: string): boolean | undefined {
  const text = raw(env, name)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['1', 'true', 'on', 'yes'].includes(text)) return true;
  if (['0', 'false', 'off', 'no'].includes(text)) return false;
  throw new ConfigError(name, `expected true/false, on/off, 1/0 or yes/no, got ${JSON.stringify(text)}`);
}

export function envChoice<T extends string>(env: Env, name: string, choices: readonly T[]): T | undefined {
  const text = raw(env, name)?.toLowerCase();
  if (text === undefined) return undefined;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new ConfigError(name, `expected one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
}
