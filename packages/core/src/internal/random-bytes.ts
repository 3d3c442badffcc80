/** Hex of `n` random bytes through Web Crypto, which Node 20 and browsers both have. */
export function randomBytes(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

export function randomId(): string {
  return crypto.randomUUID();
}
