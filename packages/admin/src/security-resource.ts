import { requireId, validateInput, type CoreClient, type PagePromise, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import {
  ComplianceStatusWireSchema,
  ListSecurityEventsParamsSchema,
  SecurityEventWireSchema,
  SecurityThreatWireSchema,
  complianceStatusFromWire,
  securityEventFromWire,
  securityThreatFromWire,
  type ComplianceStatus,
  type ListSecurityEventsParams,
  type SecurityEvent,
  type SecurityThreat,
} from './schemas/security-schema';

const ThreatParamsSchema = z.object({ status: z.optional(z.enum(['active', 'resolved'])) });

/**
 * The security log, threats and compliance status (`/api/security/*`, admin or super-admin). For
 * the live feed use `@novacron/events`' security stream (`client.securityEvents()`).
 */
export class SecurityResource {
  constructor(private readonly core: CoreClient) {}

  /** Security events of the tenant, oldest first. */
  events(params: ListSecurityEventsParams = {}, options?: RequestOptions): PagePromise<SecurityEvent> {
    const p = validateInput(ListSecurityEventsParamsSchema, params, 'security event parameters');
    const type = p.type?.startsWith('security.') ? p.type.slice('security.'.length) : p.type;
    return this.core.list(
      { method: 'GET', path: '/api/security/events', query: { type, severity: p.severity }, pageSize: p.pageSize, startPage: p.page, schema: z.array(SecurityEventWireSchema) },
      securityEventFromWire,
      options,
    );
  }

  async acknowledgeEvent(id: string, options?: RequestOptions): Promise<SecurityEvent> {
    const wire = await this.core.request(
      { method: 'POST', path: '/api/security/events/{id}/acknowledge', params: { id: requireId(id, 'security event id') }, schema: SecurityEventWireSchema },
      options,
    );
    return securityEventFromWire(wire);
  }

  async threats(params: { status?: 'active' | 'resolved' } = {}, options?: RequestOptions): Promise<SecurityThreat[]> {
    const p = validateInput(ThreatParamsSchema, params, 'threat parameters');
    const wire = await this.core.request({ method: 'GET', path: '/api/security/threats', query: { status: p.status }, schema: z.array(SecurityThreatWireSchema) }, options);
    return wire.map(securityThreatFromWire);
  }

  /** Compliance checks of the tenant as of now. */
  async compliance(options?: RequestOptions): Promise<ComplianceStatus> {
    return complianceStatusFromWire(await this.core.request({ method: 'GET', path: '/api/security/compliance', schema: ComplianceStatusWireSchema }, options));
  }
}
