import type { Principal } from '../auth/auth-service';

/** Whose records a caller may see: its own tenant's (plus records for everyone, tenant `*`), or all for a super-admin. */
export interface TenantScope {
  tenantId: string;
  allTenants: boolean;
}

export function scopeOf(principal: Pick<Principal, 'tenantId' | 'role' | 'roles'>): TenantScope {
  const roles = [principal.role, ...principal.roles].map((role) => role.toLowerCase());
  return { tenantId: principal.tenantId, allTenants: roles.includes('super-admin') };
}

export function inScope(scope: TenantScope, tenantId: string): boolean {
  return scope.allTenants || tenantId === scope.tenantId || tenantId === '*';
}
