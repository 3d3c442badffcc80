import { API_PREFIX, type CoreClient, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';

type OtelModule = typeof import('@novacron/core/otel');
type OtelPolicies = { call: Policy; attempt: Policy };

/**
 * The same build of `@novacron/core/otel` as the core the app loaded: `require` in the CommonJS build,
 * `import()` in the ESM one (an ESM copy next to a CommonJS core would not know its error classes).
 */
const loadOtelModule = (): Promise<OtelModule> =>
  (typeof __NODE_CJS__ === 'boolean' ? __NODE_CJS__ : typeof require === 'function')
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS build must load the CommonJS twin of the core the app loaded
      Promise.resolve(require('@novacron/core/otel') as OtelModule)
    : import('@novacron/core/otel');

/** Set by the build (true in the CommonJS build, false in the ESM one); absent when tests run the sources. */
declare const __NODE_CJS__: boolean | undefined;

/**
 * Where every copy of @opentelemetry/api 1.x keeps what was registered (tracer, meter, propagator,
 * context manager, diag logger). Nothing is there until an app or an OTel SDK registers something.
 */
const OTEL_GLOBAL = Symbol.for('opentelemetry.js.api.1');

/**
 * Node: a span per call and per attempt, and the request-duration histogram, through
 * @opentelemetry/api. Until something registers with OpenTelemetry, spans would be no-ops, so the
 * policies (and @opentelemetry/api, ~15 ms of a cold start) are not even loaded: two stand-ins take
 * their names and places and pass calls through. The first call made once OTel is registered (before
 * or after the client was made) loads them, and from then on every call and attempt goes through them.
 */
export function installOtel(core: CoreClient): void {
  const options = { baseUrl: core.settings.baseUrl, apiPrefix: API_PREFIX };
  let policies: OtelPolicies | undefined;
  let loading: Promise<OtelPolicies> | undefined;
  const load = () =>
    (loading ??= loadOtelModule().then(({ OtelCallPolicy, OtelAttemptPolicy }) => {
      policies = { call: new OtelCallPolicy(options), attempt: new OtelAttemptPolicy(options) };
      // From the next call on the policies sit in the pipeline themselves (unless the app has put
      // something else in those places); calls already under way reach them through the stand-ins.
      if (core.pipeline.get(call.name) === call) core.pipeline.replace(call.name, policies.call);
      if (core.pipeline.get(attempt.name) === attempt) core.pipeline.replace(attempt.name, policies.attempt);
      return policies;
    }));

  const call: Policy = {
    name: 'otel-call',
    send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
      if (policies) return policies.call.send(request, next);
      if ((globalThis as Record<symbol, unknown>)[OTEL_GLOBAL] === undefined) return next(request);
      return load().then((loaded) => loaded.call.send(request, next));
    },
  };
  // The attempts of a call the call stand-in let through before OTel was loaded go through as they are.
  const attempt: Policy = {
    name: 'otel',
    send: (request, next) => (policies ? policies.attempt.send(request, next) : next(request)),
  };

  const first = core.pipeline.list()[0];
  core.pipeline.add(call, first ? { before: first.name } : { phase: 'perCall' });
  core.pipeline.add(attempt, { phase: 'perRetry' });
}
