import { ResponseValidationError, ValidationError } from '@novacron/core';
import { LiveFeed, type LiveFeedOptions } from './live-feed';

/** Upstream's log sources (`/api/ws/logs/{source}`). */
export const LOG_SOURCES = ['vm', 'system', 'audit'] as const;
export type LogSource = (typeof LOG_SOURCES)[number];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One line of `/api/ws/logs` (upstream `LogMessage`), camelCase. */
export interface LogEntry {
  source: string;
  level: string;
  message: string;
  timestamp: string;
  component: string | null;
  vmId: string | null;
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
}

export interface LogFilter {
  /** The least severe level wanted (`debug` < `info` < `warn` < `error`). */
  level?: LogLevel;
  components?: string[];
  vmId?: string;
}

export interface LogStreamOptions extends LiveFeedOptions, LogFilter {
  /** One source only (`/api/ws/logs/{source}`); all sources when absent. */
  source?: LogSource;
}

export function logEntryFromWire(frame: Record<string, unknown>): LogEntry | undefined {
  if (frame.type === 'pong' || frame.message === undefined) return undefined;
  const { source, level, message, timestamp } = frame;
  if (typeof source !== 'string' || typeof level !== 'string' || typeof message !== 'string' || typeof timestamp !== 'string') {
    throw new ResponseValidationError('Malformed log message: source, level, message and timestamp must be strings.', [{ path: [], message: 'expected LogMessage' }]);
  }
  const labels = typeof frame.labels === 'object' && frame.labels !== null ? (frame.labels as Record<string, unknown>) : {};
  return {
    source,
    level,
    message,
    timestamp,
    component: typeof frame.component === 'string' ? frame.component : null,
    vmId: typeof frame.vm_id === 'string' ? frame.vm_id : null,
    labels: Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    metadata: typeof frame.metadata === 'object' && frame.metadata !== null ? { ...(frame.metadata as Record<string, unknown>) } : {},
  };
}

/**
 * Live log lines from `/api/ws/logs` or `/api/ws/logs/{source}` (admin or above), filtered by
 * level, component and VM on the server. `for await (const line of stream)`; `close()` or leaving
 * the loop ends it.
 */
export class LogStream extends LiveFeed<LogEntry> {
  private readonly current: { filter: LogFilter };
  readonly source: LogSource | undefined;

  constructor(options: LogStreamOptions) {
    if (options.source !== undefined && !(LOG_SOURCES as readonly string[]).includes(options.source)) {
      throw new ValidationError(`Invalid source: must be one of ${LOG_SOURCES.join(', ')}.`, [{ path: ['source'], message: 'unknown source' }], { code: 'invalid_input' });
    }
    const current = { filter: checkFilter({ level: options.level, components: options.components, vmId: options.vmId }) };
    const source = options.source;
    super(options, {
      path: () => (source ? `/api/ws/logs/${source}` : '/api/ws/logs'),
      query: () => ({ level: current.filter.level, components: current.filter.components?.join(','), vm_id: current.filter.vmId }),
      items: (frame) => {
        const entry = logEntryFromWire(frame);
        return entry ? [entry] : [];
      },
    });
    this.current = current;
    this.source = source;
  }

  /** Replaces the filter on the open socket (`update_filters`, resolved once applied) and for later reconnects. */
  setFilter(filter: LogFilter): Promise<void> {
    this.current.filter = checkFilter(filter);
    const f = this.current.filter;
    return this.sendAndAwait(
      { type: 'update_filters', filters: { ...(f.level && { level: f.level }), ...(f.components && { components: f.components }), ...(f.vmId && { vm_id: f.vmId }) } },
      'filters_updated',
    );
  }
}

function checkFilter(filter: LogFilter): LogFilter {
  if (filter.level !== undefined && !(LOG_LEVELS as readonly string[]).includes(filter.level)) {
    throw new ValidationError(`Invalid level: must be one of ${LOG_LEVELS.join(', ')}.`, [{ path: ['level'], message: 'unknown level' }], { code: 'invalid_input' });
  }
  if (filter.components !== undefined && (!Array.isArray(filter.components) || filter.components.some((c) => typeof c !== 'string' || c === '' || c.includes(',')))) {
    throw new ValidationError('Invalid components: must be non-empty names without commas.', [{ path: ['components'], message: 'invalid list' }], { code: 'invalid_input' });
  }
  if (filter.vmId !== undefined && (typeof filter.vmId !== 'string' || filter.vmId === '')) {
    throw new ValidationError('Invalid vmId: must be a non-empty id.', [{ path: ['vmId'], message: 'invalid id' }], { code: 'invalid_input' });
  }
  return { ...filter, ...(filter.components && { components: [...filter.components] }) };
}
