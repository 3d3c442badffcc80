// Two promises of the packaging, checked on the built packages:
// 1. A browser bundle of the browser-safe packages holds no Node-only dependency (undici, ws,
//    ioredis, node: builtins), and how big it is minified and gzipped.
// 2. Loading `@novacron/sdk` in Node loads neither `ws` nor `ioredis`: the event stream and the
//    Redis cache are only loaded by the code paths that use them.
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// A workspace that depends on every package, so specifiers resolve as in a user's project.
const resolveDir = new URL('../examples/readme-check/', import.meta.url).pathname;
const NODE_ONLY = /(^|\/)node_modules\/(undici|ws|ioredis)\/|^node:/;
const BROWSER_ENTRIES = ['@novacron/core', '@novacron/vm', '@novacron/cache', '@novacron/events', '@novacron/sdk/vm'];

let failed = false;
console.log('browser bundles (esbuild, platform browser, minified):');
for (const spec of BROWSER_ENTRIES) {
  const result = await build({
    stdin: { contents: `export * from '${spec}';`, resolveDir, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((error) => ({ error }));
  if ('error' in result) {
    failed = true;
    console.log(`  ✗ ${spec}: does not bundle for browsers: ${result.error.message.split('\n')[0]}`);
    continue;
  }
  const nodeOnly = Object.keys(result.metafile.inputs).filter((input) => NODE_ONLY.test(input));
  const code = result.outputFiles[0].contents;
  const size = `${(code.length / 1024).toFixed(1)} kB min, ${(gzipSync(code).length / 1024).toFixed(1)} kB gzip`;
  if (nodeOnly.length > 0) {
    failed = true;
    console.log(`  ✗ ${spec}: ${size}; pulls in Node-only ${nodeOnly.join(', ')}`);
  } else {
    console.log(`  ✓ ${spec}: ${size}`);
  }
}

const probe = `
  require('@novacron/sdk');
  const loaded = Object.keys(require.cache);
  const heavy = ['/ws/', '/ioredis/', '/@novacron/events/'].filter((p) => loaded.some((f) => f.includes('node_modules') && f.includes(p)));
  console.log(JSON.stringify({ modules: loaded.length, heavy }));`;
const run = spawnSync(process.execPath, ['-e', probe], { cwd: resolveDir, encoding: 'utf8' });
if (run.status !== 0) {
  failed = true;
  console.log(`  ✗ require('@novacron/sdk') failed: ${run.stderr.split('\n')[0]}`);
} else {
  const { modules, heavy } = JSON.parse(run.stdout);
  if (heavy.length) failed = true;
  console.log(`${heavy.length ? '  ✗' : '  ✓'} require('@novacron/sdk') loads ${modules} modules${heavy.length ? `, including ${heavy.join(', ')}` : ', none of ws, ioredis or @novacron/events'}`);
}
process.exit(failed ? 1 : 0);
