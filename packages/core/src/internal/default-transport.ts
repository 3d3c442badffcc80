import type { Dispatcher } from 'undici';
import type { TlsOptions } from '../config';
import { createFetchTransport, type PoolStats, type Transport } from '../transport';
import { resolveTls } from './node-tls';
import { createUndiciTransport } from './undici-transport';

/** Node's default: undici, unless the caller brought a fetch. The browser build swaps this file. */
export function createDefaultTransport(options: {
  fetch?: typeof fetch;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  tls?: TlsOptions;
  env?: Record<string, string | undefined>;
}): Transport & { close?(): Promise<void>; poolStats?(): Record<string, PoolStats> } {
  if (options.fetch) return createFetchTransport(options.fetch);
  const tls = options.dispatcher ? undefined : resolveTls(options.tls, options.env ?? process.env);
  return createUndiciTransport({ dispatcher: options.dispatcher, timeoutMs: options.timeoutMs, tls });
}
