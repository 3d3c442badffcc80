import type { Dispatcher } from 'undici';
import { createFetchTransport, type Transport } from '../transport';
import { createUndiciTransport } from './undici-transport';

/** Node's default: undici, unless the caller brought a fetch. The browser build swaps this file. */
export function createDefaultTransport(options: {
  fetch?: typeof fetch;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}): Transport & { close?(): Promise<void> } {
  if (options.fetch) return createFetchTransport(options.fetch);
  return createUndiciTransport({ dispatcher: options.dispatcher, timeoutMs: options.timeoutMs });
}
