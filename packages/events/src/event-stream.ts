import { APIError, ConfigError, ConnectionError, NovaCronError, ResponseValidationError, ValidationError } from '@novacron/core';
import { EventOverflowError } from './event-overflow-error';
import { eventFromWire, filterToWire } from './event-mapper';
import type { EventSocketFactory } from './event-socket';
import type {
  ConnectionState,
  ConnectionStateChange,
  EventFilter,
  EventStreamMetrics,
  NovaEvent,
  StreamCursor,
} from './event-types';
import { defaultSocketFactory } from './internal/default-socket-factory';
import { EventDispatcher } from './internal/event-dispatcher';
import { validateFilter } from './internal/event-filter';
import { EventInbox } from './internal/event-inbox';
import { eventIterator } from './internal/event-iterator';
import { isResyncBarrier, Resync, type ResyncBarrier } from './internal/resync';
import { parseServerMessage, protocolError, type ServerMessage } from './internal/server-message';
import { createStreamCounters } from './internal/stream-counters';
import { StreamConnection, streamUrl, type SocketCloseInfo } from './internal/stream-connection';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
import type { ResourceLister } from './resource-lister';

export type OverflowPolicy = 'pause' | 'drop-oldest' | 'error';

export interface EventStreamOptions {
  /** Server base URL (`http://localhost:8090`) or a full `ws://…/api/ws/events` URL. */
  url: string;
  /** Path of the events socket when `url` is a base URL. Default `/api/ws/events`. */
  path?: string;
  /** Bearer token, or a function called before every connection (so a refreshed token is used). */
  token?: string | (() => string | Promise<string>);
  filter?: EventFilter;
  /** Start from a saved cursor instead of "now". */
  resumeFrom?: StreamCursor;
  /**
   * Listers per resource type (`{ vm: { list: () => vms.list() } }`). After a reset the stream
   * relists these and emits synthetic diff events marked `resync: true` before any newer event.
   */
  relist?: Record<string, ResourceLister>;
  /** Relist once when first connected too (what an informer needs). Default false. */
  listOnStart?: boolean;
  /** App-level ping period, ms; a connection silent for two periods is replaced. Default 15 000. */
  heartbeatIntervalMs?: number;
  /** Give up a connection attempt that has not been welcomed after this long, ms. Default 10 000. */
  connectTimeoutMs?: number;
  reconnect?: ReconnectBackoffOptions;
  /**
   * Inbound buffer between the socket and slow handlers. `pause` (default) loses nothing: when
   * full, the stream disconnects and resumes from its cursor once the buffer has drained.
   * `drop-oldest` drops live events (counted in `droppedEvents`); `error` closes the stream.
   */
  buffer?: { maxEvents?: number; overflow?: OverflowPolicy };
  socketFactory?: EventSocketFactory;
  signal?: AbortSignal;
}

export type EventHandler = (event: NovaEvent) => void | Promise<void>;

/**
 * A resumable event stream over one WebSocket: filters, resume from the last sequence,
 * exactly-once and in-order delivery, relist on reset, heartbeat, bounded buffering and
 * reconnect with full-jitter backoff. Consume it with `on()` handlers or `for await`.
 *
 * The parts live under `internal/`: the socket and its heartbeat (`StreamConnection`), the
 * protocol (`parseServerMessage`), the bounded buffer (`EventInbox`), handler dispatch
 * (`EventDispatcher`) and relisting (`Resync`). This class keeps the cursor, decides when to
 * reconnect, and drains the inbox in order.
 */
export class EventStream implements AsyncIterable<NovaEvent> {
  private readonly options: EventStreamOptions;
  private readonly backoff: ReconnectBackoff;
  private readonly m = createStreamCounters();
  private readonly connection: StreamConnection;
  private readonly inbox: EventInbox<NovaEvent | ResyncBarrier>;
  private readonly dispatcher: EventDispatcher;
  private readonly resync: Resync;
  private filter: EventFilter;
  private cursor: StreamCursor | undefined;
  private tenantId = '';
  private state: ConnectionState = 'idle';
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pausedForOverflow = false;
  private listedOnStart = false;
  private closedByUser = false;
  private pumping = false;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  private readonly stateListeners = new Set<(change: ConnectionStateChange) => void>();
  private readonly errorListeners = new Set<(error: NovaCronError) => void>();
  private readonly endListeners = new Set<() => void>();

