import type { Dispatcher } from 'undici';
import type { TlsOptions } from '../config';
import { createFetchTransport, type OwnedTransport } from '../transport';
import { resolveTls } from './node-tls';
import { createUndiciTransport } from './undici-transport';

/** Node's default: undici, unless the caller brought a fetch. The browser build swaps this file. */
export function createDefaultTransport(options: {
  fetch?: typeof fetch;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  tls?: TlsOptions;
  env?: Record<string, string | undefined>;
}): OwnedTransport {
  if (options.fetch) return createFetchTransport(options.fetch);
  const tls = options.dispatcher ? undefined : resolveTls(options.tls, options.env ?? process.env);
  // The resolved settings ride along, so event streams (wss://) connect with the same CA and certificate.
  return Object.assign(createUndiciTransport({ dispatcher: options.dispatcher, timeoutMs: options.timeoutMs, tls }), { tls: tls as Record<string, unknown> | undefined });
}
