import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

// Three entries: the browser-safe root, the file plan store (`/node`, node:fs) and the Redis plan
// store (`/redis`, ioredis). Splitting keeps one copy of the shared code, so errors thrown by a
// store are the same classes the root exports. Browsers get the root as one file per module
// (dist/browser), without the two Node-only stores.
export default defineConfig([
  packageBuild({ entry: ['src/index.ts', 'src/node.ts', 'src/redis.ts'], splitting: true, external: ['ioredis'] }),
  browserModuleBuild({ exclude: ['src/node.ts', 'src/redis.ts', 'src/file-plan-store.ts', 'src/redis-plan-store.ts'] }),
]);
