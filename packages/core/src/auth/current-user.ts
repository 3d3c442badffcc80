import * as z from 'zod/mini';

/**
 * `GET /api/auth/me`: upstream's user (a numeric id on some servers, both tenant spellings).
 * Loose, so a server's extra fields pass through.
 */
export const CurrentUserWireSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  email: z.string(),
  username: z.optional(z.string()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  role: z.optional(z.string()),
  roles: z.optional(z.array(z.string())),
  tenantId: z.optional(z.string()),
  tenant_id: z.optional(z.string()),
  two_factor_enabled: z.optional(z.boolean()),
});

/** Who the token belongs to. */
export interface CurrentUser {
  id: string;
  email: string;
  username: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  roles: string[];
  tenantId: string | undefined;
  twoFactorEnabled: boolean;
}

export function currentUserFromWire(wire: z.infer<typeof CurrentUserWireSchema>): CurrentUser {
  return {
    id: String(wire.id),
    email: wire.email,
    username: wire.username,
    firstName: wire.firstName,
    lastName: wire.lastName,
    roles: wire.roles ?? (wire.role !== undefined ? [wire.role] : []),
    tenantId: wire.tenantId ?? wire.tenant_id,
    twoFactorEnabled: wire.two_factor_enabled ?? false,
  };
}
