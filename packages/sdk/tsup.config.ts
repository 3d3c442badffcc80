import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

/** Every other top-level file is a subpath's one-line re-export (`src/vm.ts` → `@novacron/sdk/vm`). */
const REEXPORTS = readdirSync('src')
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'create-client.ts')
  .map((file) => `src/${file}`);

/** One entry per subpath, so `@novacron/sdk/vm` loads the VM package and nothing else. */
export default defineConfig([
  packageBuild({ entry: ['src/index.ts'] }),
  // Re-exports have no code to map (with a map, tsup wrote two sourceMappingURL lines in each).
  packageBuild({ entry: REEXPORTS, sourcemap: false, clean: false }),
  // Browsers load the event classes the client uses, not the whole of @novacron/events.
  browserModuleBuild({
    swaps: {
      'internal/load-events': 'internal/load-events.browser',
      'internal/cache-from-env': 'internal/cache-from-env.browser',
      'internal/otel-wiring': 'internal/otel-wiring.browser',
    },
    exclude: ['src/cache-redis.ts', 'src/prometheus.ts'],
  }),
]);
