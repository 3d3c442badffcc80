export { createClient, type NovaCronClient, type NovaCronClientOptions, type CloseOptions } from './create-client';
export { ClientClosedError } from './internal/client-closed-error';
export type { StreamStats } from './internal/client-lifecycle';
export type { HealthCheckResult, HealthCheckOptions, HealthStatus, DependencyCheck } from './internal/health-check';
export {
  NovaCronError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ValidationError,
  ConfigError,
  ResponseValidationError,
  ResponseTooLargeError,
  BadRequestError,
  PreconditionFailedError,
  UnprocessableEntityError,
  InternalServerError,
  CircuitOpenError,
  OperationFailedError,
  TwoFactorRequiredError,
  TlsError,
  type RequestOptions,
} from '@novacron/core';
export type { Vm, VmState, Migration, Node, Network, CreateVmInput } from '@novacron/vm';
export {
  AccountResource,
  TwoFactorResource,
  PASSWORD_POLICY,
  type AccountUser,
  type AccountSession,
  type TwoFactorCode,
  type TwoFactorQrCode,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from '@novacron/core';
export type { AdminClient, AdminUser, AdminRole, SecurityEvent, SecurityThreat, ComplianceStatus } from '@novacron/admin';
export type { AlertStream, AlertNotice, LogStream, LogEntry, LogSource, SecurityEventStream, SecurityStreamEvent } from '@novacron/events';
