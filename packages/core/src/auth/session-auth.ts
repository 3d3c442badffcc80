import { AuthenticationError, TwoFactorRequiredError, ValidationError } from '../errors';
import { SharedTask } from '../shared-task';
import type { AuthProvider } from './auth-provider';
import { expiryOf } from './jwt-expiry';
import { MemoryTokenStore, type TokenSet, type TokenStore } from './token-store';

export interface Credentials {
  email?: string;
  username?: string;
  password: string;
}

/**
 * What a `twoFactor` login callback answers: the authenticator app's current code as a string, or
 * `{ code, backupCode: true }` for one of the one-time backup codes (which the server then uses up).
 */
export type TwoFactorCode = string | { code: string; backupCode?: boolean };

/** How the session reaches the auth endpoints: through the client's pipeline, without a token. */
export type AuthCall = (method: 'GET' | 'POST', path: string, body: unknown, options: { signal?: AbortSignal; bearer?: string }) => Promise<unknown>;

export interface SessionAuthOptions {
  credentials?: Credentials;
  /** Asked for the second factor at login: a TOTP code, or `{ code, backupCode: true }` for a backup code. */
  twoFactor?: () => TwoFactorCode | Promise<TwoFactorCode>;
  store?: TokenStore;
  /** Renew this long before expiry. Default 5 minutes. */
  refreshBufferMs?: number;
  now?: () => number;
}

interface LoginAnswer {
  token?: string;
  refreshToken?: string;
  refresh_token?: string;
  expiresAt?: unknown;
  requires_2fa?: boolean;
  temp_token?: string;
  user?: unknown;
}

/**
 * A logged-in session: login (email or username, optional second factor: a TOTP or a backup
 * code), refresh ahead of expiry, refresh-token rotation, one renewal and replay on a 401, logout.
 *
 * Renewal is single-flight: however many calls find the token expiring (or get a 401 for it) at
 * once, one request renews it and all of them wait for that one. The renewal runs on no caller's
 * signal: a caller that aborts stops waiting, and the renewal finishes anyway (a refresh rotates
 * the refresh token, so a cancelled one could end the session). Logout wins over a renewal in
 * flight: what it brings back is discarded and closed on the server.
 */
export class SessionAuth implements AuthProvider {
  private tokens: TokenSet | undefined;
  private loaded = false;
  private renewing: SharedTask<TokenSet> | undefined;
  /** Bumped by logout and setTokens: a renewal started before them must not overwrite what they did. */
  private generation = 0;
  /** Store writes in the order they were decided, whatever each one's speed. */
  private storeQueue: Promise<void> = Promise.resolve();
  private readonly store: TokenStore;
  private readonly bufferMs: number;
  private readonly now: () => number;
  /** How many times the session was renewed (refresh or re-login); for metrics and tests. */
  renewals = 0;
  user: unknown;

