import * as z from 'zod/mini';

/** `GET /health`: loose, so a server's extra checks and fields pass through. */
export const HealthWireSchema = z.looseObject({
  status: z.string(),
  timestamp: z.optional(z.string()),
  version: z.optional(z.string()),
  service: z.optional(z.string()),
  checks: z.optional(z.record(z.string(), z.unknown())),
});

export interface Health {
  /** `healthy` when the server says so; upstream also answers `unhealthy` or `degraded`. */
  status: string;
  timestamp: string | undefined;
  version: string | undefined;
  service: string | undefined;
  checks: Record<string, unknown>;
}

export function healthFromWire(wire: z.infer<typeof HealthWireSchema>): Health {
  return { status: wire.status, timestamp: wire.timestamp, version: wire.version, service: wire.service, checks: wire.checks ?? {} };
}
