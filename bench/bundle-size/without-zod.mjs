// How much of the two unmet budgets (issue 9) is zod: each entry bundled as report.mjs does (esbuild,
// browser, ESM, minified, gzip -9), once as is and once with every zod import replaced by a stub that
// does nothing. The stubbed bundle does not work; it shows what the SDK's own code weighs, the floor
// that any zod-free wire check would start from. A third entry uses one resource on a bare CoreClient
// (no createVmClient), the smallest thing a VM read can be built from today.
// Usage: node bench/bundle-size/without-zod.mjs   (packages built)
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

const entries = [
  { name: 'createVmClient + CoreClient + vms.get', file: 'bench/bundle-size/vm-client.js' },
  {
    name: 'VmsResource + CoreClient + vms.get (no createVmClient)',
    contents: `import { CoreClient } from '@novacron/core';
import { VmsResource } from '@novacron/vm';
const vms = new VmsResource(new CoreClient({ baseUrl: 'https://novacron.example.com', token: 'token' }));
vms.get('vm-1').then((found) => console.log(found.name));`,
  },
  { name: 'createClient + vms.get + events()', file: 'bench/bundle-size/sdk-client.js' },
];

// Every name zod/mini and zod/v4/core export, each bound to one Proxy that answers any call, property
// or construction with itself (parse returns its input), so module-level schema building still runs.
// An export clause may use reserved words (`s as enum`), so every name goes through one.
async function stubSource() {
  // zod is core's dependency, not the workspace root's: resolve it from there.
  const fromCore = createRequire(`${root}packages/core/package.json`);
  const names = new Set(['default']);
  for (const specifier of ['zod/mini', 'zod/v4/core']) {
    for (const name of Object.keys(await import(pathToFileURL(fromCore.resolve(specifier)).href))) names.add(name);
  }
  return `const s = new Proxy(function () {}, {
  get: (t, k) => (k === 'parse' ? (x) => x : k === 'safeParse' ? (x) => ({ success: true, data: x }) : s),
  apply: () => s,
  construct: () => s,
});
export { ${[...names].map((n) => `s as ${n}`).join(', ')} };`;
}

async function gzipped(entry, plugins) {
  const input = entry.file ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: `${root}bench/bundle-size`, loader: 'js' } };
  const result = await build({ ...input, absWorkingDir: root, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', plugins });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const stub = await stubSource();
const withoutZod = {
  name: 'zod-stub',
  setup(b) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, () => ({ path: 'zod', namespace: 'zod-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-stub' }, () => ({ contents: stub, loader: 'js' }));
  },
};

console.log('| entry | gzip | zod stubbed out | zod\'s share |');
console.log('|---|---:|---:|---:|');
for (const entry of entries) {
  const whole = await gzipped(entry, []);
  const floor = await gzipped(entry, [withoutZod]);
  console.log(`| ${entry.name} | ${kb(whole)} | ${kb(floor)} | ${kb(whole - floor)} |`);
}
