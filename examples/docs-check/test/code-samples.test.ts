import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { docFiles, REPO_ROOT, samplesOf } from '../src/doc-samples';

// The samples are written out as a user's files would be, next to this package's node_modules, so
// `@novacron/*` resolves to the built packages exactly as it does for a user.
const SAMPLES_DIR = join(__dirname, '../.samples');
const samples = docFiles().flatMap(samplesOf);
const runnable = samples.filter((sample) => sample.run);

describe('the code samples in docs/', () => {
  beforeAll(() => {
    rmSync(SAMPLES_DIR, { recursive: true, force: true });
    mkdirSync(SAMPLES_DIR, { recursive: true });
    writeFileSync(join(SAMPLES_DIR, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(SAMPLES_DIR, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'] }, include: ['*.ts'] }),
    );
    for (const sample of samples) writeFileSync(join(SAMPLES_DIR, sample.fileName), sample.code);
  });

  it('finds samples in the getting-started guide, every package guide and the migration guide, and some to run', () => {
    const docs = new Set(samples.map((sample) => sample.doc));
    for (const doc of ['docs/getting-started.md', 'docs/migrating-from-enhanced-client.md', 'docs/production.md']) expect(docs).toContain(doc);
    for (const pkg of ['core', 'vm', 'events', 'cache', 'resilience', 'federation', 'ai', 'admin', 'sdk', 'simulator']) expect(docs).toContain(`docs/guides/${pkg}.md`);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
  });

  it('compiles every sample against the built packages (tsc, strict)', () => {
    const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(SAMPLES_DIR, 'tsconfig.json')], { encoding: 'utf8' });
    // Name each failure by its doc and line rather than the temporary file.
    const report = tsc.stdout.replace(/([a-z0-9-]+)-(\d+)\.ts\((\d+),\d+\)/gi, (_, stem: string, fence: string, line: string) => `${stem}.md:${Number(fence) + Number(line)}`);
    expect(report).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  describe('runs the samples marked `run` against an embedded simulator', () => {
    let simulator: Simulator;
    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, seed: 42, timeScale: 0.02 });
    });
    afterAll(async () => {
      await simulator.close();
    });

    // Asynchronously: the simulator answers from this process's event loop.
    const runSample = (file: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const env = { ...process.env, NOVACRON_API_URL: simulator.url, NOVACRON_EMAIL: 'admin@novacron.local', NOVACRON_PASSWORD: 'admin123', NOVACRON_LOG_LEVEL: 'error' };
        execFile(join(REPO_ROOT, 'node_modules/.bin/tsx'), [file], { encoding: 'utf8', timeout: 60_000, env }, (error, stdout, stderr) => {
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      });

    it.each(runnable.map((sample) => [`${sample.doc}:${sample.line}`, sample] as const))('%s exits 0 without an error', async (_, sample) => {
      const run = await runSample(join(SAMPLES_DIR, sample.fileName));
      expect(run.stderr).not.toMatch(/Error|error/);
      expect(run.status).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
    }, 70_000);
  });
});
