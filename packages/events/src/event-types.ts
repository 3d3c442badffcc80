/** One event as the SDK hands it to you: the wire envelope in camelCase. */
export interface NovaEvent<TData = Record<string, unknown>> {
  /** Unique per event (`<epoch>:<seq>` from the server, `resync:…` for synthetic ones). */
  id: string;
  /** Stream sequence number within `epoch`; strictly increasing for live events. */
  seq: number;
  /** Identifies one life of the server's stream; a restart starts a new epoch. */
  epoch: string;
  /** `vm.created`, `migration.progress`, `node.failure`, … */
  type: string;
  resourceType: string;
  resourceId: string;
  /** Grows with every change of the resource; never let a lower one overwrite a higher one. */
  resourceVersion: number;
  tenantId: string;
  cloudProvider: string;
  region: string;
  timestamp: string;
  /** Groups the events of one operation (a migration's whole lifecycle). */
  correlationId: string | null;
  data: TData;
  /** True for synthetic events made by a relist after a reset; absent on live events. */
  resync?: true;
}

/** Server-side filter; it travels with the resume cursor, so a resumed stream keeps it. */
export interface EventFilter {
  /** Event types; `vm.*` matches every `vm.` type. */
  types?: string[];
  cloudProviders?: string[];
  regions?: string[];
  resourceTypes?: string[];
  resourceIds?: string[];
}

/** Where the stream is in its life. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'resyncing' | 'reconnecting' | 'closed';

export interface ConnectionStateChange {
  state: ConnectionState;
  previous: ConnectionState;
  /** Why: `heartbeat_timeout`, `closed_by_server`, `cursor_too_old`, `epoch_changed`, `overflow`, … */
  reason?: string;
  /** Milliseconds until the next attempt, when reconnecting. */
  delayMs?: number;
}

/** The resume point: the last sequence seen in an epoch. Persist it to resume across process restarts. */
export interface StreamCursor {
  epoch: string;
  seq: number;
}

/** Counters and gauges of one stream, for dashboards and tests. */
export interface EventStreamMetrics {
  state: ConnectionState;
  cursor: StreamCursor | undefined;
  /** Events that arrived on the socket (before dedupe). */
  received: number;
  /** Events handed to handlers and iterators (live and synthetic). */
  delivered: number;
  /** Events dropped because their sequence was already seen (replays after a reconnect). */
  duplicates: number;
  /** Events dropped because the resource already had a newer (or the listed) version. */
  stale: number;
  bookmarks: number;
  connects: number;
  reconnects: number;
  resets: number;
  resyncEvents: number;
  heartbeatTimeouts: number;
  malformedFrames: number;
  handlerErrors: number;
  /** Times the inbound buffer was full and the overflow policy acted. */
  overflows: number;
  /** Events dropped by the `drop-oldest` policy (always 0 under `pause`). */
  droppedEvents: number;
  bufferedEvents: number;
  maxBufferedEvents: number;
  /** Milliseconds from the last connection attempt to the server's welcome. */
  lastConnectMs: number | undefined;
}
