import { ValidationError } from '@novacron/core';
import type { EventHandler } from '../event-stream';
import type { NovaEvent } from '../event-types';
import type { StreamCounters } from './stream-counters';
import { matchesTypePattern, validateTypePattern } from './type-pattern';

/** The handlers registered by type pattern, and the handing of one event to those that match. */
export class EventDispatcher {
  private readonly handlers: { pattern: string; fn: EventHandler }[] = [];
  /** Matching handlers per event type; a stream sees few types, so matching once per type is enough. */
  private readonly byType = new Map<string, EventHandler[]>();

  constructor(
    private readonly counters: Pick<StreamCounters, 'delivered'>,
    private readonly handlerFailed: (error: unknown) => void,
  ) {}

  /** Returns the function that removes the handler again. */
  add(pattern: string, handler: EventHandler): () => void {
    if (!validateTypePattern(pattern)) throw new ValidationError(`Invalid event type pattern "${pattern}".`, [{ path: ['pattern'], message: 'a type, a prefix ending in *, or *' }]);
    const entry = { pattern, fn: handler };
    this.handlers.push(entry);
    this.byType.clear();
    return () => {
      const index = this.handlers.indexOf(entry);
      if (index >= 0) this.handlers.splice(index, 1);
      this.byType.clear();
    };
  }

  /** Calls every matching handler; a promise while any of them is still working on the event. */
  dispatch(event: NovaEvent): Promise<void> | undefined {
    this.counters.delivered++;
    let handlers = this.byType.get(event.type);
    if (!handlers) {
      handlers = this.handlers.filter((h) => matchesTypePattern(h.pattern, event.type)).map((h) => h.fn);
      this.byType.set(event.type, handlers);
    }
    let waits: Promise<void>[] | undefined;
    for (const handler of handlers) {
      try {
        const result = handler(event);
        if (result && typeof (result as Promise<void>).then === 'function') {
          (waits ??= []).push(
            (result as Promise<void>).then(undefined, (error: unknown) => this.handlerFailed(error)),
          );
        }
      } catch (error) {
        this.handlerFailed(error);
      }
    }
    if (!waits) return undefined;
    return waits.length === 1 ? waits[0] : Promise.all(waits).then(() => undefined);
  }
}
