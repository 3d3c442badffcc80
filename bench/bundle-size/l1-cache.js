// Only the in-memory (L1) cache.
import { createCache } from '@novacron/cache';

const cache = createCache();
cache.getOrSet('vm:1', async () => ({ id: 'vm-1' })).then((value) => console.log(value));
