/** Upstream's implied-role ladder (`impliedRoles`): a role grants every role below it. */
const RANK: Record<string, number> = { readonly: 1, viewer: 2, operator: 3, admin: 4, 'super-admin': 5 };

export type RequiredRole = 'viewer' | 'operator' | 'admin';

export function roleRank(roles: readonly string[]): number {
  let best = 0;
  for (const role of roles) best = Math.max(best, RANK[role.toLowerCase()] ?? 0);
  return best;
}

export function hasRole(roles: readonly string[], required: RequiredRole): boolean {
  return roleRank(roles) >= RANK[required]!;
}
