export * from '@novacron/vm';
