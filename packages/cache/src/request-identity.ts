import type { NovaRequest } from '@novacron/core';

/** Who a cached response belongs to; undefined means "do not cache this call". */
export type IdentityResolver = (request: NovaRequest) => string | undefined | Promise<string | undefined>;

/**
 * The default: `request.context.identity` (or `tenant` / `tenantId`) when a policy set it, else a
 * hash of the Authorization header, else "public" for calls that carry no credentials. A call
 * that authenticates but shows no identity yet is not cached: two tenants must never share an entry.
 */
export const defaultIdentity: IdentityResolver = (request) => {
  for (const name of ['identity', 'tenant', 'tenantId']) {
    const value = request.context[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  const auth = request.headers['authorization'];
  if (auth) return hashSecret(auth);
  return request.authenticate ? undefined : 'public';
};

/**
 * Identity from the token the client will send, for pipelines where the auth policy runs after
 * the cache: `tokenIdentity(() => auth.getToken())`. Keys hold a hash, never the token.
 */
export function tokenIdentity(getToken: () => string | undefined | Promise<string | undefined>): IdentityResolver {
  return async (request) => {
    if (!request.authenticate) return 'public';
    const token = await getToken();
    return token ? hashSecret(token) : undefined;
  };
}

const memo = { secret: '', hash: Promise.resolve('') };

/** SHA-256 (Web Crypto: Node and browsers), hex, memoised for the last secret seen. */
export function hashSecret(secret: string): Promise<string> {
  if (secret === memo.secret) return memo.hash;
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return Promise.reject(new Error('Web Crypto is not available to hash the cache identity.'));
  memo.secret = secret;
  memo.hash = subtle.digest('SHA-256', new TextEncoder().encode(secret)).then((buf) =>
    Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join(''),
  );
  return memo.hash;
}
