import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** A throw-away redis-server on a free loopback port, for tests that must stop and restart Redis. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** Kill the server (SIGKILL: like a crash, no goodbye to clients). */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
}

export async function startRedisServer(options: { port?: number; binary?: string } = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? 'redis-server';
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const spawned = child;
    spawned.once('exit', () => {
      if (child === spawned) child = undefined;
    });
    await waitForPort(port, 5_000);
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    child = undefined;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    get running() {
      return child !== undefined;
    },
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on `port` (loopback). */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
