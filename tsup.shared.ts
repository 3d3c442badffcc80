import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync, type Plugin } from 'esbuild';
import type { Options } from 'tsup';

function version(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

/** Dependencies the Node build carries inside its files (their licences go along, see below). */
const BUNDLED_IN_NODE = /^(zod|cockatiel)(\/|$)/;

/**
 * The licence of every dependency this package's Node build bundles, in dist/THIRD-PARTY-NOTICES.md
 * (shipped: `dist` is in every package's `files`). Read from the installed package at build time.
 */
async function writeThirdPartyNotices(): Promise<void> {
  const manifest = manifestOf();
  const sections: string[] = [];
  // What the build really carries (a package that takes zod from core's shared copy carries none).
  const carried = sourcesInDist();
  const bundled = (dep: string) => BUNDLED_IN_NODE.test(dep) && carried.has(dep);
  for (const name of Object.keys(manifest.dependencies ?? {}).filter(bundled).sort()) {
    // The package's own folder (pnpm links every dependency under the package's node_modules).
    const dir = realpathSync(join('node_modules', name));
    const licence = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
    if (licence === undefined) throw new Error(`${name} ships no licence file; it cannot be bundled`);
    const { version: v } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    sections.push(`## ${name} ${v}\n\n\`\`\`\n${readFileSync(join(dir, licence), 'utf8').trim()}\n\`\`\`\n`);
  }
  if (sections.length === 0) return;
  const intro = '# Third-party notices\n\nThe Node build in this folder includes code from these packages (a browser build, where the package has one, imports them instead).\n\n';
  writeFileSync('dist/THIRD-PARTY-NOTICES.md', intro + sections.join('\n'));
}

/** Where the one shared copy of zod lives in the Node builds (see packages/core/src/internal/zod.ts). */
// Builds run in the package's folder (packages/<name>).
const SHARED_ZOD_SOURCE = resolve('../core/src/internal/zod.ts');
const SHARED_ZOD_SPECIFIER = '@novacron/core/internal/zod';

/**
 * The runtime names a package's sources take from zod (`z.object(...)`, `import { safeParse } from
 * 'zod/v4/core'`), read from each file as esbuild compiles it (types erased, whitespace gone, so
 * `z\n  .string()` reads `z.string()`).
 */
function zodNamesUsed(dir: string, used = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) zodNamesUsed(path, used);
    else if (entry.name.endsWith('.ts') && path !== SHARED_ZOD_SOURCE) {
      const code = transformSync(readFileSync(path, 'utf8'), { loader: 'ts', minifyWhitespace: true }).code;
      const namespace = /import\*as (\w+) ?from"zod\/mini"/.exec(code)?.[1];
      if (namespace) for (const [, name] of code.matchAll(new RegExp(`(?<![\\w$.])${namespace}\\.([A-Za-z_$][\\w$]*)`, 'g'))) used.add(name!);
      for (const [, list] of code.matchAll(/import\{([^}]*)\}from"zod\/(?:mini|v4\/core)"/g)) {
        for (const item of list!.split(',')) used.add(item.split(' as ')[0]!.trim());
      }
    }
  }
  return used;
}

/**
 * Node builds of the packages that depend on core: zod comes from core's one bundled copy
 * (`@novacron/core/internal/zod`), not from a copy of their own; core's own modules import it the
 * same way, so only that file carries zod. A zod function a package calls that the shared file does
 * not export fails the build, naming it.
 */
function sharedZod(): Plugin {
  return {
    name: 'novacron-shared-zod',
    setup(build) {
      checkSharedZodCovers();
      build.onResolve({ filter: /^zod\/(mini|v4\/core)$/ }, (args) => (args.importer === SHARED_ZOD_SOURCE ? undefined : { path: SHARED_ZOD_SPECIFIER, external: true }));
    },
  };
}

/** Read once per package build: every format's setup would otherwise scan the sources again. */
let sharedZodChecked = false;
function checkSharedZodCovers(): void {
  if (sharedZodChecked) return;
  const shared = new Set(readFileSync(SHARED_ZOD_SOURCE, 'utf8').match(/export \{([^}]*)\}/)![1]!.split(',').map((name) => name.trim()).filter(Boolean));
  const missing = [...zodNamesUsed(resolve('src'))].filter((name) => !shared.has(name));
  if (missing.length) throw new Error(`zod functions missing from ${SHARED_ZOD_SOURCE}: ${missing.join(', ')}`);
  sharedZodChecked = true;
}

function manifestOf(): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; dependencies?: Record<string, string> };
}

/** The package's Node build imports zod from core (the shared plugin applies to core itself too). */
function dependsOnCore(): boolean {
  const manifest = manifestOf();
  return manifest.name === '@novacron/core' || manifest.dependencies?.['@novacron/core'] !== undefined;
}

/** The packages whose code the Node build's files carry, from the `// …/node_modules/<name>/…` lines esbuild writes above each bundled module. */
function sourcesInDist(dir = 'dist', found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'browser') sourcesInDist(path, found);
    } else if (/\.c?js$/.test(entry.name)) {
      for (const [, name] of readFileSync(path, 'utf8').matchAll(/^\/\/ \S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm)) found.add(name!);
    }
  }
  return found;
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
    // zod's entry loads 92 files (62 of them locales the SDK never uses) and cockatiel's 28: bundled
    // into the Node build they cost one file's parse instead, most of the start-up they took (zod knows
    // its schemas by their traits, so the app's copy and this one work together). Not
    // @opentelemetry/api (51 files): a bundled copy newer than the app's ignores the app's provider,
    // which the packed smoke test catches. The browser build keeps them external, so a bundler shares
    // one copy with the app.
    noExternal: [BUNDLED_IN_NODE],
    esbuildPlugins: dependsOnCore() ? [sharedZod()] : [],
    // Which of the two Node builds this is (`__NODE_CJS__`), for code that must load a sibling
    // package's subpath the way the app loaded the package: require() in CJS, import() in ESM.
    esbuildOptions(options, context) {
      options.define = { ...options.define, __NODE_CJS__: String(context.format === 'cjs') };
    },
    onSuccess: writeThirdPartyNotices,
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
