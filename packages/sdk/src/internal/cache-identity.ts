import { hashSecret, type IdentityResolver } from '@novacron/cache';
import type { CoreClient } from '@novacron/core';

/**
 * Whose view a cached GET is: the logged-in user (tenant and id, stable across token refreshes)
 * or, for a static token, a hash of it. Calls without a token share the `public` view.
 */
export function cacheIdentity(core: CoreClient): IdentityResolver {
  return async (request) => {
    if (!request.authenticate) return 'public';
    const token = await core.currentToken(request.signal);
    if (token === undefined) return undefined;
    const user = core.session?.user as { id?: unknown; tenant_id?: unknown; tenantId?: unknown } | undefined;
    if (user?.id !== undefined) return `user:${String(user.tenant_id ?? user.tenantId ?? '')}:${String(user.id)}`;
    return hashSecret(token);
  };
}
