import type { QueryValue } from '../request';

/** `?a=1&b=x&b=y`, skipping undefined and null; '' when nothing is left. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`;
  }
  return out;
}
