import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

// Two entries: the browser-safe core and the Node-only Redis parts (`@novacron/cache/redis`).
// Splitting keeps one copy of the shared code, so a Cache made by createRedisCache is the same
// class the main entry exports.
export default defineConfig([
  packageBuild({ entry: ['src/index.ts', 'src/redis.ts'], splitting: true }),
  browserModuleBuild({ exclude: ['src/redis.ts', 'src/redis/**'] }),
]);
