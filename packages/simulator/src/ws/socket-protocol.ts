import type { EventEnvelope } from '../events/event-log';

/** The filter a client subscribes with (wire, snake_case). Every list is OR-ed; lists are AND-ed. */
export interface WireEventFilter {
  /** Event types; `vm.*` matches every `vm.` type, `*` matches all. */
  types?: string[];
  providers?: string[];
  regions?: string[];
  resource_types?: string[];
  resource_ids?: string[];
}

/** Messages the server sends on `/api/ws/events`. Documented in docs/api/events.md. */
export type ServerEventMessage =
  | {
      type: 'welcome';
      epoch: string;
      last_seq: number;
      first_seq: number;
      heartbeat_interval_ms: number;
      bookmark_interval_ms: number;
      tenant_id: string;
      filters: WireEventFilter;
    }
  | { type: 'events'; events: EventEnvelope[] }
  | { type: 'bookmark'; epoch: string; seq: number }
  | { type: 'reset'; reason: 'cursor_too_old' | 'epoch_changed'; epoch: string; seq: number }
  | { type: 'subscribed'; filters: WireEventFilter; epoch: string; seq: number }
  | { type: 'pong'; id?: string | number; timestamp: string }
  | { type: 'error'; code: string; message: string };

/** Messages a client may send. */
export type ClientEventMessage =
  | { type: 'auth'; token: string }
  | { type: 'subscribe' | 'update_filters'; filters: WireEventFilter }
  | { type: 'resume'; epoch?: string; seq: number }
  | { type: 'ping'; id?: string | number };

/** WebSocket close codes of the events protocol (4000–4999 is the application range). */
export const CLOSE_CODES = {
  unauthorized: 4401,
  authTimeout: 4408,
  slowConsumer: 4429,
  serverShutdown: 1001,
} as const;
