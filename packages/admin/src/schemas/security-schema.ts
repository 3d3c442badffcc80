import * as z from 'zod/mini';

export const SecurityEventWireSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  severity: z.string(),
  message: z.string(),
  source: z.optional(z.string()),
  timestamp: z.string(),
  tenant_id: z.optional(z.string()),
  user_id: z.optional(z.nullable(z.string())),
  metadata: z.optional(z.record(z.string(), z.unknown())),
  acknowledged: z.optional(z.boolean()),
  acknowledged_by: z.optional(z.nullable(z.string())),
  acknowledged_at: z.optional(z.nullable(z.string())),
});
export type SecurityEventWire = z.infer<typeof SecurityEventWireSchema>;

/** The SDK's name for a security event type: `login_failed` → `security.login_failed`. */
export function securityEventType(type: string): string {
  return type.startsWith('security.') ? type : `security.${type}`;
}

export interface SecurityEvent {
  id: string;
  /** `security.login_failed`, `security.role_changed`, … (the SDK's event name). */
  type: string;
  /** The server's own word, `login_failed`. */
  rawType: string;
  severity: string;
  message: string;
  source: string | null;
  timestamp: string;
  tenantId: string | null;
  userId: string | null;
  metadata: Record<string, unknown>;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export function securityEventFromWire(wire: SecurityEventWire): SecurityEvent {
  return {
    id: wire.id,
    type: securityEventType(wire.type),
    rawType: wire.type,
    severity: wire.severity,
    message: wire.message,
    source: wire.source ?? null,
    timestamp: wire.timestamp,
    tenantId: wire.tenant_id ?? null,
    userId: wire.user_id ?? null,
    metadata: { ...wire.metadata },
    acknowledged: wire.acknowledged ?? false,
    acknowledgedBy: wire.acknowledged_by ?? null,
    acknowledgedAt: wire.acknowledged_at ?? null,
  };
}

export const SecurityThreatWireSchema = z.looseObject({
  id: z.string(),
  type: z.optional(z.string()),
  severity: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  source: z.optional(z.string()),
  target: z.optional(z.nullable(z.string())),
  timestamp: z.string(),
  status: z.optional(z.string()),
  tenant_id: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.unknown())),
});
export type SecurityThreatWire = z.infer<typeof SecurityThreatWireSchema>;

export interface SecurityThreat {
  id: string;
  type: string | null;
  severity: string;
  title: string;
  description: string;
  source: string | null;
  target: string | null;
  timestamp: string;
  /** `active` or `resolved`; null from a server without the field (upstream). */
  status: string | null;
  tenantId: string | null;
  metadata: Record<string, unknown>;
}

export function securityThreatFromWire(wire: SecurityThreatWire): SecurityThreat {
  return {
    id: wire.id,
    type: wire.type ?? null,
    severity: wire.severity,
    title: wire.title,
    description: wire.description ?? '',
    source: wire.source ?? null,
    target: wire.target ?? null,
    timestamp: wire.timestamp,
    status: wire.status ?? null,
    tenantId: wire.tenant_id ?? null,
    metadata: { ...wire.metadata },
  };
}

export const ComplianceStatusWireSchema = z.looseObject({
  status: z.string(),
  score: z.optional(z.number()),
  checks: z.optional(
    z.array(z.looseObject({ id: z.string(), name: z.optional(z.string()), status: z.string(), severity: z.optional(z.string()), description: z.optional(z.string()) })),
  ),
  last_checked: z.optional(z.string()),
  tenant_id: z.optional(z.string()),
});
export type ComplianceStatusWire = z.infer<typeof ComplianceStatusWireSchema>;

export interface ComplianceCheck {
  id: string;
  name: string;
  /** `pass` or `fail`. */
  status: string;
  severity: string | null;
  description: string;
}

export interface ComplianceStatus {
  /** `compliant` or `non_compliant`. */
  status: string;
  compliant: boolean;
  /** Percent of checks passed; null when the server does not score. */
  score: number | null;
  checks: ComplianceCheck[];
  lastChecked: string | null;
  tenantId: string | null;
}

export function complianceStatusFromWire(wire: ComplianceStatusWire): ComplianceStatus {
  return {
    status: wire.status,
    compliant: wire.status === 'compliant',
    score: wire.score ?? null,
    checks: (wire.checks ?? []).map((c) => ({ id: c.id, name: c.name ?? c.id, status: c.status, severity: c.severity ?? null, description: c.description ?? '' })),
    lastChecked: wire.last_checked ?? null,
    tenantId: wire.tenant_id ?? null,
  };
}

export const SECURITY_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export const ListSecurityEventsParamsSchema = z.object({
  /** The server's type (`login_failed`) or the SDK's (`security.login_failed`). */
  type: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters'))),
  severity: z.optional(z.enum(SECURITY_SEVERITIES)),
  pageSize: z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(500, 'must be at most 500'))),
  page: z.optional(z.int().check(z.minimum(1, 'must be at least 1'))),
});
export type ListSecurityEventsParams = z.input<typeof ListSecurityEventsParamsSchema>;
