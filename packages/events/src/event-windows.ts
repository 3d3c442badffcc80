import { ConfigError } from '@novacron/core';
import type { NovaEvent } from './event-types';

export type WindowGroupKey = 'type' | 'resourceType' | 'cloudProvider' | 'region' | 'resourceId';

export interface EventWindowOptions {
  /** Tumbling window length, ms of event time. */
  windowMs: number;
  /** Fields whose values form a group; default `['type']`. */
  groupBy?: WindowGroupKey[];
  /** How long after a window's end (in event time) late events are still counted. Default 0. */
  allowedLatenessMs?: number;
  /** Count synthetic `resync` events too. Default false: they are not things that happened. */
  includeResync?: boolean;
}

export interface EventWindow {
  start: string;
  end: string;
  count: number;
  /** Events per second over the window length. */
  ratePerSecond: number;
  /** Count per group; keys are the `groupBy` values joined with `|`, sorted. */
  groups: Record<string, number>;
}

interface OpenWindow {
  startMs: number;
  count: number;
  groups: Map<string, number>;
  ids: Set<string>;
}

/**
 * Counts, rates and group-bys over tumbling windows of *event time* (the event's timestamp,
 * not the clock), closed by a watermark that only events move. The same events in the same order
 * give the same windows, and a replayed event (same id) is never counted twice.
 */
export class EventWindowAggregator {
  private readonly windowMs: number;
  private readonly groupBy: WindowGroupKey[];
  private readonly latenessMs: number;
  private readonly includeResync: boolean;
  private readonly open = new Map<number, OpenWindow>();
  private watermark = Number.NEGATIVE_INFINITY;
  private closedBefore = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<(window: EventWindow) => void>();
  /** Events that arrived after their window had closed. */
  lateEvents = 0;

  constructor(options: EventWindowOptions) {
    if (!(options.windowMs > 0)) throw new ConfigError('windowMs', 'must be a positive number');
    this.windowMs = options.windowMs;
    this.groupBy = options.groupBy ?? ['type'];
    this.latenessMs = options.allowedLatenessMs ?? 0;
    this.includeResync = options.includeResync ?? false;
  }

  onWindow(listener: (window: EventWindow) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds one event; returns the windows it closed (also sent to `onWindow` listeners). */
  add(event: NovaEvent): EventWindow[] {
    if (event.resync && !this.includeResync) return [];
    const time = Date.parse(event.timestamp);
    if (Number.isNaN(time)) return [];
    const startMs = Math.floor(time / this.windowMs) * this.windowMs;
    if (startMs < this.closedBefore) {
      this.lateEvents++;
    } else {
      let window = this.open.get(startMs);
      if (!window) {
        window = { startMs, count: 0, groups: new Map(), ids: new Set() };
        this.open.set(startMs, window);
      }
      if (!window.ids.has(event.id)) {
        window.ids.add(event.id);
        window.count++;
        const key = this.groupBy.map((field) => event[field]).join('|');
        window.groups.set(key, (window.groups.get(key) ?? 0) + 1);
      }
    }
    if (time > this.watermark) this.watermark = time;
    return this.closeUpTo(this.watermark - this.latenessMs);
  }

  /** Closes every open window (end of input). */
  flush(): EventWindow[] {
    return this.closeUpTo(Number.POSITIVE_INFINITY);
  }

  private closeUpTo(limit: number): EventWindow[] {
    const closing = [...this.open.values()].filter((w) => w.startMs + this.windowMs <= limit).sort((a, b) => a.startMs - b.startMs);
    // Every window that ends by the limit is closed, opened or not; later events for it are late.
    if (Number.isFinite(limit)) this.closedBefore = Math.max(this.closedBefore, Math.floor(limit / this.windowMs) * this.windowMs);
    const out: EventWindow[] = [];
    for (const window of closing) {
      this.open.delete(window.startMs);
      this.closedBefore = Math.max(this.closedBefore, window.startMs + this.windowMs);
      const groups: Record<string, number> = {};
      for (const key of [...window.groups.keys()].sort()) groups[key] = window.groups.get(key)!;
      const result: EventWindow = {
        start: new Date(window.startMs).toISOString(),
        end: new Date(window.startMs + this.windowMs).toISOString(),
        count: window.count,
        ratePerSecond: window.count / (this.windowMs / 1000),
        groups,
      };
      out.push(result);
      for (const listener of this.listeners) listener(result);
    }
    return out;
  }
}
