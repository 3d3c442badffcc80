// Two promises of the packaging, checked on the built packages of every publishable package in
// packages/* (new packages are covered without editing this file):
// 1. Every public entry (root and subpaths) bundles for the browser with esbuild, Rollup
//    (node-resolve with the browser condition) and webpack 5, and holds no Node-only module
//    (undici, ws, ioredis, node: builtins) and no Node polyfill. Node-only entries are the
//    explicit Node subpaths (`/node`, `/redis`, `/cache/redis`, `/prometheus`: prom-client reads
//    process and cluster stats) and Node-only packages: those are
//    bundled for Node by esbuild instead, so a broken one still fails.
// 2. Loading `@novacron/sdk` in Node loads none of `ws`, `ioredis`, `@novacron/events`, `@opentelemetry/api`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import webpack from 'webpack';

const root = new URL('..', import.meta.url).pathname;
/** Packages that only make sense in Node (a server, a CLI). */
const NODE_ONLY_PACKAGES = new Set(['@novacron/simulator']);
/** Subpaths that are Node-only by name. */
const NODE_ONLY_SUBPATH = /(^|\/|-)(node|redis|prometheus)$/;
const NODE_ONLY_MODULE =
  /(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(undici|ws|ioredis|buffer|process|util|events|stream-browserify|crypto-browserify|path-browserify|os-browserify)\/|^node:/;

/** Whether an `exports` key is an entry users import: not the manifest, and not `./internal/*` (core's shared zod for our own Node builds). */
export function isPublicSubpath(subpath) {
  return subpath !== './package.json' && !subpath.startsWith('./internal/');
}

export function publishablePackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => ({ dir: join(root, 'packages', dir), pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private);
}

export function publicEntries() {
  const entries = [];
  for (const { dir, pkg } of publishablePackages()) {
    for (const subpath of Object.keys(pkg.exports ?? { '.': pkg.main })) {
      if (!isPublicSubpath(subpath)) continue;
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const browser = !NODE_ONLY_PACKAGES.has(pkg.name) && !NODE_ONLY_SUBPATH.test(subpath.slice(2));
      entries.push({ specifier, dir, name: pkg.name, browser });
    }
  }
  return entries;
}

/** A throwaway project outside the workspace whose node_modules/@novacron/* link to the packages. */
export function consumerProject() {
  const project = mkdtempSync(join(tmpdir(), 'novacron-bundles-'));
  mkdirSync(join(project, 'node_modules', '@novacron'), { recursive: true });
  for (const { dir, pkg } of publishablePackages()) symlinkSync(dir, join(project, 'node_modules', pkg.name), 'dir');
  return project;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function esbuildBundle(specifier, project, platform) {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: project, loader: 'js' },
    bundle: true,
    platform,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // A Node bundle keeps dependencies as imports: the check is that the entry resolves and builds.
    packages: platform === 'node' ? 'external' : undefined,
  });
  return { code: result.outputFiles[0].contents, modules: Object.keys(result.metafile.inputs) };
}

export async function rollupBundle(file, project) {
  const problems = [];
  const bundle = await rollup({
    input: file,
    plugins: [nodeResolve({ browser: true, preferBuiltins: false, rootDir: project }), commonjs()],
    // Rollup leaves what it cannot resolve as an external import: for a browser bundle that is a failure.
    onwarn: (warning) => {
      if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_EXPORT') problems.push(warning.message);
    },
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  if (problems.length) throw new Error(`${problems.length} problem(s), first: ${problems[0]}`);
  return { modules: Object.keys(output[0].modules) };
}

export function webpackBundle(file, project) {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        target: 'web',
        context: project,
        entry: file,
        output: { path: join(project, 'webpack-out'), filename: '[name].js' },
        optimization: { minimize: false },
        devtool: false,
      },
      (error, stats) => {
        if (error) return reject(error);
        const info = stats.toJson({ all: false, errors: true, modules: true, nestedModules: true });
        if (stats.hasErrors()) return reject(new Error(`${info.errors.length} error(s), first: ${info.errors[0].message.split('\n')[0]}`));
        const names = [];
        const walk = (modules) => {
          for (const m of modules ?? []) {
            if (m.nameForCondition) names.push(m.nameForCondition);
            else if (m.name) names.push(m.name);
            walk(m.modules);
          }
        };
        walk(info.modules);
        resolve({ modules: names });
      },
    );
  });
}

async function main() {
  const project = consumerProject();
  let failed = false;
  try {
    console.log('every public entry, for the browser (esbuild minified size; Rollup and webpack 5 must bundle it too):');
    for (const [index, { specifier, browser }] of publicEntries().entries()) {
      const platform = browser ? 'browser' : 'node';
      const results = [];
      try {
        const bundle = await esbuildBundle(specifier, project, platform);
        if (!browser) {
          console.log(`  ✓ ${specifier} (Node-only entry): bundles for Node`);
          continue;
        }
        results.push(['esbuild', bundle.modules]);
        results.size = `${kb(bundle.code.length)} min, ${kb(gzipSync(bundle.code, { level: 9 }).length)} gzip`;
        const file = join(project, `entry-${index}.js`);
        writeFileSync(file, `export * from '${specifier}';\n`);
        results.push(['rollup', (await rollupBundle(file, project)).modules]);
        results.push(['webpack', (await webpackBundle(file, project)).modules]);
      } catch (error) {
        failed = true;
        const first = error.errors?.[0];
        const bundler = ['esbuild', 'rollup', 'webpack'][results.length];
        const detail = first ? `${error.errors.length} error(s), first: ${first.text} (${first.location?.file})` : error.message.split('\n')[0];
        console.log(`  ✗ ${specifier}: ${bundler} (${platform}) cannot bundle it: ${detail}`);
        continue;
      }
      const nodeOnly = results.flatMap(([bundler, modules]) => modules.filter((m) => NODE_ONLY_MODULE.test(m)).map((m) => `${m} (${bundler})`));
      if (nodeOnly.length > 0) {
        failed = true;
        console.log(`  ✗ ${specifier}: ${results.size}; pulls in Node-only ${[...new Set(nodeOnly)].join(', ')}`);
      } else {
        console.log(`  ✓ ${specifier}: ${results.size} (esbuild, Rollup, webpack)`);
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }

  const probe = `
    require('@novacron/sdk');
    const loaded = Object.keys(require.cache);
    const heavy = ['/ws/', '/ioredis/', '/@novacron/events/', '/@opentelemetry/'].filter((p) => loaded.some((f) => f.includes('node_modules') && f.includes(p)));
    console.log(JSON.stringify({ modules: loaded.length, heavy }));`;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: join(root, 'packages', 'sdk'), encoding: 'utf8' });
  if (run.status !== 0) {
    failed = true;
    console.log(`  ✗ require('@novacron/sdk') failed: ${run.stderr.split('\n')[0]}`);
  } else {
    const { modules, heavy } = JSON.parse(run.stdout);
    if (heavy.length) failed = true;
    console.log(`${heavy.length ? '  ✗' : '  ✓'} require('@novacron/sdk') loads ${modules} modules${heavy.length ? `, including ${heavy.join(', ')}` : ', none of ws, ioredis, @novacron/events or @opentelemetry/api'}`);
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
