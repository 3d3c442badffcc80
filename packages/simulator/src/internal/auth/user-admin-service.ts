import { HttpError, notFound } from '../http/http-error';
import { inScope, scopeOf } from '../world/tenant-scope';
import type { World } from '../world/world';
import { assertPasswordPolicy } from './account-service';
import type { Principal, UserRecord } from './auth-service';
import { roleRank } from './roles';

/** Upstream `normalizeCanonicalAdminRole`. */
export const ADMIN_ROLES = ['admin', 'operator', 'viewer', 'user', 'super-admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ADMIN_PAGE_SIZE = { default: 20, max: 100 } as const;

export interface AdminUserListQuery {
  page?: number | undefined;
  page_size?: number | undefined;
  search?: string | undefined;
  role?: string | undefined;
  tenant_id?: string | undefined;
}

/**
 * `/api/admin/users`: an admin manages the users of its own tenant; a super-admin those of every
 * tenant. Another tenant's user is a 404, as for every other resource. Nobody grants a role above
 * their own, and nobody deletes or demotes themselves by accident of a typo in an id.
 */
export class UserAdminService {
  constructor(private readonly world: World) {}

  /** Upstream's envelope: `{users, total, page, page_size, total_pages}`, ordered by id. */
  list(principal: Principal, query: AdminUserListQuery): Record<string, unknown> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? ADMIN_PAGE_SIZE.default;
    const scope = scopeOf(principal);
    const search = query.search?.toLowerCase();
    const matches = this.world.auth
      .allUsers()
      .filter((user) => inScope({ ...scope, allTenants: scope.allTenants }, user.tenantId) && user.tenantId !== '*')
      .filter((user) => query.tenant_id === undefined || user.tenantId === query.tenant_id)
      .filter((user) => query.role === undefined || user.role === query.role)
      .filter((user) => search === undefined || user.email.includes(search) || user.username.includes(search))
      .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
    const total = matches.length;
    return {
      users: matches.slice((page - 1) * pageSize, page * pageSize).map(adminUserWire),
      total,
      page,
      page_size: pageSize,
      total_pages: Math.ceil(total / pageSize),
    };
  }

  get(principal: Principal, id: string): UserRecord {
    const user = this.world.auth.userById(id);
    if (!user || !inScope(scopeOf(principal), user.tenantId)) throw notFound('user');
    return user;
  }

  create(principal: Principal, body: { username: string; email: string; password: string; role?: AdminRole | undefined; tenant_id?: string | undefined }): UserRecord {
    const role = body.role ?? 'user';
    this.assertMayGrant(principal, role);
    const tenantId = body.tenant_id ?? principal.tenantId;
    if (tenantId !== principal.tenantId && !scopeOf(principal).allTenants) throw new HttpError(403, 'forbidden', 'only a super-admin may create users in another tenant');
    assertPasswordPolicy(body.password);
    const auth = this.world.auth;
    if (auth.userByLogin(body.email)) throw new HttpError(409, 'conflict', 'email already in use');
    if (auth.userByLogin(body.username)) throw new HttpError(409, 'conflict', 'username already in use');
    // Upstream stores this password unhashed, so such users cannot log in; here they can.
    const user = auth.addUser({ email: body.email, username: body.username, password: body.password, role, tenantId });
    this.world.security.accountChange('user_created', principal, user, `${principal.username} created user ${user.username} (${role})`, { role });
    return user;
  }

  update(principal: Principal, id: string, body: { username?: string | undefined; email?: string | undefined; role?: AdminRole | undefined; active?: boolean | undefined }): UserRecord {
    if (body.username === undefined && body.email === undefined && body.role === undefined && body.active === undefined) {
      throw new HttpError(400, 'validation_error', 'no fields to update');
    }
    const user = this.get(principal, id);
    this.assertMayManage(principal, user);
    if (user.id === principal.userId && (body.active === false || (body.role !== undefined && body.role !== user.role))) {
      throw new HttpError(409, 'conflict', 'you cannot deactivate yourself or change your own role');
    }
    if (body.role !== undefined) this.assertMayGrant(principal, body.role);
    this.world.auth.rename(user, { email: body.email, username: body.username });
    if (body.role !== undefined && body.role !== user.role) this.changeRole(principal, user, body.role);
    if (body.active !== undefined && body.active !== user.active) {
      user.active = body.active;
      if (!body.active) this.world.auth.revokeSessionsOf(user.id);
      this.world.security.accountChange(body.active ? 'user_activated' : 'user_deactivated', principal, user, `${principal.username} ${body.active ? 'activated' : 'deactivated'} ${user.username}`);
    }
    user.updatedAt = this.world.now();
    return user;
  }

  delete(principal: Principal, id: string): void {
    const user = this.get(principal, id);
    this.assertMayManage(principal, user);
    if (user.id === principal.userId) throw new HttpError(409, 'conflict', 'you cannot delete yourself');
    this.world.auth.removeUser(user);
    this.world.security.accountChange('user_deleted', principal, user, `${principal.username} deleted user ${user.username}`);
  }

  /** Upstream takes `roles[0]` only; so does this. */
  setRoles(principal: Principal, id: string, roles: AdminRole[]): UserRecord {
    const role = roles[0]!;
    const user = this.get(principal, id);
    this.assertMayManage(principal, user);
    if (user.id === principal.userId && role !== user.role) throw new HttpError(409, 'conflict', 'you cannot change your own role');
    this.assertMayGrant(principal, role);
    if (role !== user.role) this.changeRole(principal, user, role);
    user.updatedAt = this.world.now();
    return user;
  }

  /** A new role ends the user's sessions: their tokens carry the old roles. */
  private changeRole(principal: Principal, user: UserRecord, role: AdminRole): void {
    const from = user.role;
    user.role = role;
    this.world.auth.revokeSessionsOf(user.id);
    this.world.security.accountChange('role_changed', principal, user, `${principal.username} changed ${user.username} from ${from} to ${role}`, { from, to: role });
  }

  private assertMayGrant(principal: Principal, role: string): void {
    if (roleRank([role]) > roleRank([principal.role, ...principal.roles])) {
      throw new HttpError(403, 'forbidden', `you cannot grant the role ${role}`);
    }
  }

  private assertMayManage(principal: Principal, user: UserRecord): void {
    if (roleRank([user.role]) > roleRank([principal.role, ...principal.roles])) {
      throw new HttpError(403, 'forbidden', 'you cannot manage a user with a higher role');
    }
  }
}

/** The admin routes' user (upstream: numeric id, snake_case), plus tenant and 2FA. */
export function adminUserWire(user: UserRecord): Record<string, unknown> {
  return {
    id: /^\d+$/.test(user.id) ? Number(user.id) : user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    active: user.active,
    tenant_id: user.tenantId,
    two_factor_enabled: user.totpSecret !== undefined,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}
