import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventLog, type EventEnvelope, type PublishInput } from '../events/event-log';
import type { SocketPrincipal } from '../ws/event-session';
import { attachEventSockets, type EventSockets, type EventSocketsOptions } from '../ws/event-sockets';

export interface EventSocketServerOptions extends Omit<EventSocketsOptions, 'eventLog' | 'verifyToken'> {
  /** Accepted tokens and who they belong to. Default: `token-a` → tenant `a`, `token-b` → tenant `b`. */
  tokens?: Record<string, SocketPrincipal>;
  /** Replay buffer size of the log. Default 10 000. */
  bufferSize?: number;
  port?: number;
}

export interface EventSocketServer {
  readonly url: string;
  readonly port: number;
  /** The current log; replaced by `restart()`. */
  readonly log: EventLog;
  readonly sockets: EventSockets;
  publish(input: Partial<PublishInput> & Pick<PublishInput, 'type' | 'resource_id'>): EventEnvelope;
  /** Stops accepting connections and drops the open ones (the process "died"). */
  stop(): Promise<void>;
  /** Starts again on the same port with a fresh log: a new epoch, as after a real restart. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Just the events WebSocket on a loopback HTTP server with its own EventLog: for tests of the
 * protocol and of clients that need restarts and fault injection without the whole simulator.
 */
export async function startEventSocketServer(options: EventSocketServerOptions = {}): Promise<EventSocketServer> {
  const tokens = options.tokens ?? { 'token-a': { tenantId: 'a', role: 'viewer' }, 'token-b': { tenantId: 'b', role: 'viewer' } };
  let log = new EventLog(options.bufferSize ?? 10_000);
  let server: Server | undefined;
  let sockets: EventSockets | undefined;
  let port = options.port ?? 0;
  const open = new Set<import('node:net').Socket>();

  const start = async () => {
    if (server) return;
    const next = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    next.on('connection', (socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    sockets = attachEventSockets(next, { ...options, eventLog: () => log, verifyToken: (token) => tokens[token] });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = async () => {
    const current = server;
    if (!current) return;
    server = undefined;
    await sockets?.close();
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await start();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get log() {
      return log;
    },
    get sockets() {
      return sockets!;
    },
    publish(input) {
      return log.publish({
        resource_type: 'vm',
        resource_version: 1,
        tenant_id: 'a',
        cloud_provider: 'aws',
        region: 'us-east-1',
        correlation_id: null,
        data: {},
        ...input,
      });
    },
    stop,
    async start() {
      if (server) return;
      log = new EventLog(options.bufferSize ?? 10_000);
      await start();
    },
    close: stop,
  };
}
