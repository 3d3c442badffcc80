import { ResponseValidationError, ValidationError } from '@novacron/core';
import { LiveFeed, type LiveFeedOptions } from './live-feed';
import { matchesTypePattern, validateTypePattern } from './internal/type-pattern';

/** One security event from `/api/ws/security/events`, named the way the SDK names events. */
export interface SecurityStreamEvent {
  id: string;
  /** `security.login_failed`, `security.role_changed`, `security.threat_detected`, … */
  type: string;
  /** The server's word (`login_failed`). */
  rawType: string;
  severity: string;
  message: string;
  source: string;
  timestamp: string;
  tenantId: string | null;
  userId: string | null;
  metadata: Record<string, unknown>;
}

/** An active threat as the latest frame listed it. */
export interface SecurityStreamThreat {
  id: string;
  severity: string;
  title: string;
  description: string;
  target: string | null;
  timestamp: string;
}

export interface SecurityEventStreamOptions extends LiveFeedOptions {
  /** Only these SDK event types; `security.login_*` style prefixes and `*` allowed. Filtered here, not on the server. */
  types?: string[];
}

/** How many event ids are remembered to drop the repeats upstream's periodic frames carry. */
const SEEN_IDS = 10_000;

export function securityStreamEventFromWire(value: unknown): SecurityStreamEvent {
  if (typeof value !== 'object' || value === null) throw new ResponseValidationError('Malformed security event: not an object.');
  const w = value as Record<string, unknown>;
  for (const key of ['id', 'type', 'timestamp'] as const) {
    if (typeof w[key] !== 'string') throw new ResponseValidationError(`Malformed security event: ${key} must be a string.`, [{ path: [key], message: 'expected string' }]);
  }
  const rawType = w.type as string;
  return {
    id: w.id as string,
    type: rawType.startsWith('security.') ? rawType : `security.${rawType}`,
    rawType,
    severity: typeof w.severity === 'string' ? w.severity : 'info',
    message: typeof w.message === 'string' ? w.message : '',
    source: typeof w.source === 'string' ? w.source : '',
    timestamp: w.timestamp as string,
    tenantId: typeof w.tenant_id === 'string' ? w.tenant_id : null,
    userId: typeof w.user_id === 'string' ? w.user_id : null,
    metadata: typeof w.metadata === 'object' && w.metadata !== null ? { ...(w.metadata as Record<string, unknown>) } : {},
  };
}

/**
 * The security feed of `/api/ws/security/events` (admin or above): upstream's periodic frame
 * `{events, threats, total_events, total_active_threats}` turned into one item per security event,
 * each once (frames repeat events; ids are remembered), typed `security.<type>`. The active threats
 * of the latest frame are on `threats`.
 */
export class SecurityEventStream extends LiveFeed<SecurityStreamEvent> {
  private readonly latest: { threats: SecurityStreamThreat[]; totalEvents: number | null };

  constructor(options: SecurityEventStreamOptions) {
    const seen = new Set<string>();
    const types = options.types;
    if (types !== undefined && (!Array.isArray(types) || !types.every((t) => typeof t === 'string' && validateTypePattern(t)))) {
      throw new ValidationError('Invalid types: each must be a type or a prefix ending in "*".', [{ path: ['types'], message: 'invalid pattern' }], { code: 'invalid_input' });
    }
    const latest = { threats: [] as SecurityStreamThreat[], totalEvents: null as number | null };
    super(options, {
      path: () => '/api/ws/security/events',
      query: () => ({}),
      items: (frame) => {
        if (frame.type === 'pong') return [];
        if (!Array.isArray(frame.events)) throw new ResponseValidationError('Malformed security frame: events must be a list.', [{ path: ['events'], message: 'expected array' }]);
        if (Array.isArray(frame.threats)) latest.threats = frame.threats.filter(isRecord).map(threatFromWire);
        if (typeof frame.total_events === 'number') latest.totalEvents = frame.total_events;
        const out: SecurityStreamEvent[] = [];
        for (const raw of frame.events) {
          const event = securityStreamEventFromWire(raw);
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value as string);
          if (types && !types.some((pattern) => matchesTypePattern(pattern, event.type))) continue;
          out.push(event);
        }
        return out;
      },
    });
    this.latest = latest;
  }

  /** Active threats as of the latest frame. */
  get threats(): SecurityStreamThreat[] {
    return this.latest.threats.map((t) => ({ ...t }));
  }

  /** The server's count of security events in scope, as of the latest frame. */
  get totalEvents(): number | null {
    return this.latest.totalEvents;
  }
}

function threatFromWire(w: Record<string, unknown>): SecurityStreamThreat {
  const text = (key: string) => (typeof w[key] === 'string' ? (w[key] as string) : '');
  return { id: text('id'), severity: text('severity'), title: text('title'), description: text('description'), target: typeof w.target === 'string' ? w.target : null, timestamp: text('timestamp') };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
