export { createRedisCache, type RedisCacheOptions } from './redis/create-redis-cache';
export { RedisL2Store, type RedisL2StoreOptions } from './redis/redis-l2-store';
export { RedisInvalidationBus, type RedisInvalidationBusOptions } from './redis/redis-invalidation-bus';
export { RedisLock } from './redis/redis-lock';
export { createRedisClient, duplicateForSubscribe, describeRedisUrl, type RedisClient, type RedisConnectionOptions } from './redis/redis-connection';
