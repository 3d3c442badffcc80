// The bundle table of docs/benchmarks.md: each budget entry of .size-limit.mjs (a throwaway user
// entry, tree-shaken) and each public browser entry (`export *`, so nothing is shaken: an upper
// bound), bundled by esbuild for the browser, minified; gzip -9; the packages that weigh most.
// Usage: node bench/bundle-size/report.mjs   (packages built)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import budgets from '../../.size-limit.mjs';
import { consumerProject, publicEntries } from '../../scripts/check-bundles.mjs';
import { browserBundle } from './browser-bundle.mjs';

const root = new URL('../..', import.meta.url).pathname;
// kB = 1000 bytes, as size-limit counts.
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

async function measure(file, resolveDir) {
  const result = await browserBundle({ entryPoints: [file], absWorkingDir: resolveDir, metafile: true });
  const code = result.outputFiles[0].contents;
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const match = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/) ?? input.match(/packages\/([^/]+)\//);
    const name = match ? (match[1].startsWith('@') ? match[1] : match[0].startsWith('packages') ? `@novacron/${match[1]}` : match[1]) : 'entry';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  byPackage.delete('entry');
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, bytes]) => `${name} ${kb(bytes)}`);
  return { min: kb(code.length), gzip: kb(gzipSync(code, { level: 9 }).length), top: top.join(', ') };
}

// The gate's own figure (size-limit), next to esbuild's minified size and what weighs most.
const gated = JSON.parse(execFileSync(join(root, 'node_modules', '.bin', 'size-limit'), ['--json'], { cwd: root, encoding: 'utf8' }));
console.log('| budget entry | limit | min | gzip (size-limit) | largest parts (minified) |\n|---|---:|---:|---:|---|');
for (const budget of budgets) {
  const { min, top } = await measure(join(root, budget.path), root);
  const size = gated.find((g) => g.name === budget.name)?.size;
  console.log(`| ${budget.name} (\`${budget.path}\`) | ${budget.limit} | ${min} | ${(size / 1000).toFixed(2)} kB | ${top} |`);
}

const project = consumerProject();
const dir = mkdtempSync(join(tmpdir(), 'novacron-report-'));
try {
  console.log('\n| public entry (`export *`) | min | gzip | largest parts (minified) |\n|---|---:|---:|---|');
  for (const [index, { specifier, browser }] of publicEntries().entries()) {
    if (!browser) continue;
    const file = join(project, `entry-${index}.js`);
    writeFileSync(file, `export * from '${specifier}';\n`);
    const { min, gzip, top } = await measure(file, project);
    console.log(`| \`${specifier}\` | ${min} | ${gzip} | ${top} |`);
  }
} finally {
  rmSync(project, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
