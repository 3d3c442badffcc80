import { ConfigError } from '@novacron/core';

export interface NumberRule {
  /** value ≥ min */
  min?: number;
  /** value > above */
  above?: number;
  /** value ≤ max */
  max?: number;
  /** value < below */
  below?: number;
  integer?: boolean;
  /** Allow Infinity (e.g. "no limit"). */
  infinite?: boolean;
}

/** A numeric option, or a ConfigError naming the option when it breaks the rule. */
export function requireNumber(value: unknown, setting: string, rule: NumberRule): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (rule.infinite || Number.isFinite(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.below === undefined || value < rule.below) &&
    (!rule.integer || Number.isInteger(value) || value === Infinity);
  if (!ok) throw new ConfigError(setting, `expected ${describe(rule)}, got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  return value as number;
}

export function describe(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  if (rule.below !== undefined) parts.push(`< ${rule.below}`);
  return `${rule.integer ? 'a whole number' : 'a number'}${parts.length ? ' ' + parts.join(' and ') : ''}`;
}
