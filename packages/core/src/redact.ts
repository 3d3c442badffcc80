/**
 * Secrets never leave the SDK through logs, errors or metrics. These functions are the one
 * place that decides what a secret looks like.
 */
/** Last words of a key that name a secret: `refresh_token`, `x-api-key`, `client_secret`, `set-cookie`. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'authorization', 'cookie', 'otp', 'totp', 'apikey', 'credential', 'credentials']);
/** Two-word endings that name a secret. */
const SECRET_PAIRS = new Set(['api_key', 'private_key', 'secret_key', 'session_id']);
/** A `code` is a secret when it is a one-time code (`totp_code`, or six digits), not an error code. */
const OTP_PREFIXES = new Set(['otp', 'totp', 'mfa', '2fa', 'verification', 'recovery', 'backup', 'auth']);
const OTP_VALUE = /^\d{4,10}$/;
const BEARER = /Bearer\s+[A-Za-z0-9\-._~+/]+=*/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export const REDACTED = '[REDACTED]';

/** The words of a key, lower-case: `refreshToken` and `refresh-token` are both `refresh`, `token`. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a key names a secret. Judged by the key's last word, so `tokens_used`, `country_code` and
 * an error's `code` stay readable while `refresh_token` and `x-api-key` do not. `value`, when given,
 * decides a bare `code`: digits are a one-time code, a word is an error code.
 */
export function isSecretKey(key: string, value?: unknown): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  const pair = words.length > 1 ? `${words[words.length - 2]}_${last}` : '';
  if (SECRET_PAIRS.has(pair)) return true;
  if (last === 'code') {
    if (words.length > 1) return OTP_PREFIXES.has(words[words.length - 2]!);
    return (typeof value === 'string' || typeof value === 'number') && OTP_VALUE.test(String(value).trim());
  }
  return false;
}

/** Headers with credentials replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) out[key] = isSecretKey(key, headers[key]) ? REDACTED : redactText(headers[key]!);
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
  for (const [key, item] of Object.entries(value)) out[key] = isSecretKey(key, item) ? REDACTED : redactValue(item, depth + 1);
  return out;
}
