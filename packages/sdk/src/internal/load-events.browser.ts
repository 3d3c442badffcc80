import type { EventClasses } from './event-classes';

/**
 * Browsers import only what the client uses: a dynamic import of the whole package would keep
 * every export of `@novacron/events` in the bundle (a module namespace cannot be tree-shaken).
 */
export function loadEvents(): Promise<EventClasses> {
  return import('./event-classes');
}
