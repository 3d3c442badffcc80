import { createFetchTransport, type OwnedTransport } from '../transport';

/** Browsers and edge runtimes: the platform's fetch; undici never enters the bundle. */
// Same options as the Node twin (core-client passes them all); a dispatcher, the socket timeout and TLS settings only mean something to undici.
export function createDefaultTransport(options: { fetch?: typeof fetch; dispatcher?: unknown; timeoutMs?: number; tls?: unknown; env?: unknown }): OwnedTransport {
  return createFetchTransport(options.fetch ?? globalThis.fetch.bind(globalThis));
}
