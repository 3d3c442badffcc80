/** The `exp` claim of a JWT in epoch ms, without verifying it (the server does that). */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(decodeBase64Url(payload)) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function decodeBase64Url(input: string): string {
  const base64 = input.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(input.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** Expiry from the server's `expiresAt` (RFC 3339 or epoch), else from the token itself. */
export function expiryOf(token: string, expiresAt: unknown): number | undefined {
  if (typeof expiresAt === 'string') {
    const parsed = Date.parse(expiresAt);
    if (!Number.isNaN(parsed)) return parsed;
  }
  if (typeof expiresAt === 'number' && Number.isFinite(expiresAt)) return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
  return jwtExpiry(token);
}
