export * from '@novacron/cache/redis';
