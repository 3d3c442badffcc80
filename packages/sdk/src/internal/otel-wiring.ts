import { API_PREFIX, type CoreClient } from '@novacron/core';
import { OtelAttemptPolicy, OtelCallPolicy } from '@novacron/core/otel';

/** Node: a span per call and per attempt, and the request-duration histogram, through @opentelemetry/api (no-ops until an OTel SDK is registered). */
export function installOtel(core: CoreClient): void {
  const options = { baseUrl: core.settings.baseUrl, apiPrefix: API_PREFIX };
  const first = core.pipeline.list()[0];
  core.pipeline.add(new OtelCallPolicy(options), first ? { before: first.name } : { phase: 'perCall' });
  core.pipeline.add(new OtelAttemptPolicy(options), { phase: 'perRetry' });
}
