export { CoreClient, API_PREFIX, DEFAULT_MAX_RESPONSE_BYTES, type CallSpec, type ListSpec } from './core-client';
export { resolveSettings, DEFAULTS, type ClientOptions, type ResolvedSettings, type ResponseValidation } from './config';
export * from './errors';
export { Pipeline, PHASES, type Policy, type PolicyPhase, type SendNext, type AddPolicyOptions } from './pipeline';
export { isMutating, attemptRequest, type HttpMethod, type NovaRequest, type NovaResponse, type QueryValue, type RequestOptions } from './request';
export { RetryPolicy, type RetryBudget, type RetryEvent, type RetryPolicyOptions } from './retry-policy';
export { isIdempotent, isRetryable, backoffDelay, parseRetryAfter, DEFAULT_BACKOFF, type BackoffOptions, type Jitter } from './retry-rules';
export { abortableSleep, abortErrorFrom } from './abortable-sleep';
export { SharedTask, type SharedTaskOptions } from './shared-task';
export { createFetchTransport, toTransportError, type Transport, type TransportRequest, type TransportResponse } from './transport';
export { TimeoutPolicy } from './policies/timeout-policy';
export { IdempotencyPolicy } from './policies/idempotency-policy';
export { AuthPolicy } from './policies/auth-policy';
export { RequestHeadersPolicy } from './policies/request-headers-policy';
export { MetricsPolicy } from './policies/metrics-policy';
export { AuditPolicy, type AuditRecord } from './policies/audit-policy';
export { StaticTokenAuth, type AuthProvider } from './auth/auth-provider';
export { SessionAuth, type Credentials, type SessionAuthOptions, type AuthCall } from './auth/session-auth';
export { MemoryTokenStore, type TokenSet, type TokenStore } from './auth/token-store';
export { jwtExpiry, expiryOf } from './auth/jwt-expiry';
export { Page, PagePromise, parsePaginationHeader, TO_ARRAY_MAX, type PageInfo, type PageResult, type PageFetcher } from './pagination';
export { waitUntil, type WaitOptions, type WaitVerdict } from './waiter';
export { RequestMetrics, LATENCY_BUCKETS_MS, escapeLabel, type RouteMetrics } from './request-metrics';
export { createLogger, isLevelEnabled, type Logger, type LogLevel } from './logger';
export { redactHeaders, redactText, redactValue, isSecretKey, REDACTED } from './redact';
export { childTraceparent } from './trace-context';
export { checkResponse } from './response-validation';
export { validateInput, requireId } from './input-validation';
export { PASSWORD_POLICY, passwordProblems } from './auth/password-policy';
export { AccountResource } from './auth/account-resource';
export {
  PasswordSchema,
  RegisterInputSchema,
  ResetPasswordInputSchema,
  AccountUserWireSchema,
  AccountSessionWireSchema,
  accountUserFromWire,
  accountSessionFromWire,
  type RegisterInput,
  type ResetPasswordInput,
  type AccountUser,
  type AccountUserWire,
  type AccountSession,
  type AccountSessionWire,
} from './auth/account-schemas';
export { TwoFactorResource } from './auth/two-factor-resource';
export {
  TotpCodeSchema,
  TwoFactorSetupWireSchema,
  TwoFactorStatusWireSchema,
  type TwoFactorSetup,
  type TwoFactorSetupInput,
  type TwoFactorStatus,
  type TwoFactorVerification,
  type TwoFactorVerifyInput,
} from './auth/two-factor-schemas';
export { HealthWireSchema, healthFromWire, type Health } from './health';
export { CurrentUserWireSchema, currentUserFromWire, type CurrentUser } from './auth/current-user';
