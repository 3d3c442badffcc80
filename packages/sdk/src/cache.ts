export * from '@novacron/cache';
