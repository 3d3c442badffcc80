export * from '@novacron/resilience';
