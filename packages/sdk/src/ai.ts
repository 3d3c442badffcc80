export * from '@novacron/ai';
