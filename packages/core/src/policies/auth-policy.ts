import type { AuthProvider } from '../auth/auth-provider';
import { AuthenticationError } from '../errors';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';

/**
 * Puts the bearer token on every attempt. On a 401 it asks the provider to renew once and replays
 * the attempt once; a second 401 is the caller's to see.
 */
export class AuthPolicy implements Policy {
  readonly name = 'auth';
  constructor(private readonly provider: AuthProvider) {}

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (!request.authenticate) return next(request);
    const token = await this.provider.getToken(request.signal);
    if (token === undefined) return next(request);
    request.headers['authorization'] = `Bearer ${token}`;
    try {
      return await next(request);
    } catch (error) {
      if (!(error instanceof AuthenticationError) || request.context['authReplayed']) throw error;
      request.context['authReplayed'] = true;
      if (!(await this.provider.onUnauthorized(token, request.signal))) throw error;
      const fresh = await this.provider.getToken(request.signal);
      if (fresh === undefined || fresh === token) throw error;
      request.headers['authorization'] = `Bearer ${fresh}`;
      return next(request);
    }
  }
}
