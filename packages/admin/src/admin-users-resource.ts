import { PagePromise, requireId, validateInput, type CoreClient, type RequestOptions } from '@novacron/core';
import {
  AdminRoleListSchema,
  AdminRolesAnswerWireSchema,
  AdminUserPageWireSchema,
  AdminUserWireSchema,
  CreateAdminUserInputSchema,
  ListAdminUsersParamsSchema,
  UpdateAdminUserInputSchema,
  adminUserFromWire,
  type AdminRole,
  type AdminUser,
  type CreateAdminUserInput,
  type ListAdminUsersParams,
  type UpdateAdminUserInput,
} from './schemas/admin-user-schema';

/**
 * Users and roles (`/api/admin/users`, admin or super-admin). An admin sees and manages the users
 * of its own tenant; a super-admin every tenant's. Another tenant's user is a NotFoundError.
 */
export class AdminUsersResource {
  constructor(private readonly core: CoreClient) {}

  /**
   * Users ordered by id. Upstream pages this list in an envelope (`{users, total, page,
   * page_size, total_pages}`) rather than the X-Pagination header; the page object is the same.
   */
  list(params: ListAdminUsersParams = {}, options?: RequestOptions): PagePromise<AdminUser> {
    const p = validateInput(ListAdminUsersParamsSchema, params, 'user list parameters');
    return new PagePromise(async (page) => {
      const wire = await this.core.request(
        {
          method: 'GET',
          path: '/api/admin/users',
          query: { page, page_size: p.pageSize, search: p.search, role: p.role, tenant_id: p.tenantId },
          schema: AdminUserPageWireSchema,
        },
        options,
      );
      return {
        items: wire.users.map(adminUserFromWire),
        info: { page: wire.page, pageSize: wire.page_size, total: wire.total, totalPages: wire.total_pages },
      };
    }, p.page ?? 1);
  }

  async get(id: string, options?: RequestOptions): Promise<AdminUser> {
    return adminUserFromWire(await this.core.request({ method: 'GET', path: '/api/admin/users/{id}', params: { id: requireId(id, 'user id') }, schema: AdminUserWireSchema }, options));
  }

  /** The password must meet the policy; it is checked before anything is sent. */
  async create(input: CreateAdminUserInput, options?: RequestOptions): Promise<AdminUser> {
    const p = validateInput(CreateAdminUserInputSchema, input, 'user');
    const body = {
      username: p.username,
      email: p.email,
      password: p.password,
      ...(p.role !== undefined && { role: p.role }),
      ...(p.tenantId !== undefined && { tenant_id: p.tenantId }),
    };
    return adminUserFromWire(await this.core.request({ method: 'POST', path: '/api/admin/users', body, schema: AdminUserWireSchema }, options));
  }

  /** A new role or `active: false` ends the user's sessions. */
  async update(id: string, input: UpdateAdminUserInput, options?: RequestOptions): Promise<AdminUser> {
    const body = validateInput(UpdateAdminUserInputSchema, input, 'user update');
    return adminUserFromWire(
      await this.core.request({ method: 'PUT', path: '/api/admin/users/{id}', params: { id: requireId(id, 'user id') }, body, schema: AdminUserWireSchema }, options),
    );
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.core.request({ method: 'DELETE', path: '/api/admin/users/{id}', params: { id: requireId(id, 'user id') } }, options);
  }

  /** Set the user's roles; upstream keeps only the first, so pass the one that matters first. */
  async setRoles(id: string, roles: AdminRole[], options?: RequestOptions): Promise<AdminUser> {
    const checked = validateInput(AdminRoleListSchema, roles, 'roles');
    const wire = await this.core.request(
      { method: 'POST', path: '/api/admin/users/{id}/roles', params: { id: requireId(id, 'user id') }, body: { roles: checked }, schema: AdminRolesAnswerWireSchema },
      options,
    );
    return adminUserFromWire(wire.user);
  }
}
