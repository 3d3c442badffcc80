// Cold start as a user installs the SDK: every package packed and npm-installed outside the
// workspace (with axios, ws and ioredis for the comparison), then hyperfine runs fresh `node`
// processes, interleaved warm-up included, and reports medians:
// 1. loading: require / import of @novacron/sdk, @novacron/vm alone, and axios + ws + ioredis;
// 2. process start to the first `vms.get()` answered by a local server (the simulator, started from
//    its tarball in another process), against the same GET made with axios: hyperfine's wall time to
//    the exit, and the moment the answer is in hand (performance.now() in the process, which is what
//    a serverless handler waits for). A load deferred to the first call is counted either way.
// Usage: node bench/cold-start/run.mjs [--runs 40]   (packages built; hyperfine on PATH)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPacked } from '../../scripts/smoke-packed.mjs';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
// The comparison's versions: the ranges the upstream-style client would install.
const COMPARISON = { axios: '^1.12.0', ws: '^8.18.0', ioredis: '^5.6.0' };

function hyperfine(project, commands, exportName) {
  const out = join(project, `${exportName}.json`);
  const args = ['--warmup', '5', '--runs', String(runs), '-N', '--export-json', out, '--style', 'none'];
  for (const [name, command] of Object.entries(commands)) args.push('-n', name, command);
  const result = spawnSync('hyperfine', args, { cwd: project, encoding: 'utf8', env: { ...process.env } });
  if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr}`);
  // CPU time (user + system, hyperfine's means) next to the wall-clock median: on a shared
  // machine the CPU a process burns is steadier than how long it waited for a core.
  return JSON.parse(readFileSync(out, 'utf8')).results.map((r) => ({ name: r.command, median: r.median * 1000, cpu: (r.user + r.system) * 1000 }));
}

/** Runs each script `runs` times, interleaved after 3 warm-up rounds; the median of what each printed. */
function answeredAt(project, scripts) {
  const samples = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
  for (let round = 0; round < runs + 3; round++) {
    for (const [name, file] of Object.entries(scripts)) {
      const result = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${file} failed: ${result.stderr}`);
      if (round >= 3) samples[name].push(Number(result.stdout.trim()));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

function table(title, rows, baseline) {
  console.log(`\n${title}`);
  console.log('| command | wall median (ms) | over `node -e 0` | CPU user+sys (ms) | over `node -e 0` |\n|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.median.toFixed(1)} | ${(r.median - baseline.median).toFixed(1)} | ${r.cpu.toFixed(1)} | ${(r.cpu - baseline.cpu).toFixed(1)} |`);
  }
}

async function main() {
  const { work, project } = installPacked(COMPARISON);
  let server;
  try {
    const node = process.execPath;
    const load = hyperfine(
      project,
      {
        'node -e 0': `${node} -e 0`,
        "require('@novacron/sdk')": `${node} -e "require('@novacron/sdk')"`,
        "import('@novacron/sdk')": `${node} --input-type=module -e "await import('@novacron/sdk')"`,
        "require('@novacron/vm')": `${node} -e "require('@novacron/vm')"`,
        "require('axios'), require('ws'), require('ioredis')": `${node} -e "require('axios');require('ws');require('ioredis')"`,
      },
      'load',
    );
    table('Loading (hyperfine, fresh process each run)', load, load[0]);

    // The server runs in its own process for the whole measurement; each measured process makes one call.
    writeFileSync(
      join(project, 'server.mjs'),
      `import { SimulatorClient, startSimulator } from '@novacron/simulator';
const sim = await startSimulator({ port: 0, seed: 1 });
const admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
const vm = (await admin.call('POST', '/api/v1/vms', { body: { name: 'cold-1', cpu_shares: 2, memory_mb: 1024, disk_size_gb: 10, image: 'ubuntu-24.04' } })).body;
const token = admin.token;
console.log(JSON.stringify({ url: sim.url, token, id: vm.id }));
`,
    );
    server = spawn(node, ['server.mjs'], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] });
    const info = await new Promise((resolve, reject) => {
      let buffer = '';
      server.stdout.on('data', (chunk) => {
        buffer += chunk;
        if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0]));
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    if (!info.token || !info.id) throw new Error(`server setup failed: ${JSON.stringify(info)}`);
    writeFileSync(
      join(project, 'first-get-sdk.cjs'),
      `const { createClient } = require('@novacron/sdk');
createClient({ baseUrl: ${JSON.stringify(info.url)}, token: ${JSON.stringify(info.token)} }).vms.get(${JSON.stringify(info.id)}).then((vm) => { if (vm.id !== ${JSON.stringify(info.id)}) process.exit(1); console.log(performance.now()); process.exit(0); }, () => process.exit(1));
`,
    );
    writeFileSync(
      join(project, 'first-get-vm.cjs'),
      `const { CoreClient } = require('@novacron/core');
const { createVmClient } = require('@novacron/vm');
createVmClient(new CoreClient({ baseUrl: ${JSON.stringify(info.url)}, token: ${JSON.stringify(info.token)} })).vms.get(${JSON.stringify(info.id)}).then((vm) => { if (vm.id !== ${JSON.stringify(info.id)}) process.exit(1); console.log(performance.now()); process.exit(0); }, () => process.exit(1));
`,
    );
    writeFileSync(
      join(project, 'first-get-axios.cjs'),
      `const axios = require('axios');
axios.get(${JSON.stringify(`${info.url}/api/v1/vms/${info.id}`)}, { headers: { authorization: ${JSON.stringify(`Bearer ${info.token}`)} } }).then((r) => { if (r.data.id !== ${JSON.stringify(info.id)}) process.exit(1); console.log(performance.now()); process.exit(0); }, () => process.exit(1));
`,
    );
    const firstCall = hyperfine(
      project,
      {
        'node -e 0': `${node} -e 0`,
        'sdk: createClient().vms.get()': `${node} first-get-sdk.cjs`,
        'vm: createVmClient(new CoreClient()).vms.get()': `${node} first-get-vm.cjs`,
        'axios.get()': `${node} first-get-axios.cjs`,
      },
      'first-call',
    );
    table('Process start to exit after the first vms.get() (hyperfine)', firstCall, firstCall[0]);

    // What a serverless handler feels is the answer, not the exit: each script prints
    // performance.now() (ms since its process started) when the answer is in hand. The exit can come
    // much later: V8 finishes compiling undici's WebAssembly HTTP parser in the background first.
    writeFileSync(join(project, 'started.cjs'), 'console.log(performance.now());\n');
    const answered = answeredAt(project, {
      'node (script start)': 'started.cjs',
      'sdk: createClient().vms.get()': 'first-get-sdk.cjs',
      'vm: createVmClient(new CoreClient()).vms.get()': 'first-get-vm.cjs',
      'axios.get()': 'first-get-axios.cjs',
    });
    console.log(`\nProcess start to the first vms.get() answered (performance.now() in the process; ${runs} interleaved runs, medians)`);
    console.log('| command | answered at (ms since process start) | ratio to axios |\n|---|---:|---:|');
    for (const [name, ms] of Object.entries(answered)) console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / answered['axios.get()']).toFixed(2)} |`);
  } finally {
    server?.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
