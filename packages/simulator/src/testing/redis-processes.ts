import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { waitForPort } from './redis-server';

/** One redis-server process (a cluster node, a replica, a sentinel), killed like a crash. */
export class RedisProcess {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly args: readonly string[],
    private readonly binary: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(this.binary, [...this.args], { stdio: 'ignore' });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    await waitForPort(this.port, 10_000);
  }

  /** SIGKILL: no goodbye to clients or to the rest of the cluster. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

/** Run one command through redis-cli against a loopback port; resolves its raw output. */
export function redisCli(port: number, args: readonly string[], binary = 'redis-cli'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`redis-cli -p ${port} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** `INFO <section>` (or `CLUSTER INFO`) as a field map. */
export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) fields[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return fields;
}

/** The `slaveN:ip=...,port=...,state=...,offset=...` lines of `INFO replication`. */
export function replicaLines(info: Record<string, string>): { port: number; state: string; offset: number }[] {
  return Object.entries(info)
    .filter(([name]) => /^slave\d+$/.test(name))
    .map(([, value]) => {
      const fields = Object.fromEntries(value.split(',').map((kv) => kv.split('=') as [string, string]));
      return { port: Number(fields['port']), state: fields['state'] ?? '', offset: Number(fields['offset']) };
    });
}
