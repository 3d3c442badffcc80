import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

describe('novacron-simulator CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints its URL and the seeded credentials, serves, and exits on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../src/cli.ts'), '--port', '0', '--seed', '7', '--time-scale', '0.1'], {
      cwd: resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 30_000);
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (match && output.includes('alice@tenant-b.local')) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(output).toContain('admin@novacron.local / admin123');
    expect(output).toContain('seed 7');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../src/cli.ts'), '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child!.once('exit', (c) => done(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('--port must be');
  });
});
