// `@novacron/core/otel`: traces and metrics through @opentelemetry/api, kept out of the main entry
// so a browser bundle that does not ask for them does not carry them.
export { OtelCallPolicy, OtelAttemptPolicy, type OtelPolicyOptions } from './policies/otel-policy';
