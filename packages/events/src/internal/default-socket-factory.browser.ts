import { ConfigError } from '@novacron/core';
import type { EventSocketFactory } from '../event-socket';

/** Browsers: the native WebSocket. It cannot send headers, so the stream authenticates by first message. */
export const defaultSocketFactory: EventSocketFactory = {
  supportsHeaders: false,
  open(url, _headers, handlers) {
    const Native = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!Native) throw new ConfigError('socketFactory', 'no global WebSocket in this environment');
    const ws = new Native(url);
    ws.onopen = () => handlers.open();
    ws.onmessage = (event) => handlers.message(typeof event.data === 'string' ? event.data : String(event.data));
    ws.onerror = () => handlers.error(new Error('WebSocket error'));
    ws.onclose = (event) => handlers.close({ code: event.code, reason: event.reason });
    return {
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
      // The browser offers nothing harsher than close(); detaching the handlers makes the stream move on at once.
      terminate: () => {
        ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
        ws.close();
        handlers.close({ code: 1006, reason: 'terminated' });
      },
    };
  },
};

/** Node only; kept so both builds export the same names. */
export type SocketTlsOptions = Record<string, unknown>;

/** Browsers: the platform decides TLS; the same native factory. */
export function nodeSocketFactory(_tls?: Record<string, unknown>): EventSocketFactory {
  return defaultSocketFactory;
}
