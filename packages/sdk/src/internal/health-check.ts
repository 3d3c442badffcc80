import { AuthenticationError, PermissionDeniedError, type CoreClient, type Health } from '@novacron/core';
import type { TrackedStream } from './client-lifecycle';

/**
 * A check's verdict, in the words of the IETF "Health Check Response Format for HTTP APIs"
 * draft (draft-inadarei-api-health-check): `pass` healthy, `warn` healthy with a concern,
 * `fail` unhealthy.
 */
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface DependencyCheck {
  status: HealthStatus;
  /** How long the check took, in ms (0 for checks that only read local state). */
  latencyMs: number;
  /** When the check ran (ISO 8601). */
  time: string;
  /** Why it did not pass: an error message (never a token or a password). */
  output?: string;
}

/**
 * The answer of `client.healthCheck()`: what a readiness or liveness endpoint returns as its
 * body, with `httpStatus` as its status code (200 for pass and warn, 503 for fail).
 */
export interface HealthCheckResult {
  status: HealthStatus;
  httpStatus: 200 | 503;
  /**
   * Per dependency: `api` (`GET /health` answered healthy), `auth` (the token is accepted by
   * `GET /api/auth/me`; only when the client has a token or credentials), `redis` (the cache's
   * L2 or the shared breakers answer a PING; only when one is configured), and one
   * `eventStream:<n>` per open stream (pass when connected, warn while reconnecting).
   */
  checks: Record<string, DependencyCheck>;
}

export interface HealthCheckOptions {
  /**
   * `readiness` (default) checks every dependency: take the pod out of the load balancer when
   * the API, the token or Redis is down. `liveness` checks none: it fails only once the client is
   * closed, since restarting the process does not bring the API back and would only add restarts.
   */
  probe?: 'readiness' | 'liveness';
  /** Per-check deadline. Default 5 000 ms, below Kubernetes' usual probe timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the health check reads of the client. */
export interface HealthSources {
  core: CoreClient;
  health(options: { signal?: AbortSignal; timeout?: number }): Promise<Health>;
  me(options: { signal?: AbortSignal; timeout?: number }): Promise<unknown>;
  hasAuth: boolean;
  closed(): boolean;
  /** Sends a PING to every Redis the client uses; empty when none is configured. */
  redisPings(): Array<Promise<void>>;
  streams(): TrackedStream[];
}

async function timed(run: () => Promise<HealthStatus | void>): Promise<DependencyCheck> {
  const time = new Date().toISOString();
  const started = performance.now();
  try {
    const status = (await run()) ?? 'pass';
    return { status, latencyMs: Math.round((performance.now() - started) * 100) / 100, time };
  } catch (error) {
    const output = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: 'fail', latencyMs: Math.round((performance.now() - started) * 100) / 100, time, output };
  }
}

function worst(statuses: Iterable<HealthStatus>): HealthStatus {
  let out: HealthStatus = 'pass';
  for (const s of statuses) {
    if (s === 'fail') return 'fail';
    if (s === 'warn') out = 'warn';
  }
  return out;
}

export async function runHealthCheck(sources: HealthSources, options: HealthCheckOptions = {}): Promise<HealthCheckResult> {
  const checks: Record<string, DependencyCheck> = {};
  const now = () => new Date().toISOString();
  if (sources.closed()) {
    checks['client'] = { status: 'fail', latencyMs: 0, time: now(), output: 'The client is closed.' };
  } else if ((options.probe ?? 'readiness') === 'readiness') {
    const call = { signal: options.signal, timeout: options.timeoutMs ?? 5_000 };
    const pending: Array<Promise<void>> = [
      timed(async () => {
        const health = await sources.health(call);
        const s = health.status.toLowerCase();
        if (s === 'healthy' || s === 'ok' || s === 'pass' || s === 'up') return 'pass';
        if (s === 'degraded' || s === 'warn') return 'warn';
        throw new Error(`The API reports "${health.status.slice(0, 40)}".`);
      }).then((c) => void (checks['api'] = c)),
    ];
    if (sources.hasAuth) {
      pending.push(
        timed(async () => {
          try {
            await sources.me(call);
          } catch (error) {
            // Reachable but refused: the token is the problem, and the output should say so.
            if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) throw new Error(`The token was refused (${error.status ?? error.code}).`);
            throw error;
          }
        }).then((c) => void (checks['auth'] = c)),
      );
    }
    const pings = sources.redisPings();
    if (pings.length > 0) {
      pending.push(
        timed(async () => {
          await Promise.all(pings.map((ping) => withDeadline(ping, call.timeout)));
        }).then((c) => void (checks['redis'] = c)),
      );
    }
    sources.streams().forEach((stream, i) => {
      const state = stream.connectionState;
      checks[`eventStream:${i}`] = {
        status: state === 'open' ? 'pass' : state === 'closed' ? 'fail' : 'warn',
        latencyMs: 0,
        time: now(),
        ...(state !== 'open' && { output: `The stream is ${state}.` }),
      };
    });
    await Promise.all(pending);
  }
  const status = worst(Object.values(checks).map((c) => c.status));
  return { status, httpStatus: status === 'fail' ? 503 : 200, checks };
}

function withDeadline(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
