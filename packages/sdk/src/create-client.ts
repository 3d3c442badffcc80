import { CoreClient, type ClientOptions, type Pipeline, type RequestMetrics, type SessionAuth } from '@novacron/core';
import { createVmClient, type VmClient } from '@novacron/vm';

export type NovaCronClientOptions = ClientOptions;

/** The client most applications want: core's transport and auth with every VM resource on it. */
export interface NovaCronClient extends VmClient {
  /** The transport choke point, for custom calls: `client.core.request({ method, path })`. */
  readonly core: CoreClient;
  /** Add, remove or replace policies by name. */
  readonly pipeline: Pipeline;
  readonly metrics: RequestMetrics;
  /** The login session (login, refresh, logout), when the client logs in with credentials. */
  readonly session: SessionAuth | undefined;
  /** Who the token belongs to (`GET /api/auth/me`). */
  me(options?: { signal?: AbortSignal }): Promise<unknown>;
  /** `GET /health`, unauthenticated. */
  health(options?: { signal?: AbortSignal }): Promise<unknown>;
  /** Close the connection pool. */
  close(): Promise<void>;
}

/**
 * A ready client. Settings come from options, then `NOVACRON_*` variables, then defaults, and
 * are validated before any request: a bad value throws a ConfigError naming it.
 */
export function createClient(options: NovaCronClientOptions = {}): NovaCronClient {
  const core = new CoreClient(options);
  return {
    ...createVmClient(core),
    core,
    pipeline: core.pipeline,
    metrics: core.metrics,
    session: core.session,
    me: (o) => core.request({ method: 'GET', path: '/api/auth/me' }, o),
    health: (o) => core.request({ method: 'GET', path: '/health', authenticate: false }, o),
    close: () => core.close(),
  };
}
