import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

export default defineConfig([
  packageBuild({ entry: ['src/index.ts'] }),
  // The browser build swaps the `ws`-based socket factory for the native-WebSocket one, so `ws`
  // never reaches a browser bundle; package.json's `browser` condition points at that build.
  browserModuleBuild({ swaps: { 'internal/default-socket-factory': 'internal/default-socket-factory.browser' } }),
]);
