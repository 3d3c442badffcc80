import { AuthenticationError, ConnectionError, NovaCronError } from '@novacron/core';
import { filterToWire } from '../event-mapper';
import type { EventSocket, EventSocketFactory } from '../event-socket';
import type { EventFilter, StreamCursor } from '../event-types';
import type { StreamCounters } from './stream-counters';

const DEFAULT_PATH = '/api/ws/events';

export type SocketCloseInfo = { code: number; reason: string; status?: number };

/** What a connection reports to the stream that owns it; it never decides about reconnecting. */
export interface StreamConnectionOwner {
  /** The URL to open, asked for when the socket opens so it carries the latest cursor and filter. */
  url(): string;
  isClosed(): boolean;
  frame(text: string): void;
  /** The server or the network ended the current socket. */
  closed(info: SocketCloseInfo): void;
  /** No socket now (no token, open failed, not welcomed in time, heartbeat lost): time to reconnect. */
  lost(reason: string): void;
  error(error: NovaCronError): void;
}

export interface StreamConnectionOptions {
  factory: EventSocketFactory;
  token: string | (() => string | Promise<string>) | undefined;
  connectTimeoutMs: number;
  heartbeatMs: number;
  counters: Pick<StreamCounters, 'heartbeatTimeouts'>;
}

/** The events socket URL for a base or full `url`, resuming from `cursor` under `filter`. */
export function streamUrl(url: string, path: string | undefined, cursor: StreamCursor | undefined, filter: EventFilter): string {
  const base = new URL(url);
  if (base.protocol === 'http:') base.protocol = 'ws:';
  if (base.protocol === 'https:') base.protocol = 'wss:';
  if (base.pathname === '/' || base.pathname === '') base.pathname = path ?? DEFAULT_PATH;
  for (const key of ['since', 'epoch', 'types', 'providers', 'regions', 'resource_types', 'resource_ids']) base.searchParams.delete(key);
  if (cursor) {
    base.searchParams.set('since', String(cursor.seq));
    base.searchParams.set('epoch', cursor.epoch);
  }
  for (const [key, list] of Object.entries(filterToWire(filter))) base.searchParams.set(key, list.join(','));
  return base.toString();
}

/**
 * One events socket at a time: token, open, auth by first message where headers are impossible,
 * the wait for the welcome, and the app-level heartbeat. Callbacks of a socket that has been
 * replaced are ignored, so a late close or frame cannot disturb its successor.
 */
export class StreamConnection {
  private socket: EventSocket | undefined;
  private generation = 0;
  private welcomed = false;
  private connectStartedAt = 0;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastActivity = 0;
  private pingSentAt: number | undefined;
  private pingSeq = 0;

  constructor(
    private readonly options: StreamConnectionOptions,
    private readonly owner: StreamConnectionOwner,
  ) {}

  /** A socket is up and the server has welcomed it. */
  get isOpen(): boolean {
    return this.socket !== undefined && this.welcomed;
  }

  /** Opens a socket in place of any earlier one; the owner hears about frames and the end. */
  async open(): Promise<void> {
    const { factory, token: tokenSource } = this.options;
    const generation = ++this.generation;
    let token: string | undefined;
    try {
      token = typeof tokenSource === 'function' ? await tokenSource() : tokenSource;
    } catch (cause) {
      this.owner.error(new AuthenticationError('Could not obtain a token for the event stream.', { status: 401, cause }));
      return this.owner.lost('token_unavailable');
    }
    if (generation !== this.generation || this.owner.isClosed()) return;
    this.welcomed = false;
    this.connectStartedAt = Date.now();
    const headers: Record<string, string> = {};
    if (token && factory.supportsHeaders) headers.Authorization = `Bearer ${token}`;
    const isCurrent = () => generation === this.generation;
    try {
      this.socket = factory.open(this.owner.url(), headers, {
        open: () => {
          if (!isCurrent()) return;
          if (token && !factory.supportsHeaders) this.send({ type: 'auth', token });
        },
        message: (text) => {
          if (!isCurrent()) return;
          this.lastActivity = Date.now();
          this.owner.frame(text);
        },
        error: () => {
          // The close handler that always follows decides what to do.
        },
        close: (info) => {
          if (!isCurrent()) return;
          this.forget();
          this.owner.closed(info);
        },
      });
    } catch (cause) {
      this.owner.error(cause instanceof NovaCronError ? cause : new ConnectionError('Could not open the event socket.', { cause }));
      return this.owner.lost('open_failed');
    }
    this.connectTimer = setTimeout(() => {
      if (isCurrent() && !this.welcomed) this.lose('connect_timeout');
    }, this.options.connectTimeoutMs);
  }

  /** The server welcomed the socket; returns how long the connection took, ms. */
  welcome(): number {
    this.welcomed = true;
    clearTimeout(this.connectTimer);
    return Date.now() - this.connectStartedAt;
  }

  startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.pingSentAt = undefined;
    this.heartbeatTimer = setInterval(() => {
      const now = Date.now();
      // The last ping went unanswered for a whole interval, and nothing else arrived either.
      if (this.pingSentAt !== undefined && this.lastActivity < this.pingSentAt) {
        this.options.counters.heartbeatTimeouts++;
        this.lose('heartbeat_timeout');
        return;
      }
      this.pingSentAt = now;
      this.send({ type: 'ping', id: ++this.pingSeq });
    }, this.options.heartbeatMs);
  }

  send(message: Record<string, unknown>): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // A socket that cannot send is about to close; the close handler reconnects.
    }
  }

  /** Ends the current socket at once, without a closing handshake (a dead peer would never answer one). */
  drop(): void {
    const socket = this.socket;
    this.forget();
    socket?.terminate();
  }

  /** Closes the current socket politely: the client is done with the stream. */
  close(): void {
    const socket = this.socket;
    this.forget();
    socket?.close(1000, 'client closed');
  }

  private lose(reason: string): void {
    this.drop();
    this.owner.lost(reason);
  }

  /** Stops the timers and ignores whatever the current socket does from now on. */
  private forget(): void {
    this.generation++;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.connectTimer);
    this.heartbeatTimer = undefined;
    this.socket = undefined;
  }
}
