import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

/** One entry per subpath, so `@novacron/sdk/vm` loads the VM package and nothing else. */
export default defineConfig([
  packageBuild({ entry: ['src/index.ts', 'src/core.ts', 'src/vm.ts', 'src/resilience.ts', 'src/cache.ts', 'src/cache-redis.ts', 'src/events.ts', 'src/admin.ts'] }),
  // Browsers load the event classes the client uses, not the whole of @novacron/events.
  browserModuleBuild({ swaps: { 'internal/load-events': 'internal/load-events.browser' }, exclude: ['src/cache-redis.ts'] }),
]);
