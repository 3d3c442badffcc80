import type { CoreClient } from '@novacron/core';
import { AdminUsersResource } from './admin-users-resource';
import { SecurityResource } from './security-resource';

/** The administration resources, all sending through one CoreClient. */
export interface AdminClient {
  users: AdminUsersResource;
  security: SecurityResource;
}

export function createAdminClient(core: CoreClient): AdminClient {
  return { users: new AdminUsersResource(core), security: new SecurityResource(core) };
}
