// Runs every benchmark command docs/benchmarks.md gives, once, in short mode (BENCH_SHORT=1: each
// bench does one quick pass of every case), so a documented command that no longer runs fails CI.
// The convention (stated at the top of docs/benchmarks.md): the commands to reproduce a section are
// the lines of its ```sh blocks; `#` starts a comment; a line ending in `\` continues on the next.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const doc = process.argv[2] ?? 'docs/benchmarks.md';
const text = readFileSync(doc, 'utf8');
const commands = [];
for (const block of text.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
  const joined = block[1].replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const command = line.replace(/(^|\s)#.*$/, '').trim();
    if (command) commands.push(command);
  }
}
if (commands.length === 0) {
  console.log(`✗ ${doc} gives no command in a \`\`\`sh block`);
  process.exit(1);
}

let failed = 0;
for (const command of commands) {
  const started = Date.now();
  const run = spawnSync('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, BENCH_SHORT: '1' }, timeout: 10 * 60_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) console.log(`✓ ${command}  (${seconds} s)`);
  else {
    failed++;
    const output = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-15).join('\n');
    console.log(`✗ ${command}  (exit ${run.status ?? run.signal}, ${seconds} s)\n${output}`);
  }
}
console.log(failed ? `${failed} of ${commands.length} documented benchmark commands failed` : `all ${commands.length} documented benchmark commands ran`);
process.exit(failed ? 1 : 0);
