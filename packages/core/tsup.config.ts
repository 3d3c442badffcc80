import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';
import { packageBuild } from '../../tsup.shared';

/** The browser build swaps the undici transport for fetch, so undici never reaches a bundle. */
const browserTransport: Plugin = {
  name: 'novacron-browser-transport',
  setup(build) {
    build.onResolve({ filter: /internal\/default-transport$/ }, (args) => ({
      path: `${args.resolveDir}/${args.path.replace(/^\.\//, '')}.browser.ts`,
    }));
  },
};

export default defineConfig([
  packageBuild({ entry: ['src/index.ts', 'src/node.ts'], clean: false }),
  packageBuild({
    entry: { 'browser/index': 'src/index.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    platform: 'browser',
    esbuildPlugins: [browserTransport],
  }),
]);
