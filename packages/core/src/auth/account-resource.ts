import type { CoreClient } from '../core-client';
import { requireId, validateInput } from '../input-validation';
import type { PagePromise } from '../pagination';
import type { RequestOptions } from '../request';
import * as z from 'zod/mini';
import {
  AccountSessionWireSchema,
  AccountUserWireSchema,
  EmailAvailabilityWireSchema,
  EmailInputSchema,
  MessageWireSchema,
  RegisterInputSchema,
  ResetPasswordInputSchema,
  SessionRevocationWireSchema,
  accountSessionFromWire,
  accountUserFromWire,
  type AccountSession,
  type AccountUser,
  type RegisterInput,
  type ResetPasswordInput,
} from './account-schemas';

/**
 * Accounts: sign-up, email availability, the password-reset round trip and the caller's login
 * sessions. Passwords are checked against upstream's policy before anything is sent, and never
 * appear in an error.
 */
export class AccountResource {
  constructor(private readonly core: CoreClient) {}

  /** Create an account (`POST /api/auth/register`); the new user has role `user`. */
  async register(input: RegisterInput, options?: RequestOptions): Promise<AccountUser> {
    const p = validateInput(RegisterInputSchema, input, 'registration');
    const body = {
      email: p.email,
      password: p.password,
      ...(p.username !== undefined && { username: p.username }),
      ...(p.firstName !== undefined && { firstName: p.firstName }),
      ...(p.lastName !== undefined && { lastName: p.lastName }),
      ...(p.tenantId !== undefined && { tenant_id: p.tenantId }),
    };
    const wire = await this.core.request({ method: 'POST', path: '/api/auth/register', body, schema: AccountUserWireSchema, authenticate: false }, options);
    return accountUserFromWire(wire);
  }

  /** Whether an email is still free to register. */
  async checkEmail(email: string, options?: RequestOptions): Promise<boolean> {
    const address = validateInput(EmailInputSchema, email, 'email');
    const wire = await this.core.request(
      { method: 'GET', path: '/api/auth/check-email', query: { email: address }, schema: EmailAvailabilityWireSchema, authenticate: false },
      options,
    );
    return wire.available;
  }

  /** Ask for a reset token by email. The answer is the same whether or not the address exists. */
  async forgotPassword(email: string, options?: RequestOptions): Promise<{ message: string }> {
    const address = validateInput(EmailInputSchema, email, 'email');
    const wire = await this.core.request(
      { method: 'POST', path: '/api/auth/forgot-password', body: { email: address }, schema: MessageWireSchema, authenticate: false },
      options,
    );
    return { message: wire.message };
  }

  /** Set a new password with a reset token; the token works once. */
  async resetPassword(input: ResetPasswordInput, options?: RequestOptions): Promise<{ message: string }> {
    const p = validateInput(ResetPasswordInputSchema, input, 'password reset');
    const wire = await this.core.request(
      { method: 'POST', path: '/api/auth/reset-password', body: { token: p.token, password: p.password }, schema: MessageWireSchema, authenticate: false },
      options,
    );
    return { message: wire.message };
  }

  /** The caller's live login sessions (`GET /api/auth/sessions`), the current one marked. */
  listSessions(options?: RequestOptions): PagePromise<AccountSession> {
    return this.core.list({ method: 'GET', path: '/api/auth/sessions', schema: z.array(AccountSessionWireSchema) }, accountSessionFromWire, options);
  }

  /** End one of the caller's sessions: its access and refresh tokens stop working at once. */
  async revokeSession(id: string, options?: RequestOptions): Promise<void> {
    await this.core.request(
      { method: 'DELETE', path: '/api/auth/sessions/{id}', params: { id: requireId(id, 'session id') }, schema: SessionRevocationWireSchema },
      options,
    );
  }
}
