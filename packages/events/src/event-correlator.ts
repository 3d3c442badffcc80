import { ConfigError } from '@novacron/core';
import type { NovaEvent } from './event-types';

export type CorrelationStatus = 'open' | 'completed' | 'failed' | 'timed_out' | 'evicted';

export interface CorrelationGroup {
  correlationId: string;
  status: CorrelationStatus;
  /** In arrival order, each id once. */
  events: NovaEvent[];
  resourceIds: string[];
  startedAt: string;
  lastAt: string;
  /** From the first to the last event, in event time. */
  durationMs: number;
}

export interface EventCorrelatorOptions {
  /** Event types that end a group, and how. Default: `migration.completed` → completed, `migration.failed` → failed. */
  terminalTypes?: Record<string, 'completed' | 'failed'>;
  /** A group with no event for this long (event time) is closed as `timed_out`. Default 1 hour. */
  idleTimeoutMs?: number;
  /** More open groups than this evicts the least recently active one. Default 10 000. */
  maxOpenGroups?: number;
  /** Events kept per group; later ones are counted but not stored. Default 1 000. */
  maxEventsPerGroup?: number;
}

const DEFAULT_TERMINALS: Record<string, 'completed' | 'failed'> = {
  'migration.completed': 'completed',
  'migration.failed': 'failed',
};

/**
 * Groups events by correlation id: a migration's `started → progress… → completed|failed`, plus
 * the `vm.migrated` and state changes it caused, become one group. Only event time and event
 * order matter, so replaying the same events yields the same groups; a replayed id is ignored,
 * and an event for a group that already ended does not reopen it.
 */
export class EventCorrelator {
  private readonly terminals: Record<string, 'completed' | 'failed'>;
  private readonly idleMs: number;
  private readonly maxOpen: number;
  private readonly maxEvents: number;
  private readonly groups = new Map<string, CorrelationGroup & { ids: Set<string>; lastMs: number; firstMs: number }>();
  private readonly ended = new Map<string, true>();
  private readonly listeners = new Set<(group: CorrelationGroup) => void>();
  evicted = 0;

  constructor(options: EventCorrelatorOptions = {}) {
    this.terminals = options.terminalTypes ?? DEFAULT_TERMINALS;
    this.idleMs = options.idleTimeoutMs ?? 3_600_000;
    this.maxOpen = options.maxOpenGroups ?? 10_000;
    this.maxEvents = options.maxEventsPerGroup ?? 1_000;
    if (!(this.maxOpen >= 1)) throw new ConfigError('maxOpenGroups', 'must be at least 1');
    if (!(this.idleMs > 0)) throw new ConfigError('idleTimeoutMs', 'must be positive');
  }

  /** Called with every group that closes, for whatever reason. */
  onGroup(listener: (group: CorrelationGroup) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(correlationId: string): CorrelationGroup | undefined {
    const group = this.groups.get(correlationId);
    return group ? publicView(group) : undefined;
  }

  openGroups(): CorrelationGroup[] {
    return [...this.groups.values()].map(publicView);
  }

  /** Adds one event; returns the groups it closed. */
  add(event: NovaEvent): CorrelationGroup[] {
    const closed: CorrelationGroup[] = [];
    const time = Date.parse(event.timestamp);
    if (!Number.isNaN(time)) {
      for (const group of [...this.groups.values()]) {
        if (group.correlationId !== event.correlationId && time - group.lastMs > this.idleMs) closed.push(this.end(group, 'timed_out'));
      }
    }
    const id = event.correlationId;
    if (id === null || event.resync || this.ended.has(id)) return closed;
    let group = this.groups.get(id);
    if (!group) {
      const at = Number.isNaN(time) ? 0 : time;
      group = {
        correlationId: id,
        status: 'open',
        events: [],
        resourceIds: [],
        startedAt: event.timestamp,
        lastAt: event.timestamp,
        durationMs: 0,
        ids: new Set(),
        firstMs: at,
        lastMs: at,
      };
      this.groups.set(id, group);
      if (this.groups.size > this.maxOpen) closed.push(this.evictOldest(id));
    }
    if (group.ids.has(event.id)) return closed;
    group.ids.add(event.id);
    if (group.events.length < this.maxEvents) group.events.push(event);
    if (!group.resourceIds.includes(event.resourceId)) group.resourceIds.push(event.resourceId);
    if (!Number.isNaN(time) && time >= group.lastMs) {
      group.lastMs = time;
      group.lastAt = event.timestamp;
    }
    group.durationMs = group.lastMs - group.firstMs;
    const terminal = this.terminals[event.type];
    if (terminal) closed.push(this.end(group, terminal));
    return closed;
  }

  private evictOldest(except: string): CorrelationGroup {
    let oldest: (CorrelationGroup & { lastMs: number; ids: Set<string>; firstMs: number }) | undefined;
    for (const group of this.groups.values()) {
      if (group.correlationId === except) continue;
      // Ties break on the id, so the choice does not depend on map order.
      if (!oldest || group.lastMs < oldest.lastMs || (group.lastMs === oldest.lastMs && group.correlationId < oldest.correlationId)) oldest = group;
    }
    this.evicted++;
    return this.end(oldest!, 'evicted');
  }

  private end(group: CorrelationGroup & { ids: Set<string>; lastMs: number; firstMs: number }, status: CorrelationStatus): CorrelationGroup {
    group.status = status;
    this.groups.delete(group.correlationId);
    this.ended.set(group.correlationId, true);
    // Remember ended ids boundedly, so memory does not grow with every migration ever seen.
    if (this.ended.size > this.maxOpen * 10) this.ended.delete(this.ended.keys().next().value!);
    const view = publicView(group);
    for (const listener of this.listeners) listener(view);
    return view;
  }
}

function publicView(group: CorrelationGroup): CorrelationGroup {
  return {
    correlationId: group.correlationId,
    status: group.status,
    events: [...group.events],
    resourceIds: [...group.resourceIds],
    startedAt: group.startedAt,
    lastAt: group.lastAt,
    durationMs: group.durationMs,
  };
}
