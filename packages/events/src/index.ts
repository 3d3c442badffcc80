export { EventStream, type EventStreamOptions, type EventHandler, type OverflowPolicy } from './event-stream';
export type {
  NovaEvent,
  EventFilter,
  ConnectionState,
  ConnectionStateChange,
  StreamCursor,
  EventStreamMetrics,
} from './event-types';
export { eventFromWire, filterToWire } from './event-mapper';
export type { EventSocket, EventSocketFactory, EventSocketHandlers } from './event-socket';
export { nodeSocketFactory, type SocketTlsOptions } from './internal/default-socket-factory';
export { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
export { EventOverflowError } from './event-overflow-error';
export type { ResourceLister, ListResult } from './resource-lister';
export { Informer, type InformerOptions, type InformerChange, type InformerListener } from './informer';
export { watchVms, type WatchVmsOptions } from './watch-vms';
export { EventWindowAggregator, type EventWindow, type EventWindowOptions, type WindowGroupKey } from './event-windows';
export {
  EventCorrelator,
  type CorrelationGroup,
  type CorrelationStatus,
  type EventCorrelatorOptions,
} from './event-correlator';
export { LiveFeed, type FeedProtocol, type LiveFeedOptions, type LiveFeedMetrics } from './live-feed';
export { AlertStream, alertNoticeFromWire, type AlertNotice, type AlertChange, type AlertFilter, type AlertStreamOptions } from './alert-stream';
export { LogStream, logEntryFromWire, LOG_SOURCES, LOG_LEVELS, type LogEntry, type LogFilter, type LogLevel, type LogSource, type LogStreamOptions } from './log-stream';
export {
  SecurityEventStream,
  securityStreamEventFromWire,
  type SecurityStreamEvent,
  type SecurityStreamThreat,
  type SecurityEventStreamOptions,
} from './security-event-stream';
