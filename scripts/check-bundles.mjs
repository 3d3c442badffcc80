// Two promises of the packaging, checked on the built packages of every publishable package in
// packages/* (new packages are covered without editing this file):
// 1. Every public entry (root and subpaths) bundles for the browser and holds no Node-only
//    module (undici, ws, ioredis, node: builtins). Node-only entries are the explicit Node
//    subpaths (`/node`, `/redis`, `/cache/redis`) and Node-only packages: those are bundled for
//    Node instead, so a broken one still fails.
// 2. Loading `@novacron/sdk` in Node loads neither `ws` nor `ioredis`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** Packages that only make sense in Node (a server, a CLI). */
const NODE_ONLY_PACKAGES = new Set(['@novacron/simulator']);
/** Subpaths that are Node-only by name. */
const NODE_ONLY_SUBPATH = /(^|\/|-)(node|redis)$/;
const NODE_ONLY_MODULE = /(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(undici|ws|ioredis)\/|^node:/;

export function publishablePackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => ({ dir: join(root, 'packages', dir), pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private);
}

export function publicEntries() {
  const entries = [];
  for (const { dir, pkg } of publishablePackages()) {
    for (const subpath of Object.keys(pkg.exports ?? { '.': pkg.main })) {
      if (subpath === './package.json') continue;
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

async function main() {
  const project = consumerProject();
  let failed = false;
  try {
    console.log('every public entry, bundled with esbuild (minified, platform browser unless Node-only):');
    for (const { specifier, browser } of publicEntries()) {
      const platform = browser ? 'browser' : 'node';
      let bundle;
      try {
        bundle = await esbuildBundle(specifier, project, platform);
      } catch (error) {
        failed = true;
        const first = error.errors?.[0];
        console.log(`  ✗ ${specifier} (${platform}): does not bundle: ${error.errors?.length ?? 1} error(s), first: ${first ? `${first.text} (${first.location?.file})` : error.message}`);
        continue;
      }
      if (!browser) {
        console.log(`  ✓ ${specifier} (Node-only entry): bundles for Node`);
        continue;
      }
      const nodeOnly = bundle.modules.filter((m) => NODE_ONLY_MODULE.test(m));
      const size = `${kb(bundle.code.length)} min, ${kb(gzipSync(bundle.code, { level: 9 }).length)} gzip`;
      if (nodeOnly.length > 0) {
        failed = true;
        console.log(`  ✗ ${specifier}: ${size}; pulls in Node-only ${nodeOnly.join(', ')}`);
      } else {
        console.log(`  ✓ ${specifier}: ${size}`);
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }

  const probe = `
    require('@novacron/sdk');
    const loaded = Object.keys(require.cache);
    const heavy = ['/ws/', '/ioredis/', '/@novacron/events/'].filter((p) => loaded.some((f) => f.includes('node_modules') && f.includes(p)));
    console.log(JSON.stringify({ modules: loaded.length, heavy }));`;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: join(root, 'packages', 'sdk'), encoding: 'utf8' });
  if (run.status !== 0) {
    failed = true;
    console.log(`  ✗ require('@novacron/sdk') failed: ${run.stderr.split('\n')[0]}`);
  } else {
    const { modules, heavy } = JSON.parse(run.stdout);
    if (heavy.length) failed = true;
    console.log(`${heavy.length ? '  ✗' : '  ✓'} require('@novacron/sdk') loads ${modules} modules${heavy.length ? `, including ${heavy.join(', ')}` : ', none of ws, ioredis or @novacron/events'}`);
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
