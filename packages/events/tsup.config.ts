import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

/**
 * The browser build swaps the `ws`-based socket factory for the native-WebSocket one, so `ws`
 * never reaches a browser bundle; package.json's `browser` condition points at that build.
 */
export const browserSocketFactory: Plugin = {
  name: 'novacron-browser-socket-factory',
  setup(build) {
    build.onResolve({ filter: /\/default-socket-factory$/ }, () => ({
      path: fileURLToPath(new URL('./src/internal/default-socket-factory.browser.ts', import.meta.url)),
    }));
  },
};

export default defineConfig([
  packageBuild({ entry: ['src/index.ts'] }),
  packageBuild({
    entry: { 'index.browser': 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    dts: false,
    clean: false,
    esbuildPlugins: [browserSocketFactory],
  }),
]);
