import type { WebSocket } from 'ws';
import type { Principal } from '../internal/auth/auth-service';
import type { RequiredRole } from '../internal/auth/roles';
import type { AlertChangeKind, AlertRecord, AlertService } from '../internal/world/alert-service';
import { LOG_LEVELS, LOG_SOURCES, type LogLevel, type LogRecord, type LogService } from '../internal/world/log-service';
import type { SecurityService } from '../internal/world/security-service';
import { inScope, scopeOf, type TenantScope } from '../internal/world/tenant-scope';

/** One open connection of a channel: it hears client messages and is told when the socket closes. */
export interface ChannelSession {
  message(message: Record<string, unknown>): void;
  close(): void;
}

/** A push channel of upstream's WebSocket set (`backend/api/websocket/handlers.go`). */
export interface LiveChannel {
  name: 'alerts' | 'logs' | 'security';
  minRole: RequiredRole;
  /** Checks the upgrade's query (and path source) before upgrading; an error message means 400. */
  parse(query: URLSearchParams, pathSource: string | undefined): { ok: true; filter: Record<string, unknown> } | { ok: false; message: string };
  open(ws: WebSocket, principal: Principal, filter: Record<string, unknown>): ChannelSession;
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function list(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return list(value);
  if (Array.isArray(value)) {
    const items = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
    // An empty list means "no filter", as an absent query parameter does.
    return items.length > 0 ? items : undefined;
  }
  return undefined;
}

// ---- alerts -------------------------------------------------------------------------------

const ALERT_MESSAGE_TYPES: Record<AlertChangeKind, string> = {
  fired: 'alert',
  updated: 'alert_updated',
  resolved: 'alert_resolved',
  acknowledged: 'alert_acknowledged',
};

/** Upstream's AlertMessage, with the alert's state in `metadata`. */
export function alertMessage(kind: AlertChangeKind, alert: AlertRecord, timestamp: string): Record<string, unknown> {
  return {
    type: ALERT_MESSAGE_TYPES[kind],
    alert_id: alert.id,
    severity: alert.severity,
    title: alert.title,
    description: alert.description,
    source: alert.source,
    timestamp,
    labels: alert.labels,
    metadata: {
      status: alert.status,
      metric: alert.metric,
      value: alert.value,
      threshold: alert.threshold,
      resource_id: alert.resource_id,
      vm_id: alert.vm_id,
      node_id: alert.node_id,
      acknowledged: alert.acknowledged,
      tenant_id: alert.tenant_id,
    },
  };
}

export function alertChannel(alerts: AlertService, now: () => string): LiveChannel {
  return {
    name: 'alerts',
    minRole: 'viewer',
    parse: (query) => ({ ok: true, filter: { severity: list(query.get('severity')), sources: list(query.get('sources')) } }),
    open(ws, principal, initial) {
      const scope = scopeOf(principal);
      let filter = initial as { severity?: string[]; sources?: string[] };
      const unsubscribe = alerts.subscribe((kind, alert) => {
        if (!inScope(scope, alert.tenant_id)) return;
        if (filter.severity && !filter.severity.includes(alert.severity)) return;
        if (filter.sources && !filter.sources.includes(alert.source)) return;
        send(ws, alertMessage(kind, alert, now()));
      });
      return {
        message(message) {
          if (message.type !== 'update_filters') return;
          const f = (message.filters ?? {}) as Record<string, unknown>;
          filter = { severity: stringList(f.severity), sources: stringList(f.sources) };
          // An acknowledgement upstream does not send: a client can wait for the filter to apply.
          send(ws, { type: 'filters_updated', filters: filter });
        },
        close: unsubscribe,
      };
    },
  };
}

// ---- logs ---------------------------------------------------------------------------------

interface LogFilter {
  source?: string;
  level?: LogLevel;
  components?: string[];
  vm_id?: string;
}

function logMatches(filter: LogFilter, scope: TenantScope, record: LogRecord): boolean {
  if (!inScope(scope, record.tenant_id)) return false;
  if (filter.source !== undefined && record.source !== filter.source) return false;
  if (filter.level !== undefined && LOG_LEVELS.indexOf(record.level) < LOG_LEVELS.indexOf(filter.level)) return false;
  if (filter.components && !filter.components.includes(record.component)) return false;
  if (filter.vm_id !== undefined && record.vm_id !== filter.vm_id) return false;
  return true;
}

function parseLogFilter(get: (key: string) => unknown, source: string | undefined): { ok: true; filter: Record<string, unknown> } | { ok: false; message: string } {
  if (source !== undefined && !(LOG_SOURCES as readonly string[]).includes(source)) return { ok: false, message: `log source must be one of ${LOG_SOURCES.join(', ')}` };
  const level = get('level');
  if (level !== undefined && level !== null && level !== '' && !(LOG_LEVELS as readonly string[]).includes(String(level))) {
    return { ok: false, message: `level must be one of ${LOG_LEVELS.join(', ')}` };
  }
  const vmId = get('vm_id');
  return {
    ok: true,
    filter: {
      source,
      level: level === null || level === '' ? undefined : level,
      components: stringList(get('components')),
      vm_id: typeof vmId === 'string' && vmId !== '' ? vmId : undefined,
    },
  };
}

/** `level` is the least severe level sent (debug < info < warn < error). */
export function logChannel(logs: LogService): LiveChannel {
  return {
    name: 'logs',
    minRole: 'admin',
    parse: (query, source) => parseLogFilter((key) => query.get(key), source),
    open(ws, principal, initial) {
      const scope = scopeOf(principal);
      let filter = initial as LogFilter;
      const unsubscribe = logs.subscribe((record) => {
        if (!logMatches(filter, scope, record)) return;
        const { tenant_id: _tenant, ...wire } = record;
        send(ws, wire);
      });
      return {
        message(message) {
          if (message.type !== 'update_filters') return;
          const f = (message.filters ?? {}) as Record<string, unknown>;
          const parsed = parseLogFilter((key) => f[key], filter.source);
          if (!parsed.ok) return send(ws, { type: 'error', code: 'bad_filter', message: parsed.message });
          filter = parsed.filter as LogFilter;
          send(ws, { type: 'filters_updated', filters: filter });
        },
        close: unsubscribe,
      };
    },
  };
}

// ---- security -----------------------------------------------------------------------------

const SNAPSHOT_EVENTS = 50;

/**
 * Upstream's StreamSecurityEvents frame `{timestamp, events, threats, total_events,
 * total_active_threats}`: the recent events on connect, each new event or threat at once, and a
 * frame every `intervalMs` (upstream: 5 s) with the active threats. Events repeat across frames
 * only in the first one; clients dedupe by id anyway.
 */
export function securityChannel(security: SecurityService, now: () => string, intervalMs: number): LiveChannel {
  return {
    name: 'security',
    minRole: 'admin',
    parse: () => ({ ok: true, filter: {} }),
    open(ws, principal) {
      const scope = scopeOf(principal);
      const frame = (events: unknown[]) => {
        const threats = security.threatList(scope, 'active');
        send(ws, { type: 'security_update', timestamp: now(), events, threats, total_events: security.list(scope).length, total_active_threats: threats.length });
      };
      frame(security.recent(scope, SNAPSHOT_EVENTS));
      const unsubscribe = security.subscribe((change) => {
        if (change.kind === 'event' && inScope(scope, change.event.tenant_id)) frame([change.event]);
        if (change.kind === 'threat' && inScope(scope, change.threat.tenant_id)) frame([]);
      });
      const timer = setInterval(() => frame([]), intervalMs);
      timer.unref();
      return {
        message: () => undefined,
        close() {
          unsubscribe();
          clearInterval(timer);
        },
      };
    },
  };
}
