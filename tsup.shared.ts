import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** The one build recipe every package uses: ESM + CJS + .d.ts, sourcemaps, version injected. */
export function packageBuild(overrides: Options = {}): Options {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  return {
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
    ...overrides,
  };
}
