// Runs every package's (and example's) tests through turbo, then prints one closing line for the whole
// monorepo ("N passed, N failed") from the jest result files, and exits as turbo did.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Examples with a test folder run their tests too (each runs its example against the simulator).
const dirs = ['packages', 'examples'].flatMap((root) => readdirSync(root).map((name) => join(root, name)));
for (const dir of dirs) rmSync(join(dir, '.jest-results.json'), { force: true });

const args = ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)];
// A hung test run should fail in minutes, not hold CI to its 90-minute limit.
const run = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit', timeout: 30 * 60_000, killSignal: 'SIGKILL' });
if (run.error) console.log(`test run stopped: ${run.error.message}`);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of dirs) {
  const file = join(dir, '.jest-results.json');
  if (!existsSync(file)) {
    if (existsSync(join(dir, 'test'))) missing.push(dir);
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
}
if (missing.length) console.log(`no results from: ${missing.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status ?? 1);
