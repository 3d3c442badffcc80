import { NovaCronError } from '@novacron/core';

/** The stream's inbound buffer was full under the `error` overflow policy; the stream is closed. */
export class EventOverflowError extends NovaCronError {
  static override readonly kind: string = 'EventOverflowError';
  readonly maxEvents: number;
  constructor(maxEvents: number) {
    super(`Event buffer overflow: more than ${maxEvents} events waiting for slow handlers.`, { code: 'event_overflow' });
    this.maxEvents = maxEvents;
  }
}
