import { createHash, randomBytes } from 'node:crypto';
import { passwordProblems } from '@novacron/core';
import { HttpError, notFound } from '../http/http-error';
import type { World } from '../world/world';
import type { Principal, UserRecord } from './auth-service';

/** How long a password-reset token works (upstream sends it by email; the simulator keeps an outbox). */
const RESET_TTL_MS = 60 * 60 * 1000;

interface ResetTicket {
  userId: string;
  expiresAtMs: number;
  used: boolean;
}

/** 400 naming every rule the password breaks; the password itself is never echoed. */
export function assertPasswordPolicy(password: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new HttpError(400, 'validation_error', `password: ${problems.join('; ')}`, {}, problems.map((message) => ({ path: 'password', message })));
  }
}

/**
 * Self-service accounts: sign-up (role `user`, as upstream), email availability, password reset
 * by single-use token, and the caller's own sessions. Reset tokens go to an outbox instead of
 * email, where tests and demos read them (`controls.accounts.lastResetToken`).
 */
export class AccountService {
  private readonly tickets = new Map<string, ResetTicket>();
  private readonly outbox = new Map<string, string>();

  constructor(private readonly world: World) {}

  register(body: { email: string; password: string; username?: string | undefined; firstName?: string | undefined; lastName?: string | undefined; tenant_id?: string | undefined; tenantId?: string | undefined }): UserRecord {
    assertPasswordPolicy(body.password);
    const auth = this.world.auth;
    const email = body.email.toLowerCase();
    if (auth.userByLogin(email)) throw new HttpError(409, 'conflict', 'email already in use');
    const username = (body.username ?? email.split('@')[0] ?? email).toLowerCase();
    if (auth.userByLogin(username)) throw new HttpError(409, 'conflict', 'username already in use');
    const user = auth.addUser({
      email,
      username,
      password: body.password,
      role: 'user',
      tenantId: body.tenant_id ?? body.tenantId ?? 'default',
      firstName: body.firstName,
      lastName: body.lastName,
    });
    this.world.security.accountChange('user_registered', undefined, user, `${user.email} registered`);
    return user;
  }

  isEmailAvailable(email: string): boolean {
    return this.world.auth.userByLogin(email) === undefined;
  }

  /** Issues a reset token for a known address; unknown ones are answered the same way and get nothing. */
  forgotPassword(email: string): void {
    const user = this.world.auth.userByLogin(email);
    if (!user || user.email !== email.toLowerCase() || !user.active) return;
    const token = `rst_${randomBytes(24).toString('base64url')}`;
    this.tickets.set(digest(token), { userId: user.id, expiresAtMs: this.world.nowMs() + RESET_TTL_MS, used: false });
    this.outbox.set(user.email, token);
    this.world.security.accountChange('password_reset_requested', undefined, user, `password reset requested for ${user.email}`);
  }

  /** Sets the new password, burns the token and ends every session of the user. */
  resetPassword(token: string, password: string): void {
    const ticket = this.tickets.get(digest(token));
    if (!ticket || ticket.used || ticket.expiresAtMs <= this.world.nowMs()) throw new HttpError(400, 'invalid_token', 'invalid or expired reset token');
    assertPasswordPolicy(password);
    const user = this.world.auth.userById(ticket.userId);
    if (!user) throw new HttpError(400, 'invalid_token', 'invalid or expired reset token');
    ticket.used = true;
    this.world.auth.setPassword(user, password);
    this.world.auth.revokeSessionsOf(user.id);
    user.updatedAt = this.world.now();
    this.world.security.accountChange('password_reset', undefined, user, `password reset for ${user.email}`);
  }

  /** The last reset token sent to `email`, as the mail would have carried it. */
  lastResetToken(email: string): string | undefined {
    return this.outbox.get(email.toLowerCase());
  }

  sessions(principal: Principal): Record<string, unknown>[] {
    return this.world.auth.sessionsOf(principal.userId).map((session) => ({
      id: session.id,
      createdAt: new Date(session.createdAtMs).toISOString(),
      lastAccessedAt: new Date(session.lastAccessedAtMs).toISOString(),
      expiresAt: new Date(session.refreshExpiresAtMs).toISOString(),
      current: session.id === principal.sessionId,
    }));
  }

  revokeSession(principal: Principal, sessionId: string): { id: string; revoked: true } {
    if (!this.world.auth.revokeSession(principal.userId, sessionId)) throw notFound('session');
    const user = this.world.auth.userById(principal.userId);
    if (user) this.world.security.accountChange('session_revoked', principal, user, `session revoked for ${user.email}`, { session_id: sessionId });
    return { id: sessionId, revoked: true };
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
