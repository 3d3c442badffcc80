export { RedisPlanStore, type RedisPlanStoreOptions } from './redis-plan-store';
