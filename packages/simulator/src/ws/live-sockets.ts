import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../internal/auth/auth-service';
import { hasRole } from '../internal/auth/roles';
import type { AlertService } from '../internal/world/alert-service';
import type { LogService } from '../internal/world/log-service';
import type { SecurityService } from '../internal/world/security-service';
import { alertChannel, logChannel, securityChannel, type ChannelSession, type LiveChannel } from './live-channels';
import { CLOSE_CODES } from './socket-protocol';

export const ALERT_PATHS = ['/api/ws/alerts', '/ws/alerts'] as const;
export const LOG_PATHS = ['/api/ws/logs', '/ws/logs'] as const;
export const SECURITY_PATHS = ['/api/ws/security/events', '/ws/security/events', '/api/security/events/stream'] as const;

/** Close code for a token whose role is too low, sent when the role is only known after first-message auth. */
export const FORBIDDEN_CLOSE_CODE = 4403;

export interface LiveSocketsOptions {
  alerts: AlertService;
  logs: LogService;
  security: SecurityService;
  /** The principal of a valid access token, else undefined. */
  verifyToken(token: string): Principal | undefined;
  now(): string;
  /** ws ping period; a peer that missed the last ping is dropped. Default 30 000 ms. */
  heartbeatIntervalMs?: number;
  /** Period of the security socket's frames. Default 5 000 ms (upstream). */
  securityIntervalMs?: number;
  /** How long a connection without a Bearer header may take to send `{type:'auth',token}`. Default 10 000 ms. */
  authTimeoutMs?: number;
}

export interface LiveSockets {
  connections(): number;
  /** Cuts every connection (tests of reconnecting clients). */
  dropConnections(): number;
  close(): Promise<void>;
}

/**
 * Upstream's push sockets: `/api/ws/alerts` (viewer), `/api/ws/logs[/{source}]` (admin) and
 * `/api/ws/security/events` (admin), with `/ws/...` compat paths. Auth by Bearer header on the
 * upgrade (401/403 before upgrading, as upstream), or by a first `{type:"auth",token}` message for
 * browsers. Every message is scoped to the caller's tenant.
 */
export function attachLiveSockets(server: Server, options: LiveSocketsOptions): LiveSockets {
  const channels = {
    alerts: alertChannel(options.alerts, options.now),
    logs: logChannel(options.logs),
    security: securityChannel(options.security, options.now, options.securityIntervalMs ?? 5_000),
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const open = new Map<WebSocket, { raw: Socket; session?: ChannelSession }>();
  const alive = new WeakMap<WebSocket, boolean>();

  const route = (pathname: string): { channel: LiveChannel; source?: string } | undefined => {
    if ((ALERT_PATHS as readonly string[]).includes(pathname)) return { channel: channels.alerts };
    if ((SECURITY_PATHS as readonly string[]).includes(pathname)) return { channel: channels.security };
    for (const base of LOG_PATHS) {
      if (pathname === base) return { channel: channels.logs };
      if (pathname.startsWith(`${base}/`) && !pathname.slice(base.length + 1).includes('/')) return { channel: channels.logs, source: pathname.slice(base.length + 1) };
    }
    return undefined;
  };

  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const target = route(url.pathname.replace(/\/+$/, ''));
    if (!target) return;
    socket.on('error', () => socket.destroy());
    const parsed = target.channel.parse(url.searchParams, target.source);
    if (!parsed.ok) return reject(socket, 400, parsed.message);
    const header = req.headers.authorization;
    const bearer = header && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
    let principal: Principal | undefined;
    if (bearer !== undefined) {
      principal = options.verifyToken(bearer);
      if (!principal) return reject(socket, 401, 'invalid or expired token');
      if (!allowed(principal, target.channel)) return reject(socket, 403, 'insufficient permissions');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.set(ws, { raw: socket });
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        open.get(ws)?.session?.close();
        open.delete(ws);
      });
      const begin = (who: Principal) => {
        // Registered in the upgrade callback, before the client can see the socket open, so nothing published after `open` is missed.
        const session = target.channel.open(ws, who, parsed.filter);
        const entry = open.get(ws);
        if (entry) entry.session = session;
        else session.close();
        ws.on('message', (raw) => {
          const message = parseMessage(raw.toString());
          if (!message) return;
          if (message.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', id: message.id, timestamp: options.now() }));
          session.message(message);
        });
      };
      if (principal) begin(principal);
      else awaitAuth(ws, target.channel, begin);
    });
  };

  const awaitAuth = (ws: WebSocket, channel: LiveChannel, begin: (principal: Principal) => void) => {
    const timer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'auth timeout'), options.authTimeoutMs ?? 10_000);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
    ws.once('message', (raw) => {
      clearTimeout(timer);
      const message = parseMessage(raw.toString());
      const who = message?.type === 'auth' && typeof message.token === 'string' ? options.verifyToken(message.token) : undefined;
      if (!who) return ws.close(CLOSE_CODES.unauthorized, 'first message must be {type:"auth",token} with a valid token');
      if (!allowed(who, channel)) return ws.close(FORBIDDEN_CLOSE_CODE, 'insufficient permissions');
      begin(who);
    });
  };

  const heartbeat = setInterval(() => {
    for (const ws of open.keys()) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatIntervalMs ?? 30_000);
  heartbeat.unref();

  server.on('upgrade', onUpgrade);
  return {
    connections: () => open.size,
    dropConnections() {
      const count = open.size;
      for (const [ws, { raw }] of open) {
        ws.terminate();
        raw.destroy();
      }
      return count;
    },
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      for (const [ws, { raw, session }] of open) {
        session?.close();
        ws.terminate();
        raw.destroy();
      }
      open.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function allowed(principal: Principal, channel: LiveChannel): boolean {
  return hasRole([principal.role, ...principal.roles], channel.minRole);
}

function parseMessage(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') return value as Record<string, unknown>;
  } catch {
    // not JSON: ignored, as upstream's read loop ignores what it cannot decode
  }
  return undefined;
}

function reject(socket: Socket, status: 400 | 401 | 403, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
