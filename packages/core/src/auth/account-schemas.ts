import * as z from 'zod/mini';
import { passwordProblems } from './password-policy';
import { CurrentUserWireSchema } from './current-user';

/** A new password, checked against upstream's policy (see password-policy.ts). */
export const PasswordSchema = z.string().check(
  z.superRefine((value, ctx) => {
    for (const message of passwordProblems(value)) ctx.issues.push({ code: 'custom', message, input: '[password]' });
  }),
);

const email = z.email('must be an email address');
const name = z.string().check(z.maxLength(100, 'must be at most 100 characters'));

export const RegisterInputSchema = z.object({
  email,
  password: PasswordSchema,
  username: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64, 'must be at most 64 characters'))),
  firstName: z.optional(name),
  lastName: z.optional(name),
  tenantId: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64, 'must be at most 64 characters'))),
});
export type RegisterInput = z.input<typeof RegisterInputSchema>;

export const EmailInputSchema = email;

export const ResetPasswordInputSchema = z.object({
  token: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(512, 'must be at most 512 characters')),
  password: PasswordSchema,
});
export type ResetPasswordInput = z.input<typeof ResetPasswordInputSchema>;

/**
 * A user as the auth routes answer it: upstream's `frontendUser()`, the `me` user plus its account
 * status. Loose, so the runtime server's extra fields pass through.
 */
export const AccountUserWireSchema = z.extend(CurrentUserWireSchema, { status: z.optional(z.string()) });
export type AccountUserWire = z.infer<typeof AccountUserWireSchema>;

export interface AccountUser {
  id: string;
  email: string;
  username: string | null;
  firstName: string;
  lastName: string;
  role: string | null;
  roles: string[];
  tenantId: string | null;
  status: string | null;
  twoFactorEnabled: boolean;
}

export function accountUserFromWire(wire: AccountUserWire): AccountUser {
  const role = wire.role ?? null;
  return {
    id: String(wire.id),
    email: wire.email,
    username: wire.username ?? null,
    firstName: wire.firstName ?? '',
    lastName: wire.lastName ?? '',
    role,
    roles: wire.roles ?? (role === null ? [] : [role]),
    tenantId: wire.tenantId ?? wire.tenant_id ?? null,
    status: wire.status ?? null,
    twoFactorEnabled: wire.two_factor_enabled ?? false,
  };
}

export const EmailAvailabilityWireSchema = z.looseObject({ available: z.boolean() });

export const MessageWireSchema = z.looseObject({ message: z.string() });

/** One login session (the runtime server's `Session`, camelCase on the wire), plus whether it is the caller's own. */
export const AccountSessionWireSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string(),
  lastAccessedAt: z.optional(z.string()),
  expiresAt: z.string(),
  current: z.optional(z.boolean()),
});
export type AccountSessionWire = z.infer<typeof AccountSessionWireSchema>;

export interface AccountSession {
  id: string;
  createdAt: string;
  lastAccessedAt: string | null;
  expiresAt: string;
  /** True for the session the calling token belongs to; false when the server does not say. */
  current: boolean;
}

export function accountSessionFromWire(wire: AccountSessionWire): AccountSession {
  return {
    id: wire.id,
    createdAt: wire.createdAt,
    lastAccessedAt: wire.lastAccessedAt ?? null,
    expiresAt: wire.expiresAt,
    current: wire.current ?? false,
  };
}

export const SessionRevocationWireSchema = z.looseObject({ id: z.string(), revoked: z.boolean() });
