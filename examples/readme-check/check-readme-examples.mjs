// Every package README starts with an example that must run. This extracts the first ```ts
// block of each, writes it beside this file (so it resolves the built @novacron/* packages like
// a user's project would), runs it with tsx, and fails if any example throws or hangs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const out = new URL('./.snippets/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let failed = 0;
for (const name of readdirSync(join(root, 'packages')).sort()) {
  let readme;
  try {
    readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8');
  } catch {
    console.log(`✗ ${name}: no README.md`);
    failed++;
    continue;
  }
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) {
    console.log(`✗ ${name}: README has no \`\`\`ts example`);
    failed++;
    continue;
  }
  const file = join(out, `${name}.mts`);
  writeFileSync(file, match[1]);
  const run = spawnSync('npx', ['tsx', file], { cwd: out, encoding: 'utf8', timeout: 90_000 });
  if (run.status === 0) {
    console.log(`✓ ${name}`);
  } else {
    failed++;
    console.log(`✗ ${name}: exit ${run.status ?? run.signal}\n${(run.stderr || run.stdout).split('\n').slice(0, 15).join('\n')}`);
  }
}
console.log(failed ? `${failed} README example(s) failed` : 'every README example ran');
process.exit(failed ? 1 : 0);
