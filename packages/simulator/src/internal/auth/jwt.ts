import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the simulator puts in every token it signs (upstream canonical claims plus rotation bookkeeping). */
export interface TokenClaims {
  user_id: string;
  username: string;
  email: string;
  role: string;
  roles: string[];
  tenant_id: string;
  session_id: string;
  token_type: 'access' | 'pending_2fa';
  /** Present on a token that only proves the password: upstream's `purpose:"pending_2fa"`. */
  purpose?: 'pending_2fa';
  iat: number;
  exp: number;
  jti: string;
}

export type JwtVerification =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signJwt(claims: TokenClaims, secret: string): string {
  const payload = base64url(JSON.stringify(claims));
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, secret)}`;
}

/** Checks the HS256 signature and `exp`; it says nothing about revocation (the session store does). */
export function verifyJwt(token: string, secret: string, nowMs: number = Date.now()): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let claims: TokenClaims;
  try {
    const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (decodedHeader.alg !== 'HS256') return { ok: false, reason: 'malformed' };
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.user_id !== 'string') return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
