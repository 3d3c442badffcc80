import { createFetchTransport, type Transport } from '../transport';

/** Browsers and edge runtimes: the platform's fetch; undici never enters the bundle. */
export function createDefaultTransport(options: { fetch?: typeof fetch }): Transport & { close?(): Promise<void> } {
  return createFetchTransport(options.fetch ?? globalThis.fetch.bind(globalThis));
}
