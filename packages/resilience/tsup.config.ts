import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

// Two entries: the browser-safe policies and the Node-only Redis shared state
// (`@novacron/resilience/redis`), so ioredis is reachable only from the subpath that needs it.
export default defineConfig([
  packageBuild({ entry: ['src/index.ts', 'src/redis.ts'], splitting: true }),
  browserModuleBuild({ exclude: ['src/redis.ts', 'src/redis/**'] }),
]);
