import type { ResilienceEvents } from './resilience-events';
import type { Env } from './internal/env-settings';

export type SharedBreakerChange = { state: 'open'; openUntil: number } | { state: 'closed' };

/** How circuit breakers in several processes tell each other that a route is down. */
export interface SharedBreakerState {
  /** Tell the others (fire and forget: never blocks or fails a call). */
  publish(route: string, change: SharedBreakerChange): void;
  /** Called for changes other processes made. */
  subscribe(listener: (route: string, change: SharedBreakerChange) => void): void;
  /** Ask whether a route is open elsewhere right now; the answer comes through the listener. */
  lookup(route: string): void;
  close(): Promise<void>;
  /** A round trip to the shared store, for health checks; rejects when it does not answer. */
  ping?(): Promise<void>;
}

/** What a factory for shared state is given by the preset: its env and its event bus. */
export interface SharedBreakerStateContext {
  env: Env;
  events: ResilienceEvents;
}

/** Builds the shared state when the preset is built, e.g. `redisBreakerState()` from `@novacron/resilience/redis`. */
export type SharedBreakerStateFactory = (context: SharedBreakerStateContext) => SharedBreakerState;
