import { createRequire } from 'node:module';
import type * as Ws from 'ws';
import type { EventSocketFactory } from '../event-socket';

/** TLS for `wss://` (node:tls connection options: a private CA, a client certificate, a minimum version). */
export type SocketTlsOptions = Record<string, unknown>;

let wsModule: typeof Ws | undefined;

/**
 * `ws`, loaded with the first connection rather than with the package: a client that never opens a
 * stream never pays for it (6–9 ms of a cold start). Synchronous, as `open()` is.
 */
function loadWs(): typeof Ws {
  if (wsModule === undefined) {
    wsModule = createRequire(import.meta.url)('ws') as typeof Ws;
  }
  return wsModule;
}

/** Node: the `ws` package, which can send the Bearer header on the upgrade; `tls` goes to every `wss://` connection. */
export function nodeSocketFactory(tls?: SocketTlsOptions): EventSocketFactory {
  return {
    supportsHeaders: true,
    open(url, headers, handlers) {
      const ws = new (loadWs().WebSocket)(url, { ...tls, headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
      let refusedStatus: number | undefined;
      ws.on('open', () => handlers.open());
      ws.on('message', (data, isBinary) => handlers.message(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString()));
      ws.on('unexpected-response', (_req, res) => {
        refusedStatus = res.statusCode;
        res.resume();
        ws.terminate();
      });
      ws.on('error', (error) => handlers.error(error));
      ws.on('close', (code, reason) => handlers.close({ code, reason: reason.toString(), status: refusedStatus }));
      return {
        send: (text) => ws.send(text),
        close: (code, reason) => ws.close(code, reason),
        terminate: () => ws.terminate(),
      };
    },
  };
}

export const defaultSocketFactory: EventSocketFactory = nodeSocketFactory();
