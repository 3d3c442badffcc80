export { createClient, type NovaCronClient, type NovaCronClientOptions } from './create-client';
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
  CircuitOpenError,
  OperationFailedError,
  TwoFactorRequiredError,
  type RequestOptions,
} from '@novacron/core';
export type { Vm, VmState, Migration, Node, Network, CreateVmInput } from '@novacron/vm';
