import { ResponseValidationError, ValidationError } from '@novacron/core';
import { LiveFeed, type LiveFeedOptions } from './live-feed';

/** What happened to the alert: upstream's `type`, named. Unknown types pass through as they are. */
export type AlertChange = 'fired' | 'updated' | 'resolved' | 'acknowledged' | (string & {});

/** One message of `/api/ws/alerts` (upstream `AlertMessage`), camelCase. */
export interface AlertNotice {
  change: AlertChange;
  /** The server's message type (`alert`, `alert_resolved`, …). */
  type: string;
  alertId: string;
  severity: string;
  title: string;
  description: string;
  source: string;
  timestamp: string;
  labels: Record<string, string>;
  /** The alert's state: `status`, `metric`, `value`, `threshold`, `vm_id`, … as the server sends them. */
  metadata: Record<string, unknown>;
}

export interface AlertFilter {
  /** Only these severities (`warning`, `critical`). */
  severities?: string[];
  /** Only these sources (`vm`, `node`). */
  sources?: string[];
}

export interface AlertStreamOptions extends LiveFeedOptions, AlertFilter {}

const CHANGES: Record<string, AlertChange> = { alert: 'fired', alert_updated: 'updated', alert_resolved: 'resolved', alert_acknowledged: 'acknowledged' };

export function alertNoticeFromWire(frame: Record<string, unknown>): AlertNotice | undefined {
  if (frame.type === 'pong') return undefined;
  if (typeof frame.alert_id !== 'string') return undefined;
  const text = (key: string) => (typeof frame[key] === 'string' ? (frame[key] as string) : '');
  if (typeof frame.severity !== 'string' || typeof frame.timestamp !== 'string') {
    throw new ResponseValidationError('Malformed alert message: severity and timestamp must be strings.', [{ path: ['severity'], message: 'expected string' }]);
  }
  const type = text('type');
  return {
    change: CHANGES[type] ?? type,
    type,
    alertId: frame.alert_id,
    severity: frame.severity,
    title: text('title'),
    description: text('description'),
    source: text('source'),
    timestamp: frame.timestamp,
    labels: isRecord(frame.labels) ? Object.fromEntries(Object.entries(frame.labels).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {},
    metadata: isRecord(frame.metadata) ? { ...frame.metadata } : {},
  };
}

/**
 * Live alerts from `/api/ws/alerts` (viewer or above): fired, escalated, resolved and acknowledged,
 * scoped to the caller's tenant, filtered by severity and source on the server. Use `for await`
 * or `on()`; `close()` (or leaving the loop) ends it.
 */
export class AlertStream extends LiveFeed<AlertNotice> {
  /** Read by the protocol on every connection, so a reconnect carries the latest filter. */
  private readonly current: { filter: AlertFilter };

  constructor(options: AlertStreamOptions) {
    const current = { filter: checkFilter({ severities: options.severities, sources: options.sources }) };
    super(options, {
      path: () => '/api/ws/alerts',
      query: () => ({ severity: current.filter.severities?.join(','), sources: current.filter.sources?.join(',') }),
      items: (frame) => {
        const notice = alertNoticeFromWire(frame);
        return notice ? [notice] : [];
      },
    });
    this.current = current;
  }

  /** Replaces the filter on the open socket (`update_filters`, resolved once applied) and for later reconnects. */
  setFilter(filter: AlertFilter): Promise<void> {
    this.current.filter = checkFilter(filter);
    return this.sendAndAwait({ type: 'update_filters', filters: { severity: this.current.filter.severities ?? [], sources: this.current.filter.sources ?? [] } }, 'filters_updated');
  }
}

function checkFilter(filter: AlertFilter): AlertFilter {
  for (const key of ['severities', 'sources'] as const) {
    const list = filter[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length === 0 || item.includes(',')))) {
      throw new ValidationError(`Invalid ${key}: must be a list of non-empty strings without commas.`, [{ path: [key], message: 'invalid list' }], { code: 'invalid_input' });
    }
  }
  return { ...(filter.severities && { severities: [...filter.severities] }), ...(filter.sources && { sources: [...filter.sources] }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
