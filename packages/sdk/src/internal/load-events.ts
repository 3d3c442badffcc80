import type { EventClasses } from './event-classes';

/** Loaded on first use, so a client that never streams never loads `ws`. The browser build swaps this file. */
export function loadEvents(): Promise<EventClasses> {
  return import('@novacron/events');
}
