// The public API of @novacron/core (etc/core.api.md is its report). Names tagged `@internal` are
// exported for the other @novacron packages only and are not covered by semver; the pipeline's
// built-in policies (idempotency keys, request headers, metrics, audit, static-token auth) and the
// retry/redaction/trace helpers stay inside the package.
export { CoreClient, API_PREFIX, DEFAULT_MAX_RESPONSE_BYTES, type CallSpec, type ListSpec } from './core-client';
export type { ClientOptions, ResolvedSettings, ResponseValidation, TlsOptions } from './config';
export * from './errors';
export { Pipeline, type Policy, type PolicyPhase, type SendNext, type AddPolicyOptions } from './pipeline';
export { isMutating, attemptRequest, type HttpMethod, type NovaRequest, type NovaResponse, type QueryValue, type RequestOptions } from './request';
export { RetryPolicy, type RetryBudget, type RetryEvent, type RetryPolicyOptions } from './retry-policy';
export { backoffDelay, type BackoffOptions, type Jitter } from './retry-rules';
export { abortableSleep, abortErrorFrom } from './abortable-sleep';
export { SharedTask, type SharedTaskOptions } from './shared-task';
export { createFetchTransport, type PoolStats, type Transport, type TransportRequest, type TransportResponse } from './transport';
export { TimeoutPolicy } from './policies/timeout-policy';
export { AuthPolicy } from './policies/auth-policy';
export type { AuditRecord } from './policies/audit-policy';
export type { AuthProvider } from './auth/auth-provider';
export { SessionAuth, type Credentials, type SessionAuthOptions, type AuthCall, type TwoFactorCode } from './auth/session-auth';
export { MemoryTokenStore, type TokenSet, type TokenStore } from './auth/token-store';
export { Page, PagePromise, TO_ARRAY_MAX, type PageInfo, type PageResult, type PageFetcher } from './pagination';
export { waitUntil, type WaitOptions, type WaitVerdict } from './waiter';
export { RequestMetrics, type RouteMetrics } from './request-metrics';
export { createLogger, type Logger, type LogLevel } from './logger';
export { REDACTED } from './redact';
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
  type TwoFactorQrCode,
  type TwoFactorSetup,
  type TwoFactorSetupInput,
  type TwoFactorStatus,
  type TwoFactorVerification,
  type TwoFactorVerifyInput,
} from './auth/two-factor-schemas';
export { HealthWireSchema, healthFromWire, type Health } from './health';
export { CurrentUserWireSchema, currentUserFromWire, type CurrentUser } from './auth/current-user';
