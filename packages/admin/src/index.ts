export { createAdminClient, type AdminClient } from './admin-client';
export { AdminUsersResource } from './admin-users-resource';
export { SecurityResource } from './security-resource';
export * from './schemas/admin-user-schema';
export * from './schemas/security-schema';
