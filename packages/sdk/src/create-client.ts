import {
  AccountResource,
  CoreClient,
  TwoFactorResource,
  currentUserFromWire,
  CurrentUserWireSchema,
  healthFromWire,
  HealthWireSchema,
  type ClientOptions,
  type CurrentUser,
  type Health,
  type Pipeline,
  type RequestMetrics,
  type SessionAuth,
} from '@novacron/core';
import { createAdminClient, type AdminClient, type SecurityResource } from '@novacron/admin';
import { CachePolicy, type Cache, type CachePolicyOptions } from '@novacron/cache';
import { installResilience, type Resilience, type ResilienceOptions } from '@novacron/resilience';
import { createVmClient, type VmClient, type Vm } from '@novacron/vm';
import type { AlertStream, AlertStreamOptions, EventStream, EventStreamOptions, Informer, LogSource, LogStream, LogStreamOptions, SecurityEventStream, SecurityEventStreamOptions } from '@novacron/events';
import { cacheIdentity } from './internal/cache-identity';
import { eventStreamFor, vmInformerFor } from './internal/event-wiring';
import { alertStreamFor, logStreamFor, securityStreamFor } from './internal/live-stream-wiring';
import { ClientLifecycle, type StreamStats } from './internal/client-lifecycle';
import { cacheFromEnv } from './internal/cache-from-env';
import { installOtel } from './internal/otel-wiring';
import { hostEnv, sdkEnvSettings } from './internal/env-settings';
import { runHealthCheck, type HealthCheckOptions, type HealthCheckResult } from './internal/health-check';

export interface NovaCronClientOptions extends ClientOptions {
  /**
   * Circuit breakers per route, a retry budget, per-attempt timeouts and a rate limiter around
   * every call (`@novacron/resilience`). On by default; `false` leaves core's plain retry.
   */
  resilience?: ResilienceOptions | false;
  /**
   * Serve GETs from a cache (`@novacron/cache`; pass one made with `@novacron/cache/redis` for
   * an L2 shared across processes). Writes through this client, and events from its streams,
   * invalidate what they touch. Off by default.
   */
  cache?: ({ cache: Cache } & Omit<CachePolicyOptions, 'identity'>) | false;
  /**
   * OpenTelemetry in Node (`@novacron/core/otel`): a span per call and per attempt, W3C trace
   * context on every request, `http.client.request.duration`. No-ops until the application
   * registers an OTel SDK; on by default, `false` leaves them out.
   */
  telemetry?: false;
}

/** What GETs are cached for when NOVACRON_REDIS_URL turns the cache on without NOVACRON_CACHE_TTL. */
const DEFAULT_ENV_CACHE_TTL_MS = 60_000;

