import { PasswordSchema } from '@novacron/core';
import * as z from 'zod/mini';

/** Upstream `normalizeCanonicalAdminRole`: the roles `/api/admin/users` accepts. */
export const ADMIN_ROLES = ['admin', 'operator', 'viewer', 'user', 'super-admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Upstream pages admin users 20 at a time by default, at most 100. */
export const ADMIN_USERS_PAGE_SIZE = { default: 20, max: 100 } as const;

export const AdminUserWireSchema = z.looseObject({
  // Upstream's ids are serial integers here (strings in tokens and login answers).
  id: z.union([z.number(), z.string()]),
  username: z.string(),
  email: z.string(),
  role: z.string(),
  active: z.boolean(),
  tenant_id: z.optional(z.string()),
  two_factor_enabled: z.optional(z.boolean()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AdminUserWire = z.infer<typeof AdminUserWireSchema>;

export const AdminUserPageWireSchema = z.looseObject({
  users: z.array(AdminUserWireSchema),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
  total_pages: z.number(),
});

export const AdminRolesAnswerWireSchema = z.looseObject({ user: AdminUserWireSchema, message: z.optional(z.string()) });

export interface AdminUser {
  /** Always a string, whichever way the server spells it. */
  id: string;
  username: string;
  email: string;
  role: string;
  active: boolean;
  tenantId: string | null;
  twoFactorEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function adminUserFromWire(wire: AdminUserWire): AdminUser {
  return {
    id: String(wire.id),
    username: wire.username,
    email: wire.email,
    role: wire.role,
    active: wire.active,
    tenantId: wire.tenant_id ?? null,
    twoFactorEnabled: wire.two_factor_enabled ?? false,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
  };
}

const username = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(64, 'must be at most 64 characters'),
  z.regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits, ".", "_" and "-"'),
);
const role = z.enum(ADMIN_ROLES);

export const CreateAdminUserInputSchema = z.object({
  username,
  email: z.email('must be an email address'),
  password: PasswordSchema,
  role: z.optional(role),
  /** Super-admins only: create the user in another tenant. */
  tenantId: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64, 'must be at most 64 characters'))),
});
export type CreateAdminUserInput = z.input<typeof CreateAdminUserInputSchema>;

export const UpdateAdminUserInputSchema = z
  .object({
    username: z.optional(username),
    email: z.optional(z.email('must be an email address')),
    role: z.optional(role),
    active: z.optional(z.boolean()),
  })
  .check(z.refine((input) => Object.values(input).some((value) => value !== undefined), 'at least one field must change'));
export type UpdateAdminUserInput = z.input<typeof UpdateAdminUserInputSchema>;

export const AdminRoleListSchema = z.array(role).check(z.minLength(1, 'at least one role'));

export const ListAdminUsersParamsSchema = z.object({
  search: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200, 'must be at most 200 characters'))),
  role: z.optional(role),
  tenantId: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  pageSize: z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(ADMIN_USERS_PAGE_SIZE.max, `must be at most ${ADMIN_USERS_PAGE_SIZE.max}`))),
  page: z.optional(z.int().check(z.minimum(1, 'must be at least 1'))),
});
export type ListAdminUsersParams = z.input<typeof ListAdminUsersParamsSchema>;
