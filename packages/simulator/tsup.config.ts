import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

/** The CLI imports the server from the package's own entry instead of carrying a second copy of it. */
const cliUsesPackageEntry: Plugin = {
  name: 'novacron-cli-uses-package-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: './index.js', external: true }));
  },
};

export default defineConfig([
  packageBuild({ entry: ['src/index.ts'] }),
  // The bin runs the ESM CLI; it needs neither a CJS build nor types.
  packageBuild({ entry: ['src/cli.ts'], format: ['esm'], dts: false, clean: false, esbuildPlugins: [cliUsesPackageEntry] }),
]);
