import type { CoreClient } from '@novacron/core';

/** Browsers: no OpenTelemetry in the bundle; add `@novacron/core/otel`'s policies yourself if you want them. */
export function installOtel(_core: CoreClient): void {}
