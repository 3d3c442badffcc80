export * from '@novacron/federation';
