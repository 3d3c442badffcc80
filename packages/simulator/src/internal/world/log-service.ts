import type { EventEnvelope } from '../../events/event-log';
import type { SecurityChange } from './security-service';
import type { World } from './world';

export const LOG_SOURCES = ['vm', 'system', 'audit'] as const;
export type LogSource = (typeof LOG_SOURCES)[number];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Upstream's `LogMessage` (`backend/api/websocket/handlers.go`), plus the tenant it belongs to. */
export interface LogRecord {
  type: 'log';
  source: LogSource;
  level: LogLevel;
  message: string;
  timestamp: string;
  component: string;
  vm_id?: string;
  labels?: Record<string, string>;
  metadata?: Record<string, unknown>;
  tenant_id: string;
}

export type LogListener = (record: LogRecord) => void;

const BUFFER = 1_000;

/**
 * Log lines written from what happens in the world: VM and migration activity (`vm`), nodes and
 * everything else (`system`), and the security log (`audit`). Upstream's log socket has no
 * producer at all; these give it something true to say.
 */
export class LogService {
  private readonly buffer: LogRecord[] = [];
  private readonly listeners = new Set<LogListener>();

  constructor(private readonly world: World) {
    world.events.subscribe((event) => {
      if (!event.type.startsWith('security.')) this.write(fromEvent(event));
    });
  }

  /** Wired by the world once the security log exists. */
  fromSecurity(change: SecurityChange): void {
    if (change.kind !== 'event') return;
    const { event } = change;
    this.write({
      type: 'log',
      source: 'audit',
      level: event.severity === 'info' || event.severity === 'low' ? 'info' : event.severity === 'medium' ? 'warn' : 'error',
      message: event.message,
      timestamp: event.timestamp,
      component: event.source,
      labels: { event_type: event.type, ...(event.user_id !== null && { user_id: event.user_id }) },
      metadata: { security_event_id: event.id },
      tenant_id: event.tenant_id,
    });
  }

  recent(): readonly LogRecord[] {
    return this.buffer;
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(record: LogRecord): void {
    this.buffer.push(record);
    if (this.buffer.length > BUFFER) this.buffer.shift();
    for (const listener of this.listeners) listener(record);
  }
}

function fromEvent(event: EventEnvelope): LogRecord {
  const data = event.data as { vm?: { name?: string }; from?: string; to?: string; error_message?: string; migration?: { vm_id?: string; progress?: number } };
  const base = { type: 'log' as const, timestamp: event.timestamp, tenant_id: event.tenant_id, labels: { event_type: event.type } };
  if (event.resource_type === 'vm') {
    const name = data.vm?.name ?? event.resource_id;
    const level: LogLevel = event.type === 'vm.failed' || data.to === 'failed' ? 'error' : event.type === 'vm.performance_degraded' ? 'warn' : event.type === 'vm.metrics_updated' ? 'debug' : 'info';
    const message =
      event.type === 'vm.state_changed' ? `VM ${name}: ${data.from} -> ${data.to}` : event.type === 'vm.failed' ? `VM ${name} failed: ${data.error_message ?? 'unknown'}` : `${event.type} ${name}`;
    return { ...base, source: 'vm', level, message, component: 'vm-manager', vm_id: event.resource_id };
  }
  if (event.resource_type === 'migration') {
    const level: LogLevel = event.type === 'migration.failed' ? 'error' : event.type === 'migration.progress' ? 'debug' : 'info';
    const vmId = data.migration?.vm_id;
    return { ...base, source: 'vm', level, message: `${event.type} ${event.resource_id}`, component: 'migration', ...(vmId !== undefined && { vm_id: vmId }) };
  }
  if (event.resource_type === 'node') {
    const level: LogLevel = event.type === 'node.failure' ? 'error' : 'info';
    return { ...base, source: 'system', level, message: `${event.type} ${event.resource_id}`, component: 'node-monitor' };
  }
  return { ...base, source: 'system', level: 'info', message: `${event.type} ${event.resource_id}`, component: event.resource_type };
}
