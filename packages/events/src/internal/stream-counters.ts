import type { EventStreamMetrics } from '../event-types';

/** The counters of `EventStreamMetrics`; each part of the stream increments its own. */
export type StreamCounters = Omit<EventStreamMetrics, 'state' | 'cursor' | 'bufferedEvents' | 'maxBufferedEvents'>;

export function createStreamCounters(): StreamCounters {
  return {
    received: 0,
    delivered: 0,
    duplicates: 0,
    stale: 0,
    bookmarks: 0,
    connects: 0,
    reconnects: 0,
    resets: 0,
    resyncEvents: 0,
    heartbeatTimeouts: 0,
    malformedFrames: 0,
    handlerErrors: 0,
    overflows: 0,
    droppedEvents: 0,
    lastConnectMs: undefined,
  };
}