  constructor(options: EventStreamOptions) {
    if (!options || typeof options.url !== 'string' || !/^(https?|wss?):\/\//.test(options.url)) {
      throw new ConfigError('url', 'must be an http(s):// or ws(s):// URL');
    }
    this.options = options;
    this.backoff = new ReconnectBackoff(options.reconnect);
    const heartbeatMs = options.heartbeatIntervalMs ?? 15_000;
    if (!(heartbeatMs >= 10)) throw new ConfigError('heartbeatIntervalMs', 'must be at least 10');
    const maxEvents = options.buffer?.maxEvents ?? 10_000;
    if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new ConfigError('buffer.maxEvents', 'must be a positive integer');
    const overflow = options.buffer?.overflow ?? 'pause';
    if (!['pause', 'drop-oldest', 'error'].includes(overflow)) {
      throw new ConfigError('buffer.overflow', 'must be pause, drop-oldest or error');
    }
    this.filter = validateFilter(options.filter ?? {});
    this.cursor = options.resumeFrom ? { ...options.resumeFrom } : undefined;
    this.inbox = new EventInbox(maxEvents, overflow, isResyncBarrier, this.m);
    this.dispatcher = new EventDispatcher(this.m, (error) => this.handlerFailed(error));
    this.connection = new StreamConnection(
      {
        factory: options.socketFactory ?? defaultSocketFactory,
        token: options.token,
        connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
        heartbeatMs,
        counters: this.m,
      },
      {
        url: () => streamUrl(options.url, options.path, this.cursor, this.filter),
        isClosed: () => this.closedByUser,
        frame: (text) => this.onFrame(text),
        closed: (info) => this.onSocketClosed(info),
        lost: (reason) => this.scheduleReconnect(reason),
        error: (error) => this.emitError(error),
      },
    );
    this.resync = new Resync(options.relist, this.backoff, {
      filter: () => this.filter,
      tenantId: () => this.tenantId,
      isClosed: () => this.closedByUser,
      error: (error) => this.emitError(error),
    });
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Connects; resolves when the server has welcomed the stream. Idempotent. */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.options.signal?.aborted) return Promise.reject(new ConnectionError('Event stream was aborted before it started.'));
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    // A start() nobody awaits must not become an unhandled rejection; errors also reach onError.
    this.startPromise.catch(() => undefined);
    this.connect();
    return this.startPromise;
  }

  /** Handles events whose type matches `pattern` (`vm.state_changed`, `vm.*`, `*`). Returns an unsubscribe function. */
  on(pattern: string, handler: EventHandler): () => void {
    return this.dispatcher.add(pattern, handler);
  }

  onState(listener: (change: ConnectionStateChange) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Typed errors that do not end the stream: malformed frames, handler failures, refused connections. */
  onError(listener: (error: NovaCronError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Replaces the filter, on the open connection and for every later resume. */
  setFilter(filter: EventFilter): void {
    this.filter = validateFilter(filter);
    this.connection.send({ type: 'subscribe', filters: filterToWire(this.filter) });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** The resume point; persist it to continue after a process restart. */
  get position(): StreamCursor | undefined {
    return this.cursor ? { ...this.cursor } : undefined;
  }

  get metrics(): EventStreamMetrics {
    return {
      ...this.m,
      state: this.state,
      cursor: this.position,
      bufferedEvents: this.inbox.size,
      maxBufferedEvents: this.inbox.maxItems,
    };
  }

  /** Closes the socket and ends every iterator. Events still buffered are not delivered. */
  close(): void {
    if (this.state === 'closed') return;
    this.closedByUser = true;
    this.connection.close();
    clearTimeout(this.reconnectTimer);
    this.inbox.clear();
    this.setState('closed', 'closed_by_client');
    this.startSettle?.reject(new ConnectionError('Event stream was closed before it connected.'));
    this.startSettle = undefined;
    for (const listener of this.endListeners) listener();
    this.endListeners.clear();
  }

  [Symbol.asyncIterator](): AsyncIterator<NovaEvent> {
    return eventIterator({
      subscribe: (handler) => this.on('*', handler),
      onEnd: (end) => {
        this.endListeners.add(end);
        return () => this.endListeners.delete(end);
      },
      start: () => void this.start().catch(() => undefined),
    });
  }

  // ---- connection ----------------------------------------------------------------------

  private connect(): void {
    if (this.closedByUser) return;
    this.setState(this.m.connects === 0 ? 'connecting' : 'reconnecting');
    void this.connection.open();
  }

  private onSocketClosed(info: SocketCloseInfo): void {
    if (this.closedByUser) return;
    if (info.status === 401 || info.status === 403 || info.code === 4401) {
      const error = APIError.fromStatus('The event stream refused the credentials.', { status: info.status ?? 401 });
      this.emitError(error);
      if (typeof this.options.token !== 'function') {
        // A fixed token will not get better by retrying.
        this.startSettle?.reject(error);
        this.startSettle = undefined;
        this.close();
        return;
      }
    } else if (info.status !== undefined) {
      this.emitError(APIError.fromStatus(`The event stream upgrade was refused with status ${info.status}.`, { status: info.status }));
    }
    this.scheduleReconnect(info.status ? `http_${info.status}` : info.code === 4429 ? 'slow_consumer' : 'closed_by_server');
  }

  private scheduleReconnect(reason: string): void {
    if (this.closedByUser || this.state === 'closed') return;
    if (this.pausedForOverflow) {
      // Resumes from the pump once the buffer has drained.
      this.setState('reconnecting', reason);
      return;
    }
    const delayMs = this.backoff.next();
    this.m.reconnects++;
    this.setState('reconnecting', reason, delayMs);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delayMs);
  }

  /** Ends the current socket at once and moves on to a reconnect. */
  private dropSocket(reason: string): void {
    this.connection.drop();
    this.scheduleReconnect(reason);
  }

  // ---- inbound -------------------------------------------------------------------------

  private onFrame(text: string): void {
    let message: ServerMessage;
    try {
      message = parseServerMessage(text);
    } catch (error) {
      return this.malformed(protocolError('Malformed frame on the event stream.', error));
    }
    switch (message.type) {
      case 'events':
        return this.onEvents(message.events);
      case 'welcome':
        return this.onWelcome(message.epoch, message.lastSeq, message.tenantId);
      case 'bookmark':
        this.m.bookmarks++;
        if (this.cursor && this.cursor.epoch === message.epoch && message.seq > this.cursor.seq) this.cursor.seq = message.seq;
        return;
      case 'reset':
        return this.onReset(message.epoch, message.seq, message.reason);
      case 'error':
        return this.emitError(new ValidationError(`The event server rejected a message: ${message.message}`, [], { code: message.code }));
      case 'ignored':
        return;
    }
  }

  private malformed(error: ResponseValidationError): void {
    this.m.malformedFrames++;
    this.emitError(error);
    // Whatever that frame held is unknown; reconnecting from the cursor gets it again, or a reset.
    this.dropSocket('malformed_frame');
  }

  private onWelcome(epoch: string, lastSeq: number, tenantId: string): void {
    const connectMs = this.connection.welcome();
    this.m.connects++;
    this.m.lastConnectMs = connectMs;
    this.tenantId = tenantId;
    this.backoff.connected();
    if (!this.cursor) this.cursor = { epoch, seq: lastSeq };
    this.setState('open');
    // A state listener may have closed the stream just now: then there is nothing to watch.
    if (this.closedByUser) return;
    this.connection.startHeartbeat();
    if (this.options.listOnStart && !this.listedOnStart) {
      this.listedOnStart = true;
      this.enqueue({ kind: 'resync', reason: 'initial_list', epoch, seq: this.cursor.seq });
    }
    this.startSettle?.resolve();
    this.startSettle = undefined;
  }

  private onReset(epoch: string, seq: number, reason: string): void {
    this.m.resets++;
    // Everything up to `seq` is reflected by a list taken from now on; everything after comes live.
    this.cursor = { epoch, seq };
    if (this.resync.canRelist) {
      this.enqueue({ kind: 'resync', reason, epoch, seq });
    } else {
      this.setState('open', reason);
    }
  }

  private onEvents(raw: unknown[]): void {
    for (const item of raw) {
      let event: NovaEvent;
      try {
        event = eventFromWire(item);
      } catch (error) {
        return this.malformed(protocolError('Malformed event on the stream.', error));
      }
      this.m.received++;
      const cursor = this.cursor;
      if (cursor && (event.epoch !== cursor.epoch || event.seq <= cursor.seq)) {
        this.m.duplicates++;
        continue;
      }
      this.cursor = { epoch: event.epoch, seq: event.seq };
      if (!this.enqueue(event)) break;
    }
    this.pump();
  }

  /** Adds to the inbox under the overflow policy; false when the connection was paused or the stream closed. */
  private enqueue(item: NovaEvent | ResyncBarrier): boolean {
    if (this.inbox.offer(item)) {
      if (isResyncBarrier(item)) this.pump();
      return true;
    }
    if (this.inbox.overflow === 'error') {
      this.emitError(new EventOverflowError(this.inbox.maxItems));
      this.close();
    } else {
      // Lossless: forget this event (the cursor goes back before it) and resume later.
      this.cursor = this.cursor && { epoch: this.cursor.epoch, seq: (item as NovaEvent).seq - 1 };
      this.pausedForOverflow = true;
      this.dropSocket('overflow');
    }
    return false;
  }

  // ---- delivery ------------------------------------------------------------------------

  /** Delivers queued items in order, waiting for each handler that returns a promise. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    for (;;) {
      const item = this.inbox.shift();
      if (item === undefined) break;
      const pending = isResyncBarrier(item) ? this.runResync(item) : this.deliver(item);
      if (pending) {
        pending.then(
          () => {
            this.pumping = false;
            this.pump();
          },
          (error: unknown) => {
            this.pumping = false;
            this.emitError(error instanceof NovaCronError ? error : new NovaCronError('Event delivery failed.', { cause: error }));
            this.pump();
          },
        );
        return;
      }
    }
    this.pumping = false;
    if (this.pausedForOverflow && this.inbox.hasRoomToResume && !this.closedByUser) {
      this.pausedForOverflow = false;
      this.m.reconnects++;
      this.connect();
    }
  }

  private deliver(event: NovaEvent): Promise<void> | undefined {
    if (!this.resync.admit(event)) {
      this.m.stale++;
      return undefined;
    }
    return this.dispatcher.dispatch(event);
  }

  /** Relists, emits the diff as `resync` events, then lets the events that queued meanwhile through. */
  private async runResync(barrier: ResyncBarrier): Promise<void> {
    this.setState('resyncing', barrier.reason);
    const synthetic = await this.resync.relist(barrier);
    if (synthetic === undefined) return; // closed meanwhile
    for (const event of synthetic) {
      this.m.resyncEvents++;
      const pending = this.dispatcher.dispatch(event);
      if (pending) await pending;
    }
    this.setState(this.connection.isOpen ? 'open' : 'reconnecting', 'resynced');
  }

  // ---- bookkeeping ---------------------------------------------------------------------

  private handlerFailed(error: unknown): void {
    this.m.handlerErrors++;
    this.emitError(error instanceof NovaCronError ? error : new NovaCronError('An event handler threw.', { code: 'handler_error', cause: error }));
  }

  private setState(state: ConnectionState, reason?: string, delayMs?: number): void {
    if (this.state === 'closed') return;
    const previous = this.state;
    this.state = state;
    if (previous === state && reason === undefined) return;
    const change: ConnectionStateChange = { state, previous };
    if (reason !== undefined) change.reason = reason;
    if (delayMs !== undefined) change.delayMs = delayMs;
    for (const listener of this.stateListeners) {
      try {
        listener(change);
      } catch (error) {
        this.handlerFailed(error);
      }
    }
  }

  private emitError(error: NovaCronError): void {
    for (const listener of this.errorListeners) {
      try {
        listener(error);
      } catch {
        // An error listener that throws has nowhere left to report to.
      }
    }
  }
}
