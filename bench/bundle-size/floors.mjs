// What the two unmet budgets (issue 9) are made of, and the floor each part sets. Each entry is
// bundled as report.mjs does (esbuild, browser, ESM, minified, gzip -9) four times: as is; with
// `@novacron/core` replaced by a stub (a CoreClient, error classes and helpers that weigh nothing);
// with every zod import replaced by a stub; and with both. A stubbed bundle does not work: it weighs
// what is left. "core stubbed" is the smallest the entry can be while the wire schemas stay zod, however
// small the client became; "zod stubbed" the smallest it can be with today's client and zod-free checks.
// A second entry uses one resource on a bare CoreClient (no createVmClient).
// Usage: node bench/bundle-size/floors.mjs   (packages built)
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserBundle } from './browser-bundle.mjs';

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

// Every name the given modules export, each bound to one Proxy that answers any call, property
// or construction with itself (parse returns its input), so module-level schema building still runs.
// An export clause may use reserved words (`s as enum`), so every name goes through one.
async function stubSource(specifiers, from) {
  const resolveFrom = createRequire(`${root}${from}/package.json`);
  const names = new Set(['default']);
  for (const specifier of specifiers) {
    for (const name of Object.keys(await import(pathToFileURL(resolveFrom.resolve(specifier)).href))) names.add(name);
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
  const result = await browserBundle({ ...input, absWorkingDir: root, plugins });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

// An esbuild plugin that answers every import matching `filter` with the stub of those names.
function stubbing(name, filter, source) {
  return {
    name,
    setup(b) {
      b.onResolve({ filter }, () => ({ path: name, namespace: name }));
      b.onLoad({ filter: /.*/, namespace: name }, () => ({ contents: source, loader: 'js' }));
    },
  };
}

// zod is core's dependency, not the workspace root's: resolve it from there.
const zod = stubbing('zod-stub', /^zod(\/.*)?$/, await stubSource(['zod/mini', 'zod/v4/core'], 'packages/core'));
const core = stubbing('core-stub', /^@novacron\/core$/, await stubSource(['@novacron/core'], 'packages/vm'));

console.log('| entry | as is | @novacron/core stubbed | zod stubbed | both stubbed |');
console.log('|---|---:|---:|---:|---:|');
for (const entry of entries) {
  const sizes = [];
  for (const plugins of [[], [core], [zod], [core, zod]]) sizes.push(kb(await gzipped(entry, plugins)));
  console.log(`| ${entry.name} | ${sizes.join(' | ')} |`);
}
