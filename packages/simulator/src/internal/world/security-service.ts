import type { AuthAuditEvent, UserRecord } from '../auth/auth-service';
import { notFound } from '../http/http-error';
import { inScope, type TenantScope } from './tenant-scope';
import type { World } from './world';

export const SECURITY_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

/** One entry of the security log (upstream `SecurityEvent`, plus tenancy and acknowledgement). */
export interface SecurityEventRecord {
  id: string;
  type: string;
  severity: SecuritySeverity;
  message: string;
  source: string;
  timestamp: string;
  tenant_id: string;
  user_id: string | null;
  metadata: Record<string, unknown>;
  acknowledged: boolean;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

/** Upstream `SecurityThreat`, with a status so a stopped attack can be seen as over. */
export interface SecurityThreatRecord {
  id: string;
  type: string;
  severity: SecuritySeverity;
  title: string;
  description: string;
  source: string;
  target: string | null;
  timestamp: string;
  status: 'active' | 'resolved';
  tenant_id: string;
  metadata: Record<string, unknown>;
}

export interface ComplianceCheck {
  id: string;
  name: string;
  status: 'pass' | 'fail';
  severity: SecuritySeverity;
  description: string;
}

export type SecurityChange = { kind: 'event'; event: SecurityEventRecord } | { kind: 'threat'; threat: SecurityThreatRecord };

export interface RecordInput {
  type: string;
  severity: SecuritySeverity;
  message: string;
  tenantId: string;
  userId?: string | null | undefined;
  source?: string;
  metadata?: Record<string, unknown>;
}

/** Consecutive failed logins of one identifier that make a brute-force threat. */
export const BRUTE_FORCE_THRESHOLD = 5;
const MAX_EVENTS = 5_000;
/** Types too frequent for the main event log: they stay on the security log and its socket. */
const NOT_PUBLISHED = new Set(['login_succeeded', 'login_failed']);

/**
 * The security log: logins, failures, role changes, account and 2FA changes, and the threats
 * derived from them (a brute-force threat after repeated failures of one login). Every record
 * belongs to a tenant; an unknown login's failures belong to no tenant but the super-admin's view.
 */
export class SecurityService {
  private readonly events: SecurityEventRecord[] = [];
  private readonly threats = new Map<string, SecurityThreatRecord>();
  private readonly failures = new Map<string, number>();
  private readonly listeners = new Set<(change: SecurityChange) => void>();
  private counter = 0;

  constructor(private readonly world: World) {}

  /** Receives the auth service's login reports. */
  fromAuth(event: AuthAuditEvent): void {
    const tenantId = event.user?.tenantId ?? '';
    const userId = event.user?.id ?? null;
    const identifier = event.identifier;
    switch (event.type) {
      case 'login_succeeded':
        this.failures.delete(identifier);
        if (event.user) this.failures.delete(event.user.email);
        this.record({ type: 'login_succeeded', severity: 'info', message: `${identifier} logged in`, tenantId, userId, metadata: { login: identifier } });
        this.resolveThreat(`brute_force:${identifier}`);
        return;
      case 'login_failed':
      case 'two_factor_failed': {
        const count = (this.failures.get(identifier) ?? 0) + 1;
        this.failures.set(identifier, count);
        this.record({ type: event.type, severity: 'medium', message: `${event.message} for ${identifier}`, tenantId, userId, metadata: { login: identifier, consecutive_failures: count } });
        if (count >= BRUTE_FORCE_THRESHOLD) this.raiseBruteForce(identifier, tenantId, count);
        return;
      }
      case 'backup_code_used':
        this.record({ type: 'backup_code_used', severity: 'low', message: `${identifier} used a backup code`, tenantId, userId, metadata: { remaining: event.user?.backupCodes.length ?? 0 } });
        return;
    }
  }

  /** A change made by someone (`actor`) to a user account. */
  accountChange(type: string, actor: { userId: string; tenantId: string } | undefined, user: UserRecord, message: string, metadata: Record<string, unknown> = {}): void {
    this.record({
      type,
      severity: type === 'role_changed' || type === 'user_deleted' ? 'medium' : 'low',
      message,
      tenantId: user.tenantId,
      userId: user.id,
      metadata: { ...metadata, actor_id: actor?.userId ?? user.id, target_user_id: user.id },
    });
  }

  record(input: RecordInput): SecurityEventRecord {
    const event: SecurityEventRecord = {
      // A counter, not the seeded random: logins must not shift the ids of everything created after them.
      id: `sec-${++this.counter}`,
      type: input.type,
      severity: input.severity,
      message: input.message,
      source: input.source ?? 'auth',
      timestamp: this.world.now(),
      tenant_id: input.tenantId,
      user_id: input.userId ?? null,
      metadata: input.metadata ?? {},
      acknowledged: false,
      acknowledged_by: null,
      acknowledged_at: null,
    };
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.shift();
    if (!NOT_PUBLISHED.has(event.type)) this.publish(event);
    this.emit({ kind: 'event', event });
    return event;
  }

