import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SeedUser } from '../../seed-data';
import { verifyTotp } from '../../totp';
import type { ErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { signJwt, verifyJwt, type TokenClaims } from './jwt';

export interface UserRecord {
  id: string;
  email: string;
  username: string;
  role: string;
  tenantId: string;
  /** The enabled TOTP secret: while set, login asks for a second factor. */
  totpSecret: string | undefined;
  passwordDigest: Buffer;
  firstName: string;
  lastName: string;
  /** A deactivated user cannot log in and its tokens stop working. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** A secret from `/2fa/setup` that `/2fa/enable` has not confirmed yet. */
  pendingTotpSecret: string | undefined;
  twoFactorSetupAt: string | undefined;
  twoFactorLastUsed: string | undefined;
  /** The otpauth URL `/2fa/setup` answered (its account name included), which `/2fa/qr` renders. */
  otpauthUrl: string | undefined;
  /** Unused one-time backup codes. */
  backupCodes: string[];
}

/** What the auth service reports for the security log (logins, failures). */
export interface AuthAuditEvent {
  type: 'login_succeeded' | 'login_failed' | 'two_factor_failed' | 'backup_code_used';
  identifier: string;
  user: UserRecord | undefined;
  message: string;
}

/** Who made a request, from a verified access token. */
export interface Principal {
  userId: string;
  username: string;
  email: string;
  role: string;
  roles: string[];
  tenantId: string;
  sessionId: string;
}

export type AccessTokenResult =
  | { ok: true; claims: TokenClaims; principal: Principal }
  | { ok: false; status: 401; code: ErrorCode; message: string };

export interface Session {
  id: string;
  userId: string;
  revoked: boolean;
  refreshExpiresAtMs: number;
  createdAtMs: number;
  lastAccessedAtMs: number;
}

const REFRESH_TTL_MS = 7 * 24 * 3600 * 1000;
const PENDING_2FA_TTL_S = 600;

/**
 * Users, sessions and tokens. A session is one login; its refresh tokens form a family that rotates
 * on every refresh, and presenting a rotated token again revokes the whole family (theft detection).
 */
export class AuthService {
  private readonly users = new Map<string, UserRecord>();
  private readonly byLogin = new Map<string, UserRecord>();
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, { sessionId: string; rotated: boolean }>();
  private nextUserId = 1;
  /** Told about logins and failures; the world routes these into the security log. */
  onAudit: ((event: AuthAuditEvent) => void) | undefined;
  /** Wall clock for user timestamps. */
  clock: () => number = Date.now;
  /**
   * The clock token lifetimes run on (JWT `iat`/`exp`, refresh-token and session expiry): real time
   * by default, since a client compares `exp` with its own clock.
   */
  tokenClock: () => number = Date.now;

  constructor(
    private readonly secret: string,
    private tokenTtlSeconds: number,
  ) {}

  addUser(seed: SeedUser): UserRecord {
    const email = seed.email.toLowerCase();
    const username = (seed.username ?? email.split('@')[0] ?? email).toLowerCase();
    if (this.byLogin.has(email) || this.byLogin.has(username)) throw new Error(`user ${seed.email} already exists`);
    const id = seed.id ?? String(this.nextUserId++);
    if (/^\d+$/.test(id)) this.nextUserId = Math.max(this.nextUserId, Number(id) + 1);
    const now = new Date(this.clock()).toISOString();
    const user: UserRecord = {
      id,
      email,
      username,
      role: seed.role,
      tenantId: seed.tenantId ?? 'default',
      totpSecret: seed.totpSecret,
      passwordDigest: digest(seed.password),
      firstName: seed.firstName ?? '',
      lastName: seed.lastName ?? '',
      active: true,
      createdAt: now,
      updatedAt: now,
      pendingTotpSecret: undefined,
      twoFactorSetupAt: seed.totpSecret ? now : undefined,
      twoFactorLastUsed: undefined,
      otpauthUrl: undefined,
      backupCodes: [],
    };
    this.users.set(id, user);
    this.byLogin.set(email, user);
    this.byLogin.set(username, user);
    return user;
  }

  login(body: { email?: string; username?: string; password?: string }): Record<string, unknown> {
    // Upstream: the username wins when both are given; an identifier with '@' is an email.
    const identifier = (body.username ?? body.email ?? '').toLowerCase();
    if (!identifier || !body.password) throw new HttpError(400, 'invalid_request', 'email or username and password are required');
    const user = this.byLogin.get(identifier);
    const given = digest(body.password);
    if (!user || !timingSafeEqual(user.passwordDigest, given) || !user.active) {
      this.onAudit?.({ type: 'login_failed', identifier, user, message: user && !user.active ? 'login to a deactivated account' : 'invalid credentials' });
      throw new HttpError(401, 'invalid_credentials', 'invalid credentials');
    }
    if (user.totpSecret) {
      const now = Math.floor(this.tokenClock() / 1000);
      const tempToken = signJwt(this.claimsFor(user, '', 'pending_2fa', now, now + PENDING_2FA_TTL_S), this.secret);
      return {
        requires_2fa: true,
        temp_token: tempToken,
        expiresAt: new Date((now + PENDING_2FA_TTL_S) * 1000).toISOString(),
        user: publicUser(user),
      };
    }
    this.onAudit?.({ type: 'login_succeeded', identifier, user, message: 'logged in' });
    return this.openSession(user);
  }

  /**
   * Completes a 2FA login with a TOTP code or, with `is_backup_code: true`, a backup code, used up
   * at once. As upstream, a backup code sent without the flag is checked as a TOTP code and fails.
   */
  verifyTwoFactorLogin(body: { temp_token?: string; code?: string; is_backup_code?: boolean; user_id?: string | number }): Record<string, unknown> {
    if (!body.temp_token || !body.code) throw new HttpError(400, 'invalid_request', 'temp_token and code are required');
    const verified = verifyJwt(body.temp_token, this.secret, this.tokenClock());
    if (!verified.ok || verified.claims.token_type !== 'pending_2fa') {
      throw new HttpError(401, 'invalid_temp_token', 'invalid or expired temporary token');
    }
    if (body.user_id !== undefined && String(body.user_id) !== verified.claims.user_id) {
      throw new HttpError(401, 'invalid_temp_token', 'temporary token does not match requested user');
    }
    const user = this.users.get(verified.claims.user_id);
    if (!user?.totpSecret || !user.active) throw new HttpError(401, 'invalid_temp_token', 'invalid or expired temporary token');
    const backup = body.is_backup_code === true;
    const accepted = backup ? this.useBackupCode(user, body.code) : verifyTotp(user.totpSecret, body.code);
    if (!accepted) {
      this.onAudit?.({ type: 'two_factor_failed', identifier: user.email, user, message: backup ? 'invalid backup code' : 'invalid two-factor code' });
      throw new HttpError(401, 'invalid_2fa_code', 'invalid two-factor code');
    }
    user.twoFactorLastUsed = new Date(this.clock()).toISOString();
    if (backup) this.onAudit?.({ type: 'backup_code_used', identifier: user.email, user, message: 'logged in with a backup code' });
    this.onAudit?.({ type: 'login_succeeded', identifier: user.email, user, message: 'logged in with a second factor' });
    const answer = this.openSession(user);
    return backup ? { ...answer, remaining_backup_codes: user.backupCodes.length } : answer;
  }

  /** Uses up a backup code; false when it is not one of the user's unused codes. */
  useBackupCode(user: UserRecord, code: string): boolean {
    const normalized = code.trim().toLowerCase();
    const index = user.backupCodes.indexOf(normalized);
    if (index === -1) return false;
    user.backupCodes.splice(index, 1);
    return true;
  }

  refresh(refreshToken: string | undefined): Record<string, unknown> {
    if (!refreshToken) throw new HttpError(400, 'invalid_request', 'refreshToken is required');
    const entry = this.refreshTokens.get(refreshToken);
    const session = entry && this.sessions.get(entry.sessionId);
    if (!entry || !session || session.revoked || session.refreshExpiresAtMs <= this.tokenClock()) {
      throw new HttpError(401, 'invalid_refresh_token', 'invalid or expired refresh token');
    }
    if (entry.rotated) {
      session.revoked = true;
      throw new HttpError(401, 'refresh_token_reused', 'refresh token was already used; the session is revoked');
    }
    entry.rotated = true;
    const user = this.users.get(session.userId)!;
    return this.issueTokens(user, session);
  }

  logout(principal: Principal): void {
    const session = this.sessions.get(principal.sessionId);
    if (session) session.revoked = true;
  }

  /** Verifies a Bearer access token: signature, expiry, type and that its session is live. */
  verifyAccessToken(token: string): AccessTokenResult {
    const verified = verifyJwt(token, this.secret, this.tokenClock());
    if (!verified.ok) {
      const code = verified.reason === 'expired' ? 'token_expired' : 'invalid_token';
      return { ok: false, status: 401, code, message: 'invalid or expired token' };
    }
    const { claims } = verified;
    if (claims.token_type === 'pending_2fa' || claims.purpose === 'pending_2fa') {
      return { ok: false, status: 401, code: 'two_factor_required', message: 'two-factor authentication is not complete' };
    }
    const session = this.sessions.get(claims.session_id);
    const user = this.users.get(claims.user_id);
    if (!session || session.revoked || !user || !user.active) return { ok: false, status: 401, code: 'session_revoked', message: 'invalid or expired token' };
    session.lastAccessedAtMs = this.clock();
    return {
      ok: true,
      claims,
      principal: {
        userId: user.id,
        username: user.username,
        email: user.email,
        role: user.role,
        roles: claims.roles,
        tenantId: user.tenantId,
        sessionId: session.id,
      },
    };
  }

  /** A token for tests: any user, any lifetime (a negative one makes an already expired token). */
  issueAccessToken(login: string, ttlSeconds = this.tokenTtlSeconds): string {
    const user = this.byLogin.get(login.toLowerCase());
    if (!user) throw new Error(`no user ${login}`);
    const session = this.newSession(user);
    const now = Math.floor(this.tokenClock() / 1000);
    return signJwt(this.claimsFor(user, session.id, 'access', now, now + ttlSeconds), this.secret);
  }

  me(principal: Principal): Record<string, unknown> {
    const user = this.users.get(principal.userId);
    if (!user) throw new HttpError(401, 'invalid_token', 'invalid or expired token');
    return publicUser(user);
  }

  setTokenTtl(seconds: number): void {
    this.tokenTtlSeconds = seconds;
  }

  // ---- the user store, for accounts, 2FA management and administration ----------------

  userById(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  userByLogin(login: string): UserRecord | undefined {
    return this.byLogin.get(login.toLowerCase());
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  /** Changes a user's email or username, keeping the login index right; 409 when either is taken. */
  rename(user: UserRecord, change: { email?: string | undefined; username?: string | undefined }): void {
    const email = change.email?.toLowerCase();
    const username = change.username?.toLowerCase();
    for (const login of [email, username]) {
      const holder = login === undefined ? undefined : this.byLogin.get(login);
      if (holder && holder !== user) throw new HttpError(409, 'conflict', `${login === email ? 'email' : 'username'} already in use`);
    }
    if (email !== undefined && email !== user.email) {
      this.byLogin.delete(user.email);
      user.email = email;
      this.byLogin.set(email, user);
    }
    if (username !== undefined && username !== user.username) {
      this.byLogin.delete(user.username);
      user.username = username;
      this.byLogin.set(username, user);
    }
  }

  removeUser(user: UserRecord): void {
    this.revokeSessionsOf(user.id);
    this.users.delete(user.id);
    if (this.byLogin.get(user.email) === user) this.byLogin.delete(user.email);
    if (this.byLogin.get(user.username) === user) this.byLogin.delete(user.username);
  }

  setPassword(user: UserRecord, password: string): void {
    user.passwordDigest = digest(password);
  }

  /** The user's sessions that still work, oldest first. */
  sessionsOf(userId: string): Session[] {
    const now = this.tokenClock();
    return [...this.sessions.values()].filter((s) => s.userId === userId && !s.revoked && s.refreshExpiresAtMs > now);
  }

  /** Ends one of the user's sessions; false when the user has no such live session. */
  revokeSession(userId: string, sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session || session.userId !== userId || session.revoked) return false;
    session.revoked = true;
    return true;
  }

  /** Ends every session of a user (password reset, role change, deactivation). */
  revokeSessionsOf(userId: string): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.userId !== userId || session.revoked) continue;
      session.revoked = true;
      count++;
    }
    return count;
  }

  publicUser(user: UserRecord): Record<string, unknown> {
    return publicUser(user);
  }

  private newSession(user: UserRecord): Session {
    const now = this.clock();
    const session: Session = { id: randomUUID(), userId: user.id, revoked: false, refreshExpiresAtMs: this.tokenClock() + REFRESH_TTL_MS, createdAtMs: now, lastAccessedAtMs: now };
    this.sessions.set(session.id, session);
    return session;
  }

  private openSession(user: UserRecord): Record<string, unknown> {
    return this.issueTokens(user, this.newSession(user));
  }

  private issueTokens(user: UserRecord, session: Session): Record<string, unknown> {
    const now = Math.floor(this.tokenClock() / 1000);
    const exp = now + this.tokenTtlSeconds;
    const token = signJwt(this.claimsFor(user, session.id, 'access', now, exp), this.secret);
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, { sessionId: session.id, rotated: false });
    return { token, refreshToken, expiresAt: new Date(exp * 1000).toISOString(), user: publicUser(user) };
  }

  private claimsFor(user: UserRecord, sessionId: string, type: TokenClaims['token_type'], iat: number, exp: number): TokenClaims {
    return {
      user_id: user.id,
      username: user.username,
      email: user.email,
      role: user.role,
      roles: [user.role],
      tenant_id: user.tenantId,
      session_id: sessionId,
      token_type: type,
      ...(type === 'pending_2fa' && { purpose: 'pending_2fa' as const }),
      iat,
      exp,
      jti: randomUUID(),
    };
  }
}

/** Upstream's `frontendUser()` shape: camelCase and snake_case tenant side by side. */
function publicUser(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    role: user.role,
    roles: [user.role],
    tenantId: user.tenantId,
    tenant_id: user.tenantId,
    status: 'active',
    two_factor_enabled: Boolean(user.totpSecret),
  };
}

function digest(password: string): Buffer {
  return createHash('sha256').update(password, 'utf8').digest();
}
