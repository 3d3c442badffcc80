import * as z from 'zod';
import { ADMIN_PAGE_SIZE, ADMIN_ROLES, adminUserWire, type AdminRole } from '../auth/user-admin-service';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError } from '../http/http-error';
import { defineRoute, type RouteDefinition } from '../http/route-definition';

const positiveInteger = z.string().regex(/^\d+$/, 'must be a positive integer');

const AdminUserListQuerySchema = z.object({
  page: positiveInteger.optional().describe('1-based (default 1)'),
  page_size: positiveInteger.optional().describe(`default ${ADMIN_PAGE_SIZE.default}, max ${ADMIN_PAGE_SIZE.max}`),
  search: z.string().max(200).optional().describe('substring of email or username'),
  role: z.string().optional().describe(`one of ${ADMIN_ROLES.join(', ')}`),
  tenant_id: z.string().optional().describe('super-admin only: one tenant'),
});

const AdminUserWireSchema = z.object({
  id: z.union([z.number().int(), z.string()]).describe('upstream serial integer'),
  username: z.string(),
  email: z.string(),
  role: z.enum(ADMIN_ROLES),
  active: z.boolean(),
  tenant_id: z.string(),
  two_factor_enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

const AdminUserPageSchema = z.object({
  users: z.array(AdminUserWireSchema),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  total_pages: z.number().int(),
});

const role = z.enum(ADMIN_ROLES);
const CreateUserSchema = z.object({
  username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only'),
  email: z.email(),
  password: z.string().describe('must meet the password policy'),
  role: role.optional().describe('default "user"; never above the caller\'s own'),
  tenant_id: z.string().min(1).max(64).optional().describe("default the caller's; another tenant needs super-admin"),
});
const UpdateUserSchema = z.object({
  username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only').optional(),
  email: z.email().optional(),
  role: role.optional(),
  active: z.boolean().optional().describe('false: cannot log in, and every session ends'),
});
const SetRolesSchema = z.object({ roles: z.array(role).min(1).describe('only roles[0] is used (upstream)') });

type ListQuery = z.infer<typeof AdminUserListQuerySchema>;

export const adminUserRoutes: RouteDefinition[] = [
  defineRoute<undefined, ListQuery>({
    method: 'GET',
    path: '/api/admin/users',
    mount: 'root',
    access: 'admin',
    operationId: 'adminListUsers',
    summary: "The users of the caller's tenant (every tenant for a super-admin), ordered by id, in upstream's page envelope",
    tag: 'admin',
    query: AdminUserListQuerySchema,
    responses: { 200: { description: 'one page', schema: AdminUserPageSchema } },
    handle: ({ world, principal, query }) => {
      const page = query.page === undefined ? undefined : Number(query.page);
      const pageSize = query.page_size === undefined ? undefined : Number(query.page_size);
      if (page !== undefined && page < 1) throw new HttpError(400, 'validation_error', 'page: must be at least 1');
      if (pageSize !== undefined && (pageSize < 1 || pageSize > ADMIN_PAGE_SIZE.max)) {
        throw new HttpError(400, 'validation_error', `page_size: must be between 1 and ${ADMIN_PAGE_SIZE.max}`);
      }
      if (query.role !== undefined && !(ADMIN_ROLES as readonly string[]).includes(query.role)) throw new HttpError(400, 'validation_error', 'invalid role filter');
      return { status: 200, body: world.userAdmin.list(principal, { ...query, page, page_size: pageSize }) };
    },
  }),
  defineRoute<z.infer<typeof CreateUserSchema>>({
    method: 'POST',
    path: '/api/admin/users',
    mount: 'root',
    access: 'admin',
    operationId: 'adminCreateUser',
    summary: 'Create a user (who, unlike upstream, can log in with the password)',
    tag: 'admin',
    body: CreateUserSchema,
    responses: {
      201: { description: 'the user', schema: AdminUserWireSchema },
      403: { description: 'a role above your own, or another tenant without super-admin', schema: ErrorWireSchema },
      409: { description: 'email or username in use', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => ({ status: 201, body: adminUserWire(world.userAdmin.create(principal, body)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/admin/users/{id}',
    mount: 'root',
    access: 'admin',
    operationId: 'adminGetUser',
    summary: 'One user',
    tag: 'admin',
    responses: { 200: { description: 'the user', schema: AdminUserWireSchema } },
    handle: ({ world, principal, params }) => ({ status: 200, body: adminUserWire(world.userAdmin.get(principal, params.id!)) }),
  }),
  defineRoute<z.infer<typeof UpdateUserSchema>>({
    method: 'PUT',
    path: '/api/admin/users/{id}',
    mount: 'root',
    access: 'admin',
    operationId: 'adminUpdateUser',
    summary: 'Change username, email, role or active; a new role or deactivation ends the user\'s sessions',
    tag: 'admin',
    body: UpdateUserSchema,
    responses: {
      200: { description: 'the user', schema: AdminUserWireSchema },
      409: { description: 'email or username in use, or a change to yourself that would lock you out', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params, body }) => ({ status: 200, body: adminUserWire(world.userAdmin.update(principal, params.id!, body)) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/admin/users/{id}',
    mount: 'root',
    access: 'admin',
    operationId: 'adminDeleteUser',
    summary: 'Delete a user and end its sessions',
    tag: 'admin',
    responses: { 204: { description: 'deleted' }, 409: { description: 'you cannot delete yourself', schema: ErrorWireSchema } },
    handle: ({ world, principal, params }) => {
      world.userAdmin.delete(principal, params.id!);
      return { status: 204 };
    },
  }),
  defineRoute<z.infer<typeof SetRolesSchema>>({
    method: 'POST',
    path: '/api/admin/users/{id}/roles',
    mount: 'root',
    access: 'admin',
    operationId: 'adminSetUserRoles',
    summary: "Set a user's role (roles[0]); the user's sessions end",
    tag: 'admin',
    body: SetRolesSchema,
    responses: { 200: { description: 'the user', schema: z.object({ user: AdminUserWireSchema, message: z.literal('roles updated') }) } },
    handle: ({ world, principal, params, body }) => ({
      status: 200,
      body: { user: adminUserWire(world.userAdmin.setRoles(principal, params.id!, body.roles as AdminRole[])), message: 'roles updated' },
    }),
  }),
];
