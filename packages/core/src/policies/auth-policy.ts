import type { AuthProvider } from '../auth/auth-provider';
import { AuthenticationError } from '../errors';
import type { Policy, SendNext } from '../pipeline';
import { attemptRequest, type NovaRequest, type NovaResponse } from '../request';

/**
 * Puts the bearer token on every attempt. On a 401 it asks the provider to renew once and replays
 * the attempt once; a second 401 is the caller's to see.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export class AuthPolicy implements Policy {
  readonly name = 'auth';
  private lastToken = '';
  private lastHeader = '';
  constructor(private readonly provider: AuthProvider) {}

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (!request.authenticate) return next(request);
    // A fresh token at hand skips a promise per call; otherwise wait for the provider (login, refresh).
    const ready = this.provider.peekToken?.();
    return ready !== undefined ? this.sendWith(ready, request, next) : this.sendAfterToken(request, next);
  }

  private async sendAfterToken(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const token = await this.provider.getToken(request.signal);
    return token === undefined ? next(request) : this.sendWith(token, request, next);
  }

  private sendWith(token: string, request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (token !== this.lastToken) {
      this.lastToken = token;
      this.lastHeader = `Bearer ${token}`;
    }
    request.headers['authorization'] = this.lastHeader;
    return next(request).catch((error: unknown) => this.replayOnce(error, token, request, next));
  }

  private async replayOnce(error: unknown, token: string, request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (!(error instanceof AuthenticationError) || request.context['authReplayed']) throw error;
    request.context['authReplayed'] = true;
    if (!(await this.provider.onUnauthorized(token, request.signal))) throw error;
    const fresh = await this.provider.getToken(request.signal);
    if (fresh === undefined || fresh === token) throw error;
    // The replay is an attempt of its own; the one that got the 401 keeps what it sent.
    const replay = attemptRequest(request);
    replay.headers['authorization'] = `Bearer ${fresh}`;
    return next(replay);
  }
}
