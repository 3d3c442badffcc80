// Every package README starts with an example that must run. This extracts the first ```ts
// block of each, writes it beside this file (so it resolves the built @novacron/* packages like
// a user's project would), runs it with tsx, and fails if any example throws or hangs. The root
// README's "Ten lines" talk to a server at localhost:8090, so they run as written against the
// simulator's CLI started the way the README's reader would: `npx novacron-simulator --port 8090`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;
const out = new URL('./.snippets/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function firstExample(readme) {
  return /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
}

function runSnippet(name, code) {
  const file = join(out, `${name}.mts`);
  writeFileSync(file, code);
  const run = spawnSync('npx', ['tsx', file], { cwd: out, encoding: 'utf8', timeout: 90_000 });
  if (run.status === 0) {
    console.log(`✓ ${name}`);
    return true;
  }
  console.log(`✗ ${name}: exit ${run.status ?? run.signal}\n${(run.stderr || run.stdout).split('\n').slice(0, 15).join('\n')}`);
  return false;
}

/** Starts `npx novacron-simulator --port 8090` and resolves once it has said where it listens. */
function startCliSimulator() {
  const child = spawn('npx', ['novacron-simulator', '--port', '8090'], { cwd: here, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('http://127.0.0.1:8090')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`novacron-simulator exited with ${code} before listening:\n${output}`)));
  });
  // npx runs the simulator as its child: end the whole process group.
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return { ready, stop };
}

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
  const example = firstExample(readme);
  if (!example) {
    console.log(`✗ ${name}: README has no \`\`\`ts example`);
    failed++;
    continue;
  }
  if (!runSnippet(name, example)) failed++;
}

const rootExample = firstExample(readFileSync(join(root, 'README.md'), 'utf8'));
if (!rootExample) {
  console.log('✗ README.md: no ```ts example');
  failed++;
} else {
  const cli = startCliSimulator();
  try {
    await cli.ready;
    if (!runSnippet('root-readme', rootExample)) failed++;
  } catch (error) {
    console.log(`✗ root-readme: ${error.message}`);
    failed++;
  } finally {
    cli.stop();
  }
}
console.log(failed ? `${failed} README example(s) failed` : 'every README example ran');
process.exit(failed ? 1 : 0);
