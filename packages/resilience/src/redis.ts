export { RedisBreakerState, redisBreakerState, type RedisBreakerStateOptions } from './redis/redis-breaker-state';
