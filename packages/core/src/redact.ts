/**
 * Secrets never leave the SDK through logs, errors or metrics. These functions are the one
 * place that decides what a secret looks like.
 */
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|otp|code$/i;
const BEARER = /Bearer\s+[A-Za-z0-9\-._~+/]+=*/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export const REDACTED = '[REDACTED]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Headers with credentials replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) out[key] = isSecretKey(key) ? REDACTED : redactText(headers[key]!);
  return out;
}

/** A string with bearer tokens and JWTs masked. */
export function redactText(text: string): string {
  return text.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED);
}

/** A deep copy of a JSON-like value with secret-looking keys masked and tokens in strings removed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1);
  return out;
}
