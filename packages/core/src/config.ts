import * as z from 'zod/mini';
import { ConfigError } from './errors';
import type { LogLevel, Logger } from './logger';
import type { Dispatcher } from 'undici';
import type { TwoFactorCode } from './auth/session-auth';
import type { TokenStore } from './auth/token-store';
import type { Transport } from './transport';
import { hostProcess } from './internal/host-process';

export type ResponseValidation = 'off' | 'warn' | 'strict';

/** Everything a client can be told. Options win over NOVACRON_* variables, which win over defaults. */
export interface ClientOptions {
  /** Default `NOVACRON_API_URL`, then `http://localhost:8090`. */
  baseUrl?: string;
  /** A static API token (`NOVACRON_API_TOKEN`). */
  token?: string;
  /** Log in with these (`NOVACRON_EMAIL` / `NOVACRON_USERNAME`, `NOVACRON_PASSWORD`). */
  email?: string;
  username?: string;
  password?: string;
  /**
   * Asked for the second factor when the server wants one: return the authenticator app's current
   * code (`'123456'`), or `{ code, backupCode: true }` to log in with one of the one-time backup
   * codes from setup (it is used up: the same code fails next time).
   */
  twoFactor?: () => TwoFactorCode | Promise<TwoFactorCode>;
  /** Where tokens live between calls and processes; memory by default. */
  tokenStore?: TokenStore;
  /** Refresh this long before expiry. Default 5 minutes. */
  refreshBufferMs?: number;
  /** Milliseconds for a whole call, retries included (`NOVACRON_TIMEOUT`). Default 30 s. */
  timeout?: number;
  /** Retries after the first attempt (`NOVACRON_MAX_RETRIES`). Default 2. */
  maxRetries?: number;
  /** `NOVACRON_LOG_LEVEL`. Default `warn`. */
  logLevel?: LogLevel;
  logger?: Logger;
  /**
   * Check responses against the schemas (`NOVACRON_RESPONSE_VALIDATION`). Default `strict`: a body
   * that does not match is a ResponseValidationError carrying the raw body (unknown and extra
   * fields always pass). `warn` logs and returns the body as it came; `off` trusts the server.
   */
  responseValidation?: ResponseValidation;
  /** Largest response body read, in bytes; a larger one ends with ResponseTooLargeError. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Sent on every request. */
  headers?: Record<string, string>;
  /** Appended to the User-Agent, e.g. `my-app/1.2`. */
  appInfo?: string;
  /** An undici Dispatcher (proxy, MockAgent) for the Node transport. */
  dispatcher?: Dispatcher;
  /**
   * TLS for the Node transport (ignored with your own `dispatcher` or `fetch`, and in browsers):
   * a private CA, a client certificate for mutual TLS, a higher minimum version. Also from
   * `NOVACRON_CA_FILE`, `NOVACRON_CLIENT_CERT_FILE`, `NOVACRON_CLIENT_KEY_FILE`, `NOVACRON_TLS_MIN_VERSION`.
   */
  tls?: TlsOptions;
  /** Use this fetch instead of undici. */
  fetch?: typeof fetch;
  /** Replace the transport entirely (tests, custom runtimes). */
  transport?: Transport;
  /** Called once for every mutating call with what was done and how it ended. */
  audit?: (record: import('./policies/audit-policy').AuditRecord) => void;
  /** Read from here instead of `process.env`. */
  env?: Record<string, string | undefined>;
}

/** PEM text or bytes; options win over the matching `NOVACRON_*_FILE` variable. */
export interface TlsOptions {
  /** Trust these CAs instead of Node's bundle (`NOVACRON_CA_FILE`). */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /** Client certificate chain for mutual TLS (`NOVACRON_CLIENT_CERT_FILE`). */
  cert?: string | Uint8Array;
  /** Its private key (`NOVACRON_CLIENT_KEY_FILE`). */
  key?: string | Uint8Array;
  passphrase?: string;
  /** `TLSv1.2` (Node's default) or `TLSv1.3` (`NOVACRON_TLS_MIN_VERSION`); nothing older is accepted. */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** SNI and certificate name, when it differs from the URL's host. */
  servername?: string;
}

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
const VALIDATION = ['off', 'warn', 'strict'] as const;

