import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventLog } from '../events/event-log';
import { filterFromQuery, validateFilter } from './event-filter';
import { EventSession, type ResumeCursor, type SocketPrincipal } from './event-session';
import { attachMetricsSocket, METRICS_PATHS, parseMetricsInterval, type MetricsSample } from './metrics-socket';
import { CLOSE_CODES, type WireEventFilter } from './socket-protocol';

export type TokenVerifier = (token: string) => SocketPrincipal | undefined | Promise<SocketPrincipal | undefined>;

export interface EventSocketsOptions {
  /** The log to stream; a function when the simulator swaps logs on restart. */
  eventLog: EventLog | (() => EventLog);
  verifyToken: TokenVerifier;
  /** Server ws-ping period and the heartbeat the client is told to use, ms. Default 30 000. */
  heartbeatIntervalMs?: number;
  /** How often filtered streams get a bookmark, ms. Default 5 000. */
  bookmarkIntervalMs?: number;
  /** How long a connection without a Bearer header may take to send `{type:'auth'}`, ms. Default 10 000. */
  authTimeoutMs?: number;
  /** Events per frame at most. Default 256. */
  maxBatch?: number;
  /** A session whose unsent bytes exceed this is closed as a slow consumer. Default 16 MiB. */
  maxBufferedBytes?: number;
  /** Values for `/api/ws/metrics`; upstream falls back to zeros with status `no_data`. */
  collectMetrics?: () => MetricsSample;
}

export interface EventSocketsStats {
  connections: number;
  sentEvents: number;
  dropped: number;
}

export interface EventSockets {
  /** Closes every connection, optionally cutting the last frame in half. Returns how many were dropped. */
  dropConnections(options?: { midFrame?: boolean }): number;
  /** Stops answering (and reading) on every open connection while keeping TCP open. */
  freezeConnections(): number;
  /** Fault injection: sends `text` as-is (malformed JSON, unknown types) on every event connection. */
  injectFrame(text: string): number;
  /** Sends bookmarks now instead of waiting for the timer (tests). */
  sendBookmarks(): void;
  stats(): EventSocketsStats;
  close(): Promise<void>;
}

export const EVENT_PATHS = ['/api/ws/events', '/ws/events', '/ws/federation/events'] as const;

/**
 * Serves the events WebSocket (and upstream's metrics socket) on an existing http.Server:
 * auth by Bearer header or first message, per-tenant and per-filter delivery, resume from a
 * sequence with replay or reset, bookmarks and heartbeats. See docs/api/events.md.
 */
