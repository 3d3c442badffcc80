import * as z from 'zod';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { SECURITY_SEVERITIES } from '../world/security-service';
import { scopeOf } from '../world/tenant-scope';

const severity = z.enum(SECURITY_SEVERITIES);

const SecurityEventSchema = z.object({
  id: z.string(),
  type: z.string().describe('login_succeeded, login_failed, two_factor_failed, threat_detected, role_changed, user_created, …; the SDK names them security.<type>'),
  severity,
  message: z.string(),
  source: z.string(),
  timestamp: z.string(),
  tenant_id: z.string(),
  user_id: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  acknowledged: z.boolean(),
  acknowledged_by: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
});

const SecurityThreatSchema = z.object({
  id: z.string(),
  type: z.string(),
  severity,
  title: z.string(),
  description: z.string(),
  source: z.string(),
  target: z.string().nullable(),
  timestamp: z.string(),
  status: z.enum(['active', 'resolved']),
  tenant_id: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});

const ComplianceSchema = z.object({
  status: z.enum(['compliant', 'non_compliant']),
  score: z.number().int().min(0).max(100),
  checks: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(['pass', 'fail']), severity, description: z.string() })),
  last_checked: z.string(),
  tenant_id: z.string(),
});

const EventListQuerySchema = z.object({ type: z.string().optional(), severity: severity.optional(), ...paginationQuery });
const ThreatQuerySchema = z.object({ status: z.enum(['active', 'resolved']).optional() });

/** Upstream mounts the same security handlers on `/api/security` and `/api/admin/security`. */
const PREFIXES = [
  { prefix: '/api/security', suffix: '' },
  { prefix: '/api/admin/security', suffix: 'Admin' },
] as const;

export const securityRoutes: RouteDefinition[] = PREFIXES.flatMap(({ prefix, suffix }) => [
  defineRoute<undefined, z.infer<typeof EventListQuerySchema>>({
    method: 'GET',
    path: `${prefix}/events`,
    mount: 'root',
    access: 'admin',
    operationId: `listSecurityEvents${suffix}`,
    summary: "The tenant's security log, oldest first (every tenant for a super-admin)",
    tag: 'security',
    query: EventListQuerySchema,
    responses: { 200: { description: 'a page of security events', schema: SecurityEventSchema, paginated: true } },
    handle: ({ world, principal, query }) => paginatedReply(world.security.list(scopeOf(principal), { type: query.type, severity: query.severity }), query),
  }),
  defineRoute({
    method: 'POST',
    path: `${prefix}/events/{eventId}/acknowledge`,
    mount: 'root',
    access: 'admin',
    operationId: `acknowledgeSecurityEvent${suffix}`,
    summary: 'Mark a security event as seen',
    tag: 'security',
    responses: { 200: { description: 'the event', schema: SecurityEventSchema } },
    handle: ({ world, principal, params }) => ({ status: 200, body: world.security.acknowledge(scopeOf(principal), params.eventId!, principal.username) }),
  }),
  defineRoute<undefined, z.infer<typeof ThreatQuerySchema>>({
    method: 'GET',
    path: `${prefix}/threats`,
    mount: 'root',
    access: 'admin',
    operationId: `listSecurityThreats${suffix}`,
    summary: 'Threats derived from the security log (repeated failed logins)',
    tag: 'security',
    query: ThreatQuerySchema,
    responses: { 200: { description: 'threats', schema: SecurityThreatSchema, array: true } },
    handle: ({ world, principal, query }) => ({ status: 200, body: world.security.threatList(scopeOf(principal), query.status) }),
  }),
  defineRoute({
    method: 'GET',
    path: `${prefix}/compliance`,
    mount: 'root',
    access: 'admin',
    operationId: `complianceStatus${suffix}`,
    summary: 'Compliance checks computed from the tenant now: administrators with 2FA, no active threat, password policy',
    tag: 'security',
    responses: { 200: { description: 'status and checks', schema: ComplianceSchema } },
    handle: ({ world, principal }) => ({ status: 200, body: world.security.compliance(scopeOf(principal)) }),
  }),
]);
