/**
 * The one error hierarchy of the SDK. Every failure a caller can see is a NovaCronError.
 *
 * `instanceof` works across duplicate copies of this package (two versions in node_modules,
 * or the ESM and CJS builds loaded side by side): each instance carries the list of kinds it
 * is, under a global symbol, and every class that declares its own static `kind` checks that
 * list instead of its prototype chain. A subclass without a `kind` of its own (an application's
 * `class AppError extends NotFoundError {}`) is checked by its prototype chain: borrowing its
 * parent's kind would make every error of the parent match it.
 */
const KINDS = Symbol.for('novacron.error.kinds');

export interface NovaCronErrorOptions {
  status?: number;
  code?: string;
  requestId?: string;
  retryable?: boolean;
  attempts?: number;
  cause?: unknown;
}

export class NovaCronError extends Error {
  static readonly kind: string = 'NovaCronError';
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** A stable machine-readable code, from the server when it sent one. */
  readonly code: string;
  /** The server's request id (X-Request-Id), or the one this SDK sent. */
  requestId: string | undefined;
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean;
  /** How many attempts were made before this error was thrown. */
  attempts: number;
  declare readonly [KINDS]: readonly string[];

  constructor(message: string, options: NovaCronErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let ctor: unknown = new.target; typeof ctor === 'function'; ctor = Object.getPrototypeOf(ctor)) {
      if (Object.prototype.hasOwnProperty.call(ctor, 'kind')) kinds.push((ctor as unknown as { kind: string }).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
    this.name = ownKind(new.target) ?? (new.target.name || kinds[0] || 'NovaCronError');
    this.status = options.status;
    this.code = options.code ?? defaultCode(this.name);
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.attempts = options.attempts ?? 1;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const kind = ownKind(this);
    if (kind === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    const kinds = (value as { [KINDS]?: readonly string[] })[KINDS];
    return Array.isArray(kinds) && kinds.includes(kind);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryable: this.retryable,
      attempts: this.attempts,
    };
  }
}

function ownKind(ctor: unknown): string | undefined {
  return typeof ctor === 'function' && Object.prototype.hasOwnProperty.call(ctor, 'kind') ? (ctor as unknown as { kind: string }).kind : undefined;
}

function defaultCode(name: string): string {
  return name.replace(/Error$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || 'error';
}

export interface APIErrorOptions extends NovaCronErrorOptions {
  status: number;
  /** The parsed error body, secrets removed. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds the server asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number;
}

/** The server answered with a non-2xx status. */
export class APIError extends NovaCronError {
  static override readonly kind: string = 'APIError';
  declare readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: APIErrorOptions) {
    super(message, { retryable: isRetryableStatus(options.status), ...options });
    this.body = options.body;
    this.headers = options.headers ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The one factory that maps a status to its class. */
  static fromStatus(message: string, options: APIErrorOptions): APIError {
    const Ctor = STATUS_CLASSES[options.status] ?? (options.status >= 500 ? InternalServerError : APIError);
    return new Ctor(message, options);
  }
}

export class BadRequestError extends APIError {
  static override readonly kind: string = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
}
export class ConflictError extends APIError {
  static override readonly kind: string = 'ConflictError';
}
export class PreconditionFailedError extends APIError {
  static override readonly kind: string = 'PreconditionFailedError';
}
export class UnprocessableEntityError extends APIError {
  static override readonly kind: string = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';
}
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
}

const STATUS_CLASSES: Record<number, new (m: string, o: APIErrorOptions) => APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Statuses worth another attempt: timeouts, throttling and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

/** The request never got an answer: refused, reset, DNS, TLS. The raw cause is on `.cause`. */
export class ConnectionError extends NovaCronError {
  static override readonly kind: string = 'ConnectionError';
  constructor(message = 'Connection error.', options: NovaCronErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/**
 * The TLS handshake failed: `code` says why (`tls_certificate_untrusted`, `tls_certificate_name_mismatch`,
 * `tls_protocol_version`, `tls_client_certificate_required`, `tls_handshake_failed`) and the message
 * names OpenSSL's reason. Not retryable: the same handshake fails the same way.
 */
export class TlsError extends ConnectionError {
  static override readonly kind: string = 'TlsError';
  constructor(message: string, options: NovaCronErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

/** The call (or one attempt) ran past its timeout. */
export class TimeoutError extends ConnectionError {
  static override readonly kind: string = 'TimeoutError';
  constructor(message = 'Request timed out.', options: NovaCronErrorOptions = {}) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired. Never retried. */
export class AbortError extends NovaCronError {
  static override readonly kind: string = 'AbortError';
  constructor(message = 'Request was aborted.', options: NovaCronErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** Input rejected before anything was sent, or a setting that is not valid. */
export class ValidationError extends NovaCronError {
  static override readonly kind: string = 'ValidationError';
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = [], options: NovaCronErrorOptions = {}) {
    super(message, { ...options, retryable: false });
    this.issues = issues;
  }
}

/** A client option or NOVACRON_* variable is invalid; `setting` names it. */
export class ConfigError extends ValidationError {
  static override readonly kind: string = 'ConfigError';
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`Invalid setting ${setting}: ${message}`, [{ path: [setting], message }]);
    this.setting = setting;
  }
}

/** The server answered 2xx but the body was not what the contract says (malformed, truncated, wrong shape). */
export class ResponseValidationError extends NovaCronError {
  static override readonly kind: string = 'ResponseValidationError';
  readonly issues: ValidationIssue[];
  /** The body as the server sent it (parsed JSON, or the text), for diagnosis. */
  readonly body: unknown;
  constructor(message: string, issues: ValidationIssue[] = [], options: NovaCronErrorOptions & { body?: unknown } = {}) {
    super(message, { ...options, retryable: false });
    this.issues = issues;
    this.body = options.body;
  }
}

/** The response body was larger than `maxResponseBytes`; it was not read past the limit. */
export class ResponseTooLargeError extends NovaCronError {
  static override readonly kind: string = 'ResponseTooLargeError';
  readonly limitBytes: number;
  constructor(limitBytes: number, options: NovaCronErrorOptions = {}) {
    super(`The response body is larger than the ${limitBytes} bytes allowed (maxResponseBytes).`, { code: 'response_too_large', ...options, retryable: false });
    this.limitBytes = limitBytes;
  }
}

/** A circuit breaker is open for this route; `retryAt` says when a probe will be let through. */
export class CircuitOpenError extends NovaCronError {
  static override readonly kind: string = 'CircuitOpenError';
  readonly retryAt: Date | undefined;
  readonly route: string | undefined;
  constructor(message: string, options: NovaCronErrorOptions & { retryAt?: Date; route?: string } = {}) {
    super(message, { ...options, retryable: false });
    this.retryAt = options.retryAt;
    this.route = options.route;
  }
}

/** A long-running operation (migration, batch item) ended in failure. */
export class OperationFailedError extends NovaCronError {
  static override readonly kind: string = 'OperationFailedError';
}

/** Login needs a second factor and no `twoFactor` callback was configured. */
export class TwoFactorRequiredError extends AuthenticationError {
  static override readonly kind: string = 'TwoFactorRequiredError';
}