export function attachEventSockets(server: Server, options: EventSocketsOptions): EventSockets {
  const getLog = typeof options.eventLog === 'function' ? options.eventLog : () => options.eventLog as EventLog;
  const settings = {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5_000,
    maxBatch: options.maxBatch ?? 256,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
  };
  const authTimeoutMs = options.authTimeoutMs ?? 10_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sessions = new Set<EventSession>();
  const sockets = new Map<WebSocket, { raw: Socket; session?: EventSession; frozen?: boolean }>();
  const alive = new WeakMap<WebSocket, boolean>();
  let dropped = 0;
  let finishedSent = 0;

  let subscribedLog: EventLog | undefined;
  let unsubscribe: (() => void) | undefined;
  // The log may be replaced (simulator restart); follow whichever one is current.
  const ensureSubscribed = () => {
    const log = getLog();
    if (log === subscribedLog) return;
    unsubscribe?.();
    subscribedLog = log;
    unsubscribe = log.subscribe((event) => {
      for (const session of sessions) session.offer(event);
    });
  };
  ensureSubscribed();

  const metrics = attachMetricsSocket(options.collectMetrics);

  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isEvents = (EVENT_PATHS as readonly string[]).includes(url.pathname);
    const isMetrics = (METRICS_PATHS as readonly string[]).includes(url.pathname);
    if (!isEvents && !isMetrics) {
      answerUnservedUpgrade(socket, url.pathname);
      return;
    }
    socket.on('error', () => socket.destroy());

    let resume: ResumeCursor | undefined;
    let filter: WireEventFilter = {};
    let interval = 5;
    if (isEvents) {
      const since = url.searchParams.get('since');
      if (since !== null) {
        const seq = Number(since);
        if (!Number.isSafeInteger(seq) || seq < 0) return rejectUpgrade(socket, 400, 'since must be a non-negative integer');
        resume = { seq, epoch: url.searchParams.get('epoch') ?? undefined };
      }
      const parsed = filterFromQuery(url.searchParams);
      if ('error' in parsed) return rejectUpgrade(socket, 400, parsed.error);
      filter = parsed.filter;
      const problem = validateFilter(filter);
      if (problem) return rejectUpgrade(socket, 400, problem);
    } else {
      const parsed = parseMetricsInterval(url.searchParams.get('interval'));
      if (parsed === undefined) return rejectUpgrade(socket, 400, 'interval must be an integer between 1 and 300 seconds');
      interval = parsed;
    }

    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const accept = (principal: SocketPrincipal | undefined) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.set(ws, { raw: socket });
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', () => ws.terminate());
        const begin = (who: SocketPrincipal) => {
          if (isMetrics) {
            metrics.serve(ws, interval);
            return;
          }
          ensureSubscribed();
          startEventSession(ws, socket, who, filter, resume);
        };
        if (principal) begin(principal);
        else awaitFirstMessageAuth(ws, begin);
      });
    };
    if (bearer === undefined) return accept(undefined);
    Promise.resolve()
      .then(() => options.verifyToken(bearer))
      .then(
        (principal) => (principal ? accept(principal) : rejectUpgrade(socket, 401, 'invalid or expired token')),
        () => rejectUpgrade(socket, 401, 'invalid or expired token'),
      );
  };

  const awaitFirstMessageAuth = (ws: WebSocket, begin: (principal: SocketPrincipal) => void) => {
    const timer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'auth timeout'), authTimeoutMs);
    ws.once('message', (raw) => {
      clearTimeout(timer);
      const message = parseMessage(raw.toString());
      if (!message || message.type !== 'auth' || typeof message.token !== 'string') {
        ws.close(CLOSE_CODES.unauthorized, 'first message must be {type:"auth",token}');
        return;
      }
      Promise.resolve()
        .then(() => options.verifyToken(message.token as string))
        .then(
          (principal) => (principal ? begin(principal) : ws.close(CLOSE_CODES.unauthorized, 'invalid or expired token')),
          () => ws.close(CLOSE_CODES.unauthorized, 'invalid or expired token'),
        );
    });
    ws.once('close', () => clearTimeout(timer));
  };

  const startEventSession = (
    ws: WebSocket,
    socket: Socket,
    principal: SocketPrincipal,
    filter: WireEventFilter,
    resume: ResumeCursor | undefined,
  ) => {
    const session = new EventSession(ws, socket, principal, getLog, settings, filter);
    sessions.add(session);
    const entry = sockets.get(ws);
    if (entry) entry.session = session;
    ws.on('close', () => {
      session.closed = true;
      finishedSent += session.sentEvents;
      sessions.delete(session);
    });
    ws.on('message', (raw) => {
      if (session.frozen) return;
      const message = parseMessage(raw.toString());
      if (!message) return session.send({ type: 'error', code: 'bad_message', message: 'message must be a JSON object with a type' });
      switch (message.type) {
        case 'ping':
          return session.send({ type: 'pong', id: message.id as string | number | undefined, timestamp: new Date().toISOString() });
        case 'subscribe':
        case 'update_filters': {
          const problem = session.setFilter(message.filters);
          if (problem) session.send({ type: 'error', code: 'bad_filter', message: problem });
          return;
        }
        case 'resume': {
          const seq = message.seq;
          if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
            return session.send({ type: 'error', code: 'bad_cursor', message: 'seq must be a non-negative integer' });
          }
          return session.resume({ seq, epoch: typeof message.epoch === 'string' ? message.epoch : undefined });
        }
        case 'auth':
          return; // already authenticated; a repeated auth message is harmless
        default:
          return session.send({ type: 'error', code: 'unknown_type', message: `unknown message type "${String(message.type).slice(0, 40)}"` });
      }
    });
    session.start(resume);
  };

  const heartbeat = setInterval(() => {
    for (const [ws, entry] of sockets) {
      // A frozen peer must not be rescued (or reaped) by our own housekeeping: the client has to notice.
      if (entry.frozen) continue;
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, settings.heartbeatIntervalMs);
  heartbeat.unref();
  const bookmarks = setInterval(() => {
    for (const session of sessions) session.bookmark();
  }, settings.bookmarkIntervalMs);
  bookmarks.unref();

  server.on('upgrade', onUpgrade);

  return {
    dropConnections({ midFrame = false } = {}) {
      let count = 0;
      for (const [ws, entry] of sockets) {
        sockets.delete(ws);
        if (entry.session) {
          sessions.delete(entry.session);
          entry.session.drop(midFrame);
        } else entry.raw.destroy();
        count++;
      }
      dropped += count;
      return count;
    },
    freezeConnections() {
      let count = 0;
      for (const entry of sockets.values()) {
        if (!entry.session) continue;
        entry.session.freeze();
        entry.frozen = true;
        count++;
      }
      return count;
    },
    injectFrame(text) {
      for (const session of sessions) session.sendRaw(text);
      return sessions.size;
    },
    sendBookmarks() {
      for (const session of sessions) session.bookmark();
    },
    stats() {
      let sent = finishedSent;
      for (const session of sessions) sent += session.sentEvents;
      return { connections: sessions.size, sentEvents: sent, dropped };
    },
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      clearInterval(bookmarks);
      unsubscribe?.();
      metrics.close();
      for (const session of sessions) session.closed = true;
      for (const [ws, { raw }] of sockets) {
        ws.terminate();
        raw.destroy();
      }
      for (const session of sessions) session.rawSocket.destroy();
      sessions.clear();
      sockets.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function parseMessage(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through: the caller answers with a bad_message error
  }
  return undefined;
}

/**
 * Node leaves an upgrade no 'upgrade' listener answers hanging until the client gives up. Other
 * socket servers (alerts, logs, …) listen on the same server and answer their paths in the same
 * tick — they upgrade or refuse synchronously — so a socket nobody has written to or closed by the
 * next turn of the event loop is for a path nobody serves: 404 and close.
 */
function answerUnservedUpgrade(socket: Socket, pathname: string): void {
  setImmediate(() => {
    if (socket.destroyed || socket.writableEnded || socket.bytesWritten > 0 || socket.writableLength > 0) return;
    socket.on('error', () => socket.destroy());
    rejectUpgrade(socket, 404, `no WebSocket at ${pathname.slice(0, 200)}`);
  });
}

const REASONS = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' } as const;

function rejectUpgrade(socket: Socket, status: 400 | 401 | 404, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = REASONS[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