  list(scope: TenantScope, filter: { type?: string | undefined; severity?: string | undefined } = {}): SecurityEventRecord[] {
    return this.events.filter(
      (e) => inScope(scope, e.tenant_id) && (filter.type === undefined || e.type === filter.type) && (filter.severity === undefined || e.severity === filter.severity),
    );
  }

  /** The newest `limit` events in scope, oldest first. */
  recent(scope: TenantScope, limit: number): SecurityEventRecord[] {
    const out: SecurityEventRecord[] = [];
    for (let i = this.events.length - 1; i >= 0 && out.length < limit; i--) if (inScope(scope, this.events[i]!.tenant_id)) out.push(this.events[i]!);
    return out.reverse();
  }

  threatList(scope: TenantScope, status?: 'active' | 'resolved'): SecurityThreatRecord[] {
    return [...this.threats.values()].filter((t) => inScope(scope, t.tenant_id) && (status === undefined || t.status === status));
  }

  acknowledge(scope: TenantScope, id: string, by: string): SecurityEventRecord {
    const event = this.events.find((e) => e.id === id);
    if (!event || !inScope(scope, event.tenant_id)) throw notFound('security event');
    if (!event.acknowledged) {
      event.acknowledged = true;
      event.acknowledged_by = by;
      event.acknowledged_at = this.world.now();
    }
    return event;
  }

  /** Checks derived from the tenant's state now: admins with 2FA, no active threat, the password policy. */
  compliance(scope: TenantScope): { status: 'compliant' | 'non_compliant'; score: number; checks: ComplianceCheck[]; last_checked: string; tenant_id: string } {
    const admins = this.world.auth
      .allUsers()
      .filter((u) => u.active && inScope(scope, u.tenantId) && (u.role === 'admin' || u.role === 'super-admin'));
    const without2fa = admins.filter((u) => !u.totpSecret).map((u) => u.username);
    const activeThreats = this.threatList(scope, 'active');
    const checks: ComplianceCheck[] = [
      {
        id: 'admin_two_factor',
        name: 'Administrators use two-factor authentication',
        status: without2fa.length === 0 ? 'pass' : 'fail',
        severity: 'high',
        description: without2fa.length === 0 ? 'every administrator has 2FA enabled' : `without 2FA: ${without2fa.join(', ')}`,
      },
      {
        id: 'no_active_threats',
        name: 'No active threats',
        status: activeThreats.length === 0 ? 'pass' : 'fail',
        severity: 'critical',
        description: activeThreats.length === 0 ? 'no active threat' : `${activeThreats.length} active threat(s): ${activeThreats.map((t) => t.title).join('; ')}`,
      },
      {
        id: 'password_policy',
        name: 'Password policy enforced',
        status: 'pass',
        severity: 'medium',
        description: 'new passwords need 8+ characters with upper, lower, digit and special character',
      },
    ];
    const passed = checks.filter((c) => c.status === 'pass').length;
    return {
      status: passed === checks.length ? 'compliant' : 'non_compliant',
      score: Math.round((passed / checks.length) * 100),
      checks,
      last_checked: this.world.now(),
      tenant_id: scope.allTenants ? '*' : scope.tenantId,
    };
  }

  subscribe(listener: (change: SecurityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private raiseBruteForce(identifier: string, tenantId: string, count: number): void {
    const key = `brute_force:${identifier}`;
    const existing = this.threats.get(key);
    if (existing?.status === 'active') {
      existing.metadata = { ...existing.metadata, failed_attempts: count };
      return;
    }
    const threat: SecurityThreatRecord = {
      id: `threat-${++this.counter}`,
      type: 'brute_force',
      severity: 'high',
      title: `Repeated failed logins for ${identifier}`,
      description: `${count} consecutive failed logins`,
      source: 'auth',
      target: identifier,
      timestamp: this.world.now(),
      status: 'active',
      tenant_id: tenantId,
      metadata: { failed_attempts: count },
    };
    this.threats.set(key, threat);
    this.record({ type: 'threat_detected', severity: 'high', message: threat.title, tenantId, metadata: { threat_id: threat.id, target: identifier } });
    this.emit({ kind: 'threat', threat });
  }

  private resolveThreat(key: string): void {
    const threat = this.threats.get(key);
    if (!threat || threat.status !== 'active') return;
    threat.status = 'resolved';
    this.emit({ kind: 'threat', threat });
  }

  private publish(event: SecurityEventRecord): void {
    this.world.publish({
      type: `security.${event.type}`,
      resourceType: 'security_event',
      resourceId: event.id,
      resourceVersion: this.world.nextVersion(),
      // Events without a tenant (an unknown login) have no tenant stream to go to.
      tenantId: event.tenant_id || '__none__',
      data: { event: { ...event } },
    });
  }

  private emit(change: SecurityChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
