import { ValidationError } from '@novacron/core';
import type { GetOrSetOptions } from '../cache-options';

export function checkEntryOptions(o: GetOrSetOptions<never>, where: string): void {
  if (o.ttl !== undefined) positive(o.ttl, `${where}.ttl`);
  if (o.grace !== undefined) nonNegative(o.grace, `${where}.grace`);
  if (o.softTimeout !== undefined) positive(o.softTimeout, `${where}.softTimeout`);
  if (o.hardTimeout !== undefined) positive(o.hardTimeout, `${where}.hardTimeout`);
  if (o.failSafeBackoff !== undefined) nonNegative(o.failSafeBackoff, `${where}.failSafeBackoff`);
  if (o.eagerRefresh !== undefined && !(o.eagerRefresh > 0 && o.eagerRefresh < 1)) {
    throw new ValidationError(`${where}.eagerRefresh must be a fraction between 0 and 1 (exclusive).`, [
      { path: [where, 'eagerRefresh'], message: 'must be > 0 and < 1' },
    ]);
  }
  if (o.version !== undefined) checkVersion(o.version);
}

export function positive(n: number, name: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw new ValidationError(`${name} must be a positive number of milliseconds.`, [{ path: [name], message: 'must be > 0' }]);
  }
  return n;
}

export function nonNegative(n: number, name: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new ValidationError(`${name} must be zero or a positive number.`, [{ path: [name], message: 'must be >= 0' }]);
  }
  return n;
}

export function checkVersion(version: number): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new ValidationError('A resource version must be a non-negative safe integer.', [{ path: ['version'], message: 'invalid' }]);
  }
  return version;
}
