export * from '@novacron/events';