/** The client most applications want: core's transport and auth with every VM resource on it. */
export interface NovaCronClient extends VmClient {
  /** The transport choke point, for custom calls: `client.core.request({ method, path })`. */
  readonly core: CoreClient;
  /** Add, remove or replace policies by name. */
  readonly pipeline: Pipeline;
  readonly metrics: RequestMetrics;
  /** The login session (login, refresh, logout), when the client logs in with credentials. */
  readonly session: SessionAuth | undefined;
  /** The resilience preset in the pipeline: `breakers()`, `events` (listeners and counters), each policy. */
  readonly resilience: Resilience | undefined;
  readonly cache: Cache | undefined;
  /** Who the token belongs to (`GET /api/auth/me`). */
  me(options?: { signal?: AbortSignal }): Promise<CurrentUser>;
  /** `GET /health`, unauthenticated. */
  health(options?: { signal?: AbortSignal }): Promise<Health>;
  /**
   * A resumable event stream on this client's server and token (`@novacron/events`, loaded on
   * first use). VMs are relisted after a reset; with a cache, every event invalidates by version.
   */
  events(options?: Partial<EventStreamOptions>): Promise<EventStream>;
  /** A live, version-correct map of this tenant's VMs (list + watch); resolves after the first list. */
  watchVms(options?: Partial<EventStreamOptions>): Promise<Informer<Vm>>;
  /** Sign-up, email availability, password reset, and the caller's sessions. */
  readonly account: AccountResource;
  /** The caller's second factor: setup, enable, verify, disable, backup codes. */
  readonly twoFactor: TwoFactorResource;
  /** Users and roles (`admin.users`) and the security log (`admin.security`); admins only. */
  readonly admin: AdminClient;
  /** The security log, threats and compliance (the same resource as `admin.security`). */
  readonly security: SecurityResource;
  /** Live alerts (`/api/ws/alerts`, viewer or above) as an async iterable, loaded on first use. */
  alerts(options?: Partial<AlertStreamOptions>): Promise<AlertStream>;
  /** Live log lines (`/api/ws/logs[/{source}]`, admin or above) as an async iterable. */
  logs(source?: LogSource, options?: Partial<LogStreamOptions>): Promise<LogStream>;
  /** Live security events (`/api/ws/security/events`, admin or above), typed `security.*`. */
  securityEvents(options?: Partial<SecurityEventStreamOptions>): Promise<SecurityEventStream>;
  /**
   * The client's dependencies, checked now, shaped for a Kubernetes probe: return `result` as the
   * body and `result.httpStatus` as the status. `{ probe: 'liveness' }` checks no dependency.
   */
  healthCheck(options?: HealthCheckOptions): Promise<HealthCheckResult>;
  /** Calls started and not yet settled (what `close()` waits for). */
  readonly inFlightCalls: number;
  /** The streams this client opened and has not closed: state and consumer lag, for metrics. */
  streamStats(): StreamStats[];
  /**
   * Shut down: refuse new calls, let those in flight finish for up to `timeoutMs` (default
   * 10 000), then abort them with ClientClosedError; close the event streams, the cache's and the
   * shared breakers' Redis connections, and the connection pool. Nothing is left to keep the
   * process alive. Calling it again waits for the first close.
   */
  close(options?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /** How long in-flight calls may run before they are aborted. Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * A ready client. Settings come from options, then `NOVACRON_*` variables, then defaults, and
 * are validated before any request: a bad value throws a ConfigError naming it.
 */
export function createClient(options: NovaCronClientOptions = {}): NovaCronClient {
  const { resilience: resilienceOptions, cache: givenCache, telemetry, ...coreOptions } = options;
  const core = new CoreClient(coreOptions);
  const fromEnv = sdkEnvSettings(hostEnv(options.env));
  // NOVACRON_ENABLE_METRICS=false: no per-route timings kept (client.metrics stays empty); logs stay.
  core.metrics.enabled = fromEnv.metrics;
  // NOVACRON_REDIS_URL or NOVACRON_CACHE_TTL alone turn the cache on; an explicit `cache` (or `cache: false`) wins.
  const chosen =
    givenCache === false
      ? undefined
      : givenCache ?? (fromEnv.redisUrl !== undefined || fromEnv.cacheTtlMs !== undefined ? { cache: cacheFromEnv(fromEnv.redisUrl, fromEnv.cachePrefix) } : undefined);
  // NOVACRON_CACHE_TTL is the TTL of every cached route unless the options name TTLs themselves.
  const cacheOptions =
    chosen && chosen.defaultTtl === undefined && chosen.routes === undefined
      ? { ...chosen, defaultTtl: fromEnv.cacheTtlMs ?? (givenCache === undefined ? DEFAULT_ENV_CACHE_TTL_MS : undefined) }
      : chosen;
  const resilience =
    resilienceOptions === false
      ? undefined
      : installResilience(core.pipeline, {
          env: options.env,
          timeout: core.settings.timeout,
          ...resilienceOptions,
          retry: resilienceOptions?.retry === false ? false : { maxRetries: core.settings.maxRetries, ...resilienceOptions?.retry },
        });
  const cache = cacheOptions?.cache;
  if (cacheOptions) {
    const { cache: _cache, ...policyOptions } = cacheOptions;
    core.pipeline.add(new CachePolicy(cacheOptions.cache, { ...policyOptions, identity: cacheIdentity(core) }), { phase: 'perCall' });
  }
  if (telemetry !== false) installOtel(core);
  const lifecycle = new ClientLifecycle();
  // Outermost, so close() sees every call from its first policy to its last byte.
  const first = core.pipeline.list()[0];
  core.pipeline.add(lifecycle, first ? { before: first.name } : { phase: 'perCall' });
  // With the undici Agent the client owns, close() ends the calls still running by destroying it, so
  // the lifecycle's signal need not ride along with every request (undici pays for each one it gets).
  core.abortTransportWith(lifecycle.signal);
  const vm = createVmClient(core);
  const admin = createAdminClient(core);
  const me = async (o?: { signal?: AbortSignal; timeout?: number }) =>
    currentUserFromWire(await core.request({ method: 'GET', path: '/api/auth/me', schema: CurrentUserWireSchema }, o));
  const health = async (o?: { signal?: AbortSignal; timeout?: number }) =>
    healthFromWire(await core.request({ method: 'GET', path: '/health', authenticate: false, schema: HealthWireSchema }, o));
  let closing: Promise<void> | undefined;
  return {
    ...vm,
    get inFlightCalls() {
      return lifecycle.inFlightCalls;
    },
    streamStats: () => lifecycle.streamStats(),
    core,
    pipeline: core.pipeline,
    metrics: core.metrics,
    session: core.session,
    resilience,
    cache,
    me,
    health,
    events: async (o) => lifecycle.track(await eventStreamFor(core, vm, cache, o)),
    watchVms: async (o) => {
      const informer = await vmInformerFor(core, vm, cache, o);
      lifecycle.track(informer.stream);
      return informer;
    },
    account: new AccountResource(core),
    twoFactor: new TwoFactorResource(core),
    admin,
    security: admin.security,
    alerts: async (o) => lifecycle.track(await alertStreamFor(core, o)),
    logs: async (source, o) => lifecycle.track(await logStreamFor(core, source, o)),
    securityEvents: async (o) => lifecycle.track(await securityStreamFor(core, o)),
    healthCheck: (o) =>
      runHealthCheck(
        {
          core,
          health,
          me,
          hasAuth: core.settings.token !== undefined || core.settings.password !== undefined || options.tokenStore !== undefined,
          closed: () => lifecycle.closing,
          redisPings: () => [cache?.pingL2(), resilience?.sharedState?.ping?.()].filter((p) => p !== undefined),
          streams: () => lifecycle.liveStreams(),
        },
        o,
      ),
    close: (o) =>
      (closing ??= (async () => {
        await lifecycle.shutdown(o?.timeoutMs ?? 10_000);
        await cache?.close();
        await resilience?.close?.();
        await core.close();
      })()),
  };
}
