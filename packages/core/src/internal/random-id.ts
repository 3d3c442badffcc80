/**
 * Hex of `n` random bytes. Trace and span ids need to be unique, not secret, so Math.random is
 * enough and far cheaper per request than Web Crypto.
 */
export function randomHex(n: number): string {
  let hex = '';
  while (hex.length < n * 2) hex += ((Math.random() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return hex.slice(0, n * 2);
}

/** A v4 UUID from Web Crypto (Node 20 and browsers both have it): ids the server may log and dedupe on. */
export function randomId(): string {
  return crypto.randomUUID();
}
