import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

export default defineConfig([
  // src/internal/zod.ts: the one copy of zod every package's Node build imports (see tsup.shared.ts).
  packageBuild({ entry: ['src/index.ts', 'src/node.ts', 'src/otel.ts', 'src/internal/zod.ts'], clean: false }),
  // The browser build swaps the undici transport for fetch, so undici never reaches a bundle.
  browserModuleBuild({
    swaps: { 'internal/default-transport': 'internal/default-transport.browser' },
    exclude: ['src/node.ts', 'src/otel.ts', 'src/internal/zod.ts', 'src/policies/otel-policy.ts', 'src/internal/undici-transport.ts', 'src/internal/node-tls.ts', 'src/auth/file-token-store.ts', 'src/auth/keyring-token-store.ts'],
  }),
]);
