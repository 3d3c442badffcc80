import { AlertStream, EventStream, LogStream, SecurityEventStream, nodeSocketFactory, watchVms } from '@novacron/events';

export { AlertStream, EventStream, LogStream, SecurityEventStream, nodeSocketFactory, watchVms };

/** What createClient needs from `@novacron/events`. */
export interface EventClasses {
  EventStream: typeof EventStream;
  watchVms: typeof watchVms;
  AlertStream: typeof AlertStream;
  LogStream: typeof LogStream;
  SecurityEventStream: typeof SecurityEventStream;
  nodeSocketFactory: typeof nodeSocketFactory;
}
