// The packages as a user gets them: `pnpm pack` every publishable package, install the tarballs
// with npm into a fresh project outside the workspace (no workspace links, no hoisting from the
// repo), then
// 1. run an ESM and a CJS script against the simulator started from its own tarball: a VM is
//    created and read back through the meta-package, every public entry loads, and an error is an
//    instance of the class the user imports (one copy of each class, whichever entry it came from);
// 2. typecheck a TS consumer (an ESM .ts and a CJS .cts file) under node16, nodenext, bundler, and
//    node10 (the last through typesVersions).
// Usage: node scripts/smoke-packed.mjs [--keep]   (the packages must be built; --keep leaves the project)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicEntries, publishablePackages } from './check-bundles.mjs';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.includes('--keep');

export function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.status}:\n${output}`);
  }
  return result.stdout;
}

/** The same toolchain versions the workspace builds with, so a failure is about the packages. */
function workspaceVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** The range a package's manifest gives `name` in one of its dependency fields. */
function rangeOf(dir, field, name) {
  return JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))[field][name];
}

/** Checks both scripts run: the app's zod with the SDK's schemas, and an event stream. */
const SHARED_CHECKS = `
// The app's own zod 4 and the SDK's schemas work together, though the SDK's Node build carries its own
// copy of zod: zod recognises a schema by its traits, not by which copy made it.
function checkZodInterop(z, VmWireSchema, label) {
  const wire = { id: 'vm-1', name: 'web-01', state: 'running', node_id: null, created_at: '2026-12-02T00:00:00Z', updated_at: '2026-12-02T00:00:00Z' };
  if (!(VmWireSchema instanceof z.ZodMiniType)) throw new Error(label + ': VmWireSchema is not a ZodMiniType to the app');
  if (z.parse(VmWireSchema, wire).id !== 'vm-1') throw new Error(label + ': the app could not parse with VmWireSchema');
  if (z.safeParse(VmWireSchema, { ...wire, state: 'exploded' }).success) throw new Error(label + ': a bad state passed');
  if (z.parse(z.object({ vm: VmWireSchema }), { vm: wire }).vm.name !== 'web-01') throw new Error(label + ': an app schema could not compose VmWireSchema');
}
// ws loads with the first stream, not with the package: a stream opens from the tarballs.
async function checkStream(client, label) {
  const stream = await client.events();
  await stream.start();
  if (stream.connectionState !== 'open') throw new Error(label + ': the event stream is ' + stream.connectionState);
  stream.close();
}
`;

const ESM_SCRIPT = (entries) => `
import { startSimulator } from '@novacron/simulator';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as z from 'zod/mini';
import { VmWireSchema } from '@novacron/vm';
${SHARED_CHECKS}

import { createClient, NotFoundError, NovaCronError } from '@novacron/sdk';
import { NotFoundError as CoreNotFoundError } from '@novacron/core';

${entries.map((e, i) => `import * as entry${i} from '${e}';`).join('\n')}
const entries = [${entries.map((_, i) => `entry${i}`).join(', ')}];
for (const [i, entry] of entries.entries()) if (Object.keys(entry).length === 0) throw new Error('entry ' + i + ' exports nothing');