/** An absolute http(s) URL; `URL` parses it the way fetch and undici will. */
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/i.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const nonEmpty = z.string().check(z.minLength(1, 'must not be empty'));

const SettingsSchema = z.object({
  baseUrl: z.string().check(z.refine(isHttpUrl, 'must be an absolute http(s) URL')),
  token: z.optional(nonEmpty),
  // Deliberately loose (one @, no spaces): the server decides what an account name is.
  email: z.optional(z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'))),
  username: z.optional(nonEmpty),
  password: z.optional(nonEmpty),
  timeout: z.int('must be a whole number of milliseconds').check(z.positive('must be positive'), z.maximum(3_600_000, 'must be at most one hour')),
  maxRetries: z.int('must be a whole number').check(z.minimum(0, 'must not be negative'), z.maximum(10, 'must be at most 10')),
  logLevel: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  responseValidation: z.enum(VALIDATION, { message: `must be one of ${VALIDATION.join(', ')}` }),
  refreshBufferMs: z.int().check(z.minimum(0, 'must not be negative')),
});

export type ResolvedSettings = z.infer<typeof SettingsSchema>;

/** Which variable feeds which setting, for error messages that name what the user actually set. */
const ENV: Record<keyof ResolvedSettings, string | undefined> = {
  baseUrl: 'NOVACRON_API_URL',
  token: 'NOVACRON_API_TOKEN',
  email: 'NOVACRON_EMAIL',
  username: 'NOVACRON_USERNAME',
  password: 'NOVACRON_PASSWORD',
  timeout: 'NOVACRON_TIMEOUT',
  maxRetries: 'NOVACRON_MAX_RETRIES',
  logLevel: 'NOVACRON_LOG_LEVEL',
  responseValidation: 'NOVACRON_RESPONSE_VALIDATION',
  refreshBufferMs: undefined,
};

export const DEFAULTS = {
  baseUrl: 'http://localhost:8090',
  timeout: 30_000,
  maxRetries: 2,
  logLevel: 'warn',
  responseValidation: 'strict',
  refreshBufferMs: 5 * 60_000,
} as const;

const NUMERIC = new Set<keyof ResolvedSettings>(['timeout', 'maxRetries', 'refreshBufferMs']);

/**
 * Options, then environment, then defaults; validated before any request. A bad value throws a
 * ConfigError naming the option or variable it came from (never echoing a secret's value).
 */
export function resolveSettings(options: ClientOptions = {}): ResolvedSettings {
  const env = options.env ?? hostProcess()?.env ?? {};
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const key of Object.keys(ENV) as (keyof ResolvedSettings)[]) {
    const fromOption = (options as Record<string, unknown>)[key];
    const variable = ENV[key];
    const fromEnv = variable ? env[variable] : undefined;
    if (fromOption !== undefined) {
      raw[key] = fromOption;
      source[key] = key;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      raw[key] = NUMERIC.has(key) ? numberFromEnv(variable!, fromEnv) : fromEnv;
      source[key] = variable!;
    } else if (key in DEFAULTS) {
      raw[key] = DEFAULTS[key as keyof typeof DEFAULTS];
      source[key] = key;
    }
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw new ConfigError(source[key] ?? key, issue.message);
  }
  const settings = parsed.data;
  settings.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  if (settings.password !== undefined && settings.email === undefined && settings.username === undefined) {
    throw new ConfigError(source['password'] ?? 'password', 'a password needs an email or a username to go with it');
  }
  return settings;
}

function numberFromEnv(variable: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(variable, `must be a number, got "${value.slice(0, 40)}"`);
  return n;
}
