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