const simulator = await startSimulator({ port: 0, seed: 7 });
const client = createClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123' });
try {
  const created = await client.vms.create({ name: 'smoke-esm', cpuShares: 2, memoryMb: 1024, diskSizeGb: 10, image: 'ubuntu-24.04' });
  // The app's own OpenTelemetry (its copy of the API; the SDK's Node build carries another), registered
  // after the client's first call, as an app that sets up tracing late would: the next call's spans reach it.
  const spans = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
  const read = await client.vms.get(created.id);
  const traced = spans.getFinishedSpans().map((s) => s.name);
  if (!traced.includes('GET /api/v1/vms/{id}')) throw new Error('esm: the app\\'s tracer got no span of vms.get: ' + JSON.stringify(traced));
  if (read.name !== 'smoke-esm') throw new Error('read back ' + read.name);
  const error = await client.vms.get('vm-does-not-exist').then(() => undefined, (e) => e);
  if (!(error instanceof NotFoundError) || !(error instanceof CoreNotFoundError) || !(error instanceof NovaCronError)) {
    throw new Error('a missing VM should be one NotFoundError class: ' + error);
  }
  checkZodInterop(z, VmWireSchema, 'esm');
  await checkStream(client, 'esm');
  console.log('esm: created and read ' + read.id + ', ' + entries.length + ' entries loaded; the app\\'s zod parses and composes VmWireSchema; an event stream opened; the app\\'s tracer got the spans');
} finally {
  await client.close();
  await simulator.close();
}
`;

const CJS_SCRIPT = (entries) => `
const { startSimulator } = require('@novacron/simulator');
const { createClient, NotFoundError } = require('@novacron/sdk');
const { createVmClient, VmWireSchema } = require('@novacron/vm');
const z = require('zod/mini');
${SHARED_CHECKS}

const { CoreClient, NotFoundError: CoreNotFoundError } = require('@novacron/core');
// The sdk leaves @opentelemetry/api unloaded until the app registers with OpenTelemetry.
const otelLoaded = () => Object.keys(require.cache).some((file) => file.includes('@opentelemetry'));
if (otelLoaded()) throw new Error('cjs: loading @novacron/sdk loaded @opentelemetry/api');

const entries = [${entries.map((e) => `'${e}'`).join(', ')}];
for (const entry of entries) if (Object.keys(require(entry)).length === 0) throw new Error(entry + ' exports nothing');

(async () => {
  const simulator = await startSimulator({ port: 0, seed: 7 });
  const client = createClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123' });
  const core = new CoreClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123' });
  try {
    const created = await client.vms.create({ name: 'smoke-cjs', cpuShares: 2, memoryMb: 1024, diskSizeGb: 10, image: 'ubuntu-24.04' });
    const read = await createVmClient(core).vms.get(created.id);
    if (read.name !== 'smoke-cjs') throw new Error('read back ' + read.name);
    const error = await client.vms.get('vm-does-not-exist').then(() => undefined, (e) => e);
    if (!(error instanceof NotFoundError) || !(error instanceof CoreNotFoundError)) throw new Error('a missing VM should be one NotFoundError class: ' + error);
    // Registered late, the app's tracer gets the next call's spans, from the CommonJS build of the OTel
    // policies: they know the 404 as the core's APIError, so error.type is the status, not a class name.
    const { trace } = require('@opentelemetry/api');
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
    const spans = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    await client.vms.get('vm-does-not-exist').catch(() => undefined);
    const types = spans.getFinishedSpans().filter((s) => s.name === 'GET /api/v1/vms/{id}').map((s) => s.attributes['error.type']);
    if (types.length !== 2 || types.some((type) => type !== '404')) throw new Error('cjs: the tracer got error types ' + JSON.stringify(types));
    checkZodInterop(z, VmWireSchema, 'cjs');
    await checkStream(client, 'cjs');
    console.log('cjs: created and read ' + read.id + ', ' + entries.length + ' entries loaded; the app\\'s zod parses and composes VmWireSchema; an event stream opened; OTel loaded only once registered, and a late tracer got both spans of the next call');
  } finally {
    await client.close();
    await core.close();
    await simulator.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

const TS_CONSUMER = `
import { createClient, NotFoundError, type NovaCronClient, type Vm } from '@novacron/sdk';
import { createVmClient } from '@novacron/sdk/vm';
import { CoreClient } from '@novacron/core';
import { createCache } from '@novacron/cache';
import { resilience } from '@novacron/resilience';
import { EventStream } from '@novacron/events';

export async function names(client: NovaCronClient): Promise<string[]> {
  const page = await client.vms.list();
  return page.items.map((vm: Vm) => vm.name);
}
export const client: NovaCronClient = createClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
export const vm = createVmClient(new CoreClient({ baseUrl: 'http://127.0.0.1:1', token: 't' }));
export const cache = createCache();
export const policy = resilience();
export const stream = new EventStream({ url: 'http://127.0.0.1:1', token: 't' });
export const isMissing = (e: unknown): boolean => e instanceof NotFoundError;
`;

const CTS_CONSUMER = `
import { createClient, type NovaCronClient } from '@novacron/sdk';
import { createVmClient } from '@novacron/vm';
import { CoreClient } from '@novacron/core';
export const client: NovaCronClient = createClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
export const vm = createVmClient(new CoreClient({ baseUrl: 'http://127.0.0.1:1', token: 't' }));
`;

const TS_PROFILES = {
  node16: { module: 'node16', moduleResolution: 'node16', files: ['consumer.ts', 'consumer.cts'] },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', files: ['consumer.ts', 'consumer.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
  // Old consumers: subpaths resolve through typesVersions.
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['consumer.ts'] },
};

/**
 * Packs every publishable package and npm-installs the tarballs (plus `extra` dependencies) into a
 * fresh project under the system temp dir. Returns the project and its parent (remove it when done).
 */
export function installPacked(extra = {}) {
  const work = mkdtempSync(join(tmpdir(), 'novacron-packed-'));
  const tarballs = join(work, 'tarballs');
  const project = join(work, 'project');
  mkdirSync(tarballs);
  mkdirSync(project);
  const packages = publishablePackages();
  for (const { dir } of packages) run('pnpm', ['pack', '--pack-destination', tarballs], dir);
  const files = readdirSync(tarballs);
  const dependencies = {};
  for (const { pkg } of packages) {
    const file = files.find((f) => f === `${pkg.name.slice(1).replace('/', '-')}-${pkg.version}.tgz`);
    if (!file) throw new Error(`no tarball for ${pkg.name} in ${files.join(', ')}`);
    dependencies[pkg.name] = `file:../tarballs/${file}`;
  }
  console.log(`packed ${files.length} packages into ${tarballs}`);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'novacron-packed-consumer', private: true, type: 'module', dependencies: { ...dependencies, ...extra } }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
  console.log('npm installed the tarballs into a project outside the workspace');
  return { work, project };
}

function main() {
  const { work, project } = installPacked({
    // ioredis is an optional peer: a user of the /redis subpaths installs it, in the range cache asks for.
    ioredis: rangeOf('cache', 'peerDependencies', 'ioredis'),
    // prom-client likewise, for @novacron/sdk/prometheus.
    'prom-client': rangeOf('sdk', 'peerDependencies', 'prom-client'),
    // The app's own OpenTelemetry API and SDK, in the ranges the SDK's tests use.
    '@opentelemetry/api': rangeOf('sdk', 'devDependencies', '@opentelemetry/api'),
    '@opentelemetry/sdk-trace-base': rangeOf('sdk', 'devDependencies', '@opentelemetry/sdk-trace-base'),
    // The app's own zod, in the range the SDK asks for, as a user of the exported schemas would have it.
    zod: rangeOf('core', 'dependencies', 'zod'),
    typescript: workspaceVersion('typescript'),
    '@types/node': workspaceVersion('@types/node'),
  });
  try {
    const entries = publicEntries().map((e) => e.specifier);
    writeFileSync(join(project, 'esm.mjs'), ESM_SCRIPT(entries));
    writeFileSync(join(project, 'cjs.cjs'), CJS_SCRIPT(entries));
    process.stdout.write(run(process.execPath, ['esm.mjs'], project));
    process.stdout.write(run(process.execPath, ['cjs.cjs'], project));

    writeFileSync(join(project, 'consumer.ts'), TS_CONSUMER);
    writeFileSync(join(project, 'consumer.cts'), CTS_CONSUMER);
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [profile, { files: sources, ...options }] of Object.entries(TS_PROFILES)) {
      const config = `tsconfig.${profile}.json`;
      const compilerOptions = { ...options, target: 'es2022', strict: true, esModuleInterop: true, noEmit: true, skipLibCheck: false, types: ['node'] };
      writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files: sources }, null, 2));
      run(process.execPath, [tsc, '-p', config], project);
      console.log(`tsc (${profile}): ${sources.join(' + ')} typecheck clean`);
    }
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  try {
    main();
  } catch (error) {
    console.error(`✗ ${error.message}`);
    process.exit(1);
  }
}
