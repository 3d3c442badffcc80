export * from '@novacron/admin';
