import type { EventHandler } from '../event-stream';
import type { NovaEvent } from '../event-types';

/** What an iterator needs from its stream. */
export interface EventIteratorSource {
  /** Adds a handler for every event; returns its removal. */
  subscribe(handler: EventHandler): () => void;
  /** Calls `end` when the stream closes; returns its removal. */
  onEnd(end: () => void): () => void;
  start(): void;
}

/**
 * An async iterator over a stream's events. The iterator is one more handler; it holds the pump
 * until the consumer pulls, so the stream's inbox stays the only buffer and its overflow policy
 * covers iterators too.
 */
export function eventIterator(source: EventIteratorSource): AsyncIterator<NovaEvent> {
  let waiting: ((result: IteratorResult<NovaEvent>) => void) | undefined;
  let held: { event: NovaEvent; release: () => void } | undefined;
  let done = false;
  const finish = () => {
    done = true;
    unsubscribe();
    forgetEnd();
    held?.release();
    held = undefined;
    waiting?.({ done: true, value: undefined });
    waiting = undefined;
  };
  const unsubscribe = source.subscribe((event) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ done: false, value: event });
      return;
    }
    return new Promise<void>((release) => {
      held = { event, release };
    });
  });
  const forgetEnd = source.onEnd(finish);
  source.start();
  return {
    next: () => {
      if (held) {
        const { event, release } = held;
        held = undefined;
        release();
        return Promise.resolve({ done: false, value: event });
      }
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: () => {
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}
