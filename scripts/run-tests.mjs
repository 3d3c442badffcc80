// Runs every package's (and example's) tests through turbo, then prints one closing line for the whole
// monorepo ("N passed, N failed") from the jest result files. Exits non-zero when turbo did, and
// also when a folder that has a test/ folder and was part of the run left no result file: a
// suite that never ran (a crashed worker, a typo in a script, a filter gone wrong) must not pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Examples with a test folder run their tests too (each runs its example against the simulator).
const dirs = ['packages', 'examples'].flatMap((root) => readdirSync(root).map((name) => join(root, name)));
for (const dir of dirs) rmSync(join(dir, '.jest-results.json'), { force: true });

const passThrough = process.argv.slice(2);
/** The folders whose `test` task this run includes (all of them, unless filtered). */
function expectedDirs() {
  if (passThrough.length === 0) return dirs;
  const dry = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--dry=json', ...passThrough], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(dry.stdout).tasks.filter((task) => task.task === 'test').map((task) => task.directory);
}
const expected = new Set(expectedDirs());

const args = ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...passThrough];
// A hung test run should fail in minutes, not hold CI to its 90-minute limit.
const run = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit', timeout: 30 * 60_000, killSignal: 'SIGKILL' });
if (run.error) console.log(`test run stopped: ${run.error.message}`);

/** What failed in one folder's jest result file: the test's full name and the first lines of its failure. */
function failedTests(dir, results) {
  const lines = [];
  for (const suite of results.testResults ?? []) {
    const where = `${dir}/${suite.name.slice(suite.name.lastIndexOf(`${dir}/`) + dir.length + 1)}`;
    // A suite that failed to run (a syntax error, a crashed set-up) has no failing test of its own.
    if (suite.status === 'failed' && !suite.assertionResults?.some((test) => test.status === 'failed')) {
      lines.push(`FAILED ${where}\n${firstLines(suite.message)}`);
    }
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') lines.push(`FAILED ${where} › ${test.fullName}\n${firstLines(test.failureMessages?.join('\n'))}`);
    }
  }
  return lines;
}
function firstLines(text = '', count = 12) {
  // Jest's messages carry colour codes; a log reads better without them.
  return text.replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, count).map((line) => `    ${line}`).join('\n');
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
/** Each failed test, named with its folder and suite, with its message's first lines. */
const failures = [];
for (const dir of dirs) {
  const file = join(dir, '.jest-results.json');
  if (!existsSync(file)) {
    if (expected.has(dir) && existsSync(join(dir, 'test'))) missing.push(dir);
    continue;
  }
  let results;
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    results = undefined;
  }
  // Not a jest result (a list of files, a truncated write): as good as none.
  if (typeof results?.numPassedTests !== 'number' || typeof results?.numFailedTests !== 'number') {
    missing.push(dir);
    continue;
  }
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  failures.push(...failedTests(dir, results));
  skipped += results.numPendingTests + results.numTodoTests;
}
// Repeated at the end, where a CI log's tail shows them, since turbo's output of a long run scrolls away.
for (const failure of failures) console.log(failure);
if (missing.length) console.log(`no results from: ${missing.join(', ')} (each has a test/ folder: a failure)`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(missing.length > 0 ? 1 : (run.status ?? 1));