  constructor(
    private readonly call: AuthCall,
    private readonly options: SessionAuthOptions = {},
  ) {
    this.store = options.store ?? new MemoryTokenStore();
    this.bufferMs = options.refreshBufferMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async getToken(signal?: AbortSignal): Promise<string | undefined> {
    const tokens = this.loaded ? this.tokens : await this.load();
    if (tokens && !this.expiringSoon(tokens)) return tokens.accessToken;
    if (!tokens && !this.options.credentials) return undefined;
    return (await this.renew(signal)).accessToken;
  }

  peekToken(): string | undefined {
    const tokens = this.tokens;
    return tokens && !this.renewing && !this.expiringSoon(tokens) ? tokens.accessToken : undefined;
  }

  async onUnauthorized(rejectedToken: string, signal?: AbortSignal): Promise<boolean> {
    if (this.tokens && this.tokens.accessToken !== rejectedToken) return true;
    if (!this.tokens?.refreshToken && !this.options.credentials) return false;
    await this.renew(signal, rejectedToken);
    return true;
  }

  /** Log in now (with the configured credentials unless others are given). */
  async login(credentials: Credentials | undefined = this.options.credentials, signal?: AbortSignal): Promise<TokenSet> {
    return this.loginWith(credentials, signal, this.generation);
  }

  private async loginWith(credentials: Credentials | undefined, signal: AbortSignal | undefined, generation: number): Promise<TokenSet> {
    if (!credentials) throw new AuthenticationError('No credentials to log in with.', { status: 401, code: 'no_credentials' });
    const identity = credentials.email !== undefined ? { email: credentials.email } : { username: credentials.username };
    let answer = (await this.call('POST', '/api/auth/login', { ...identity, password: credentials.password }, { signal })) as LoginAnswer;
    if (answer.requires_2fa) {
      if (!this.options.twoFactor) {
        throw new TwoFactorRequiredError('The account requires a second factor; pass a `twoFactor` callback.', {
          status: 401,
          code: 'two_factor_required',
        });
      }
      const given = await this.options.twoFactor();
      const { code, backupCode } = typeof given === 'string' ? { code: given, backupCode: false } : (given ?? {});
      if (typeof code !== 'string' || code.length === 0 || code.length > 64) {
        throw new ValidationError('The twoFactor callback answered no code of 1 to 64 characters.', [], { code: 'invalid_input' });
      }
      // Upstream checks a code as TOTP unless is_backup_code says otherwise, so a backup code must be flagged.
      const body = { temp_token: answer.temp_token, code, is_backup_code: backupCode === true || undefined };
      answer = (await this.call('POST', '/api/auth/2fa/verify-login', body, { signal })) as LoginAnswer;
    }
    return this.accept(answer, generation);
  }

  /** Rotate the tokens with the refresh token now. */
  async refresh(signal?: AbortSignal): Promise<TokenSet> {
    return this.renew(signal, this.tokens?.accessToken);
  }

  async logout(signal?: AbortSignal): Promise<void> {
    const tokens = this.tokens;
    this.generation++;
    this.tokens = undefined;
    this.loaded = true;
    this.renewing = undefined;
    await this.writeStore(() => this.store.clear());
    if (tokens) await this.closeOnServer(tokens, signal);
  }

  /** Adopt tokens obtained elsewhere (a static token, another process). */
  async setTokens(tokens: TokenSet): Promise<void> {
    this.generation++;
    this.tokens = tokens;
    this.loaded = true;
    this.renewing = undefined;
    await this.writeStore(() => this.store.save(tokens));
  }

  get current(): TokenSet | undefined {
    return this.tokens;
  }

  private async load(): Promise<TokenSet | undefined> {
    this.tokens = await this.store.load();
    this.loaded = true;
    return this.tokens;
  }

  private expiringSoon(tokens: TokenSet): boolean {
    return tokens.expiresAt !== undefined && tokens.expiresAt - this.bufferMs <= this.now();
  }

  /**
   * Single-flight renewal. `stale` is the token the caller saw rejected or expiring: when the
   * current token is already a different one, somebody renewed meanwhile and no request is made.
   */
  private renew(signal?: AbortSignal, stale?: string): Promise<TokenSet> {
    if (!this.renewing) {
      if (stale !== undefined && this.tokens && this.tokens.accessToken !== stale && !this.expiringSoon(this.tokens)) {
        return Promise.resolve(this.tokens);
      }
      const task = new SharedTask(() => this.doRenew(this.generation), { cancelWhenAbandoned: false });
      this.renewing = task;
      task.promise.then(
        () => this.renewDone(task),
        () => this.renewDone(task),
      );
    }
    return this.renewing.join(signal);
  }

  private renewDone(task: SharedTask<TokenSet>): void {
    if (this.renewing === task) this.renewing = undefined;
  }

  private async doRenew(generation: number): Promise<TokenSet> {
    this.renewals++;
    const refreshToken = this.tokens?.refreshToken;
    if (refreshToken) {
      try {
        const answer = (await this.call('POST', '/api/auth/refresh', { refreshToken }, {})) as LoginAnswer;
        return await this.accept(answer, generation);
      } catch (error) {
        // A refused refresh token (expired, rotated, revoked) ends the session; log in again if we can.
        if (!(error instanceof AuthenticationError) || error.code === 'logged_out' || !this.options.credentials) throw error;
      }
    }
    if (this.options.credentials) return this.loginWith(this.options.credentials, undefined, generation);
    throw new AuthenticationError('The session expired and there is no way to renew it.', { status: 401, code: 'session_expired' });
  }

  private async accept(answer: LoginAnswer, generation: number): Promise<TokenSet> {
    if (typeof answer?.token !== 'string') {
      throw new AuthenticationError('The server did not return a token.', { status: 401, code: 'no_token' });
    }
    const tokens: TokenSet = {
      accessToken: answer.token,
      refreshToken: answer.refreshToken ?? answer.refresh_token,
      expiresAt: expiryOf(answer.token, answer.expiresAt),
    };
    if (generation !== this.generation) {
      // Logged out (or handed other tokens) while this was in flight: that decision stands.
      void this.closeOnServer(tokens);
      throw new AuthenticationError('The session was logged out while it was being renewed.', { status: 401, code: 'logged_out' });
    }
    if (answer.user !== undefined) this.user = answer.user;
    this.tokens = tokens;
    this.loaded = true;
    await this.writeStore(() => this.store.save(tokens));
    return tokens;
  }

  private writeStore(write: () => Promise<void>): Promise<void> {
    const next = this.storeQueue.then(write);
    this.storeQueue = next.catch(() => undefined);
    return next;
  }

  /** End a session on the server; the token goes along explicitly, or the auth policy would log in again. */
  private async closeOnServer(tokens: TokenSet, signal?: AbortSignal): Promise<void> {
    await this.call('POST', '/api/auth/logout', { refreshToken: tokens.refreshToken }, { signal, bearer: tokens.accessToken }).catch(() => undefined);
  }
}

