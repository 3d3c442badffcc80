import { EventStream, watchVms } from '@novacron/events';

export { EventStream, watchVms };

/** What createClient needs from `@novacron/events`. */
export interface EventClasses {
  EventStream: typeof EventStream;
  watchVms: typeof watchVms;
}
