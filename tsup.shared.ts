import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import type { Options } from 'tsup';

function version(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

/** The one build recipe every package uses: ESM + CJS + .d.ts, sourcemaps, version injected. */
export function packageBuild(overrides: Options = {}): Options {
  return {
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
    define: { __PACKAGE_VERSION__: JSON.stringify(version()) },
    ...overrides,
  };
}

/**
 * Every import stays an import: relative ones point at the sibling output file (`./x.js`,
 * `./dir/index.js`), packages stay external. `swaps` replaces a module by its browser twin
 * (`{ 'internal/default-transport': 'internal/default-transport.browser' }`).
 */
function keepModules(swaps: Record<string, string>): Plugin {
  return {
    name: 'novacron-keep-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const absolute = resolve(args.resolveDir, args.path);
        const src = resolve('src');
        const relativeToSrc = absolute.slice(src.length + 1);
        const swapped = swaps[relativeToSrc];
        const target = swapped ? args.path.replace(/[^/]+$/, swapped.split('/').pop()!) : args.path;
        const file = existsSync(`${resolve(args.resolveDir, target)}.ts`) ? `${target}.js` : `${target}/index.js`;
        return { path: file, external: true };
      });
    },
  };
}

/**
 * The browser build, one output file per source module under dist/browser. A bundler then drops
 * every module whose exports go unused (package.json says `sideEffects: false`), module-level
 * schemas included, which it cannot do inside one bundled file. Node keeps the bundled files:
 * fewer files to load at start-up.
 */
export function browserModuleBuild(options: { swaps?: Record<string, string>; exclude?: string[] } = {}): Options {
  const swaps = options.swaps ?? {};
  return {
    entry: ['src/**/*.ts', ...Object.keys(swaps).map((from) => `!src/${from}.ts`), ...(options.exclude ?? []).map((glob) => `!${glob}`)],
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    treeshake: false,
    splitting: false,
    bundle: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(version()) },
    esbuildPlugins: [keepModules(swaps)],
  };
}
