import {
  abortableSleep,
  APIError,
  AuthenticationError,
  backoffDelay,
  ConfigError,
  ConnectionError,
  NovaCronError,
  ResponseValidationError,
  ValidationError,
} from '@novacron/core';
import { EventOverflowError } from './event-overflow-error';
import { eventFromWire, filterToWire } from './event-mapper';
import type { EventSocket, EventSocketFactory } from './event-socket';
import type {
  ConnectionState,
  ConnectionStateChange,
  EventFilter,
  EventStreamMetrics,
  NovaEvent,
  StreamCursor,
} from './event-types';
import { defaultSocketFactory } from './internal/default-socket-factory';
import { EventInbox } from './internal/event-inbox';
import { matchesTypePattern, validateTypePattern } from './internal/type-pattern';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
import { listerId, listerVersion, listItems, type ResourceLister } from './resource-lister';

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

interface ResyncBarrier {
  kind: 'resync';
  reason: string;
  epoch: string;
  seq: number;
}
type InboxItem = NovaEvent | ResyncBarrier;

const DEFAULT_PATH = '/api/ws/events';

/**
 * A resumable event stream over one WebSocket: filters, resume from the last sequence,
 * exactly-once and in-order delivery, relist on reset, heartbeat, bounded buffering and
 * reconnect with full-jitter backoff. Consume it with `on()` handlers or `for await`.
 */
export class EventStream implements AsyncIterable<NovaEvent> {
  private readonly options: EventStreamOptions;
  private readonly factory: EventSocketFactory;
  private readonly backoff: ReconnectBackoff;
  private readonly heartbeatMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxEvents: number;
  private readonly overflow: OverflowPolicy;
  private filter: EventFilter;
  private cursor: StreamCursor | undefined;
  private tenantId = '';
  private state: ConnectionState = 'idle';
  private socket: EventSocket | undefined;
  private socketGeneration = 0;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;
  private pingSentAt: number | undefined;
  private pingSeq = 0;
  private connectStartedAt = 0;
  private welcomed = false;
  private pausedForOverflow = false;
  private listedOnStart = false;
  private closedByUser = false;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  private readonly inbox = new EventInbox<InboxItem>();
  private pumping = false;
  private readonly handlers: { pattern: string; fn: EventHandler }[] = [];
  private readonly dispatchCache = new Map<string, EventHandler[]>();
  private readonly stateListeners = new Set<(change: ConnectionStateChange) => void>();
  private readonly errorListeners = new Set<(error: NovaCronError) => void>();
  private readonly endListeners = new Set<() => void>();
  /** Last version seen per relisted resource (`type:id`), to diff on relist and drop stale events. */
  private readonly known = new Map<string, number>();
  /** The stream epoch `known` was recorded in: versions from another life of the server do not compare. */
  private knownEpoch: string | undefined;
  /** Resources whose listed version equals the last version delivered: events at that version are already reflected. */
  private readonly listedFloor = new Set<string>();
  private readonly m: Omit<EventStreamMetrics, 'state' | 'cursor' | 'bufferedEvents' | 'maxBufferedEvents'> = {
    received: 0,
    delivered: 0,
    duplicates: 0,
    stale: 0,
    bookmarks: 0,
    connects: 0,
    reconnects: 0,
    resets: 0,
    resyncEvents: 0,
    heartbeatTimeouts: 0,
    malformedFrames: 0,
    handlerErrors: 0,
    overflows: 0,
    droppedEvents: 0,
    lastConnectMs: undefined,
  };

  constructor(options: EventStreamOptions) {
    if (!options || typeof options.url !== 'string' || !/^(https?|wss?):\/\//.test(options.url)) {
      throw new ConfigError('url', 'must be an http(s):// or ws(s):// URL');
    }
    this.options = options;
    this.factory = options.socketFactory ?? defaultSocketFactory;
    this.backoff = new ReconnectBackoff(options.reconnect);
    this.heartbeatMs = options.heartbeatIntervalMs ?? 15_000;
    if (!(this.heartbeatMs >= 10)) throw new ConfigError('heartbeatIntervalMs', 'must be at least 10');
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.maxEvents = options.buffer?.maxEvents ?? 10_000;
    if (!Number.isInteger(this.maxEvents) || this.maxEvents < 1) throw new ConfigError('buffer.maxEvents', 'must be a positive integer');
    this.overflow = options.buffer?.overflow ?? 'pause';
    if (!['pause', 'drop-oldest', 'error'].includes(this.overflow)) {
      throw new ConfigError('buffer.overflow', 'must be pause, drop-oldest or error');
    }
    this.filter = validateFilter(options.filter ?? {});
    this.cursor = options.resumeFrom ? { ...options.resumeFrom } : undefined;
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
    if (!validateTypePattern(pattern)) throw new ValidationError(`Invalid event type pattern "${pattern}".`, [{ path: ['pattern'], message: 'a type, a prefix ending in *, or *' }]);
    const entry = { pattern, fn: handler };
    this.handlers.push(entry);
    this.dispatchCache.clear();
    return () => {
      const index = this.handlers.indexOf(entry);
      if (index >= 0) this.handlers.splice(index, 1);
      this.dispatchCache.clear();
    };
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
    this.sendMessage({ type: 'subscribe', filters: filterToWire(this.filter) });
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
      maxBufferedEvents: this.maxEvents,
    };
  }

  /** Closes the socket and ends every iterator. Events still buffered are not delivered. */
  close(): void {
    if (this.state === 'closed') return;
    this.closedByUser = true;
    this.teardownSocket();
    clearTimeout(this.reconnectTimer);
    this.inbox.clear();
    this.setState('closed', 'closed_by_client');
    this.startSettle?.reject(new ConnectionError('Event stream was closed before it connected.'));
    this.startSettle = undefined;
    for (const listener of this.endListeners) listener();
    this.endListeners.clear();
  }

  [Symbol.asyncIterator](): AsyncIterator<NovaEvent> {
    let waiting: ((result: IteratorResult<NovaEvent>) => void) | undefined;
    let held: { event: NovaEvent; release: () => void } | undefined;
    let done = false;
    const finish = () => {
      done = true;
      unsubscribe();
      this.endListeners.delete(finish);
      held?.release();
      held = undefined;
      waiting?.({ done: true, value: undefined });
      waiting = undefined;
    };
    // The iterator is one more handler; it holds the pump until the consumer pulls, so the
    // stream's inbox stays the only buffer and its overflow policy covers iterators too.
    const unsubscribe = this.on('*', (event) => {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ done: false, value: event });
        return;
      }
      return new Promise<void>((release) => {
        held = { event, release };
      });
    });
    this.endListeners.add(finish);
    void this.start().catch(() => undefined);
    return {
      next: () => {
        if (held) {
          const { event, release } = held;
          held = undefined;
          release();
          return Promise.resolve({ done: false, value: event });
        }
        if (done) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        finish();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  // ---- connection ----------------------------------------------------------------------

  private buildUrl(): string {
    const base = new URL(this.options.url);
    if (base.protocol === 'http:') base.protocol = 'ws:';
    if (base.protocol === 'https:') base.protocol = 'wss:';
    if (base.pathname === '/' || base.pathname === '') base.pathname = this.options.path ?? DEFAULT_PATH;
    for (const key of ['since', 'epoch', 'types', 'providers', 'regions', 'resource_types', 'resource_ids']) base.searchParams.delete(key);
    if (this.cursor) {
      base.searchParams.set('since', String(this.cursor.seq));
      base.searchParams.set('epoch', this.cursor.epoch);
    }
    for (const [key, list] of Object.entries(filterToWire(this.filter))) base.searchParams.set(key, list.join(','));
    return base.toString();
  }

  private async connect(): Promise<void> {
    if (this.closedByUser) return;
    this.setState(this.m.connects === 0 ? 'connecting' : 'reconnecting');
    const generation = ++this.socketGeneration;
    let token: string | undefined;
    try {
      token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    } catch (cause) {
      this.emitError(new AuthenticationError('Could not obtain a token for the event stream.', { status: 401, cause }));
      return this.scheduleReconnect('token_unavailable');
    }
    if (generation !== this.socketGeneration || this.closedByUser) return;
    this.welcomed = false;
    this.connectStartedAt = Date.now();
    const headers: Record<string, string> = {};
    if (token && this.factory.supportsHeaders) headers.Authorization = `Bearer ${token}`;
    const isCurrent = () => generation === this.socketGeneration;
    try {
      this.socket = this.factory.open(this.buildUrl(), headers, {
        open: () => {
          if (!isCurrent()) return;
          if (token && !this.factory.supportsHeaders) this.sendMessage({ type: 'auth', token });
        },
        message: (text) => {
          if (isCurrent()) this.onFrame(text);
        },
        error: () => {
          // The close handler that always follows decides what to do.
        },
        close: (info) => {
          if (isCurrent()) this.onSocketClosed(info);
        },
      });
    } catch (cause) {
      this.emitError(cause instanceof NovaCronError ? cause : new ConnectionError('Could not open the event socket.', { cause }));
      return this.scheduleReconnect('open_failed');
    }
    this.connectTimer = setTimeout(() => {
      if (isCurrent() && !this.welcomed) this.dropSocket('connect_timeout');
    }, this.connectTimeoutMs);
  }

  private onSocketClosed(info: { code: number; reason: string; status?: number }): void {
    this.teardownSocket();
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
    this.reconnectTimer = setTimeout(() => void this.connect(), delayMs);
  }

  /** Ends the current socket at once and moves on to a reconnect. */
  private dropSocket(reason: string): void {
    const socket = this.socket;
    this.teardownSocket();
    socket?.terminate();
    this.scheduleReconnect(reason);
  }

  private teardownSocket(): void {
    this.socketGeneration++;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.connectTimer);
    this.heartbeatTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && this.closedByUser) socket.close(1000, 'client closed');
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.pingSentAt = undefined;
    this.heartbeatTimer = setInterval(() => {
      const now = Date.now();
      // The last ping went unanswered for a whole interval, and nothing else arrived either.
      if (this.pingSentAt !== undefined && this.lastActivity < this.pingSentAt) {
        this.m.heartbeatTimeouts++;
        this.dropSocket('heartbeat_timeout');
        return;
      }
      this.pingSentAt = now;
      this.sendMessage({ type: 'ping', id: ++this.pingSeq });
    }, this.heartbeatMs);
  }

  private sendMessage(message: Record<string, unknown>): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // A socket that cannot send is about to close; the close handler reconnects.
    }
  }

  // ---- inbound -------------------------------------------------------------------------

  private onFrame(text: string): void {
    this.lastActivity = Date.now();
    let message: { type?: unknown; [key: string]: unknown };
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { type?: unknown }).type !== 'string') {
        throw new Error('not an object with a type');
      }
      message = parsed as typeof message;
    } catch (cause) {
      return this.malformed('Malformed frame on the event stream.', cause);
    }
    switch (message.type) {
      case 'events':
        return this.onEvents(message.events);
      case 'welcome':
        return this.onWelcome(message);
      case 'bookmark':
        return this.onBookmark(message);
      case 'subscribed':
        // Carries the position where the new filter took over; treat it like a bookmark.
        if (typeof message.seq === 'number') this.onBookmark(message);
        return;
      case 'reset':
        return this.onReset(message);
      case 'error':
        return this.emitError(
          new ValidationError(`The event server rejected a message: ${String(message.message ?? message.code)}`, [], { code: String(message.code ?? 'server_error') }),
        );
      default:
        return; // pong and types added later need nothing beyond the activity mark
    }
  }

  private malformed(text: string, cause?: unknown): void {
    this.m.malformedFrames++;
    this.emitError(cause instanceof ResponseValidationError ? cause : new ResponseValidationError(text, [], { cause }));
    // Whatever that frame held is unknown; reconnecting from the cursor gets it again, or a reset.
    this.dropSocket('malformed_frame');
  }

  private onWelcome(message: Record<string, unknown>): void {
    const epoch = message.epoch;
    const lastSeq = message.last_seq;
    if (typeof epoch !== 'string' || typeof lastSeq !== 'number') return this.malformed('Malformed welcome message.');
    this.welcomed = true;
    clearTimeout(this.connectTimer);
    this.m.connects++;
    this.m.lastConnectMs = Date.now() - this.connectStartedAt;
    this.tenantId = typeof message.tenant_id === 'string' ? message.tenant_id : '';
    this.backoff.connected();
    if (!this.cursor) this.cursor = { epoch, seq: lastSeq };
    this.setState('open');
    this.startHeartbeat();
    if (this.options.listOnStart && !this.listedOnStart) {
      this.listedOnStart = true;
      this.enqueue({ kind: 'resync', reason: 'initial_list', epoch, seq: this.cursor.seq });
    }
    this.startSettle?.resolve();
    this.startSettle = undefined;
  }

  private onBookmark(message: Record<string, unknown>): void {
    const { epoch, seq } = message;
    if (typeof epoch !== 'string' || typeof seq !== 'number') return this.malformed('Malformed bookmark message.');
    this.m.bookmarks++;
    if (this.cursor && this.cursor.epoch === epoch && seq > this.cursor.seq) this.cursor.seq = seq;
  }

  private onReset(message: Record<string, unknown>): void {
    const { epoch, seq, reason } = message;
    if (typeof epoch !== 'string' || typeof seq !== 'number') return this.malformed('Malformed reset message.');
    this.m.resets++;
    // Everything up to `seq` is reflected by a list taken from now on; everything after comes live.
    this.cursor = { epoch, seq };
    const why = typeof reason === 'string' ? reason : 'reset';
    if (this.options.relist && Object.keys(this.options.relist).length > 0) {
      this.enqueue({ kind: 'resync', reason: why, epoch, seq });
    } else {
      this.setState('open', why);
    }
  }

  private onEvents(raw: unknown): void {
    if (!Array.isArray(raw)) return this.malformed('Malformed events frame: events is not a list.');
    for (const item of raw) {
      let event: NovaEvent;
      try {
        event = eventFromWire(item);
      } catch (error) {
        return this.malformed('Malformed event on the stream.', error);
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

  /** Adds to the inbox under the overflow policy; false when the connection was paused. */
  private enqueue(item: InboxItem): boolean {
    if (this.inbox.size >= this.maxEvents && !isBarrier(item)) {
      this.m.overflows++;
      if (this.overflow === 'drop-oldest') {
        if (this.inbox.dropOldest((queued) => !isBarrier(queued))) this.m.droppedEvents++;
      } else if (this.overflow === 'error') {
        const error = new EventOverflowError(this.maxEvents);
        this.emitError(error);
        this.close();
        return false;
      } else {
        // Lossless: forget this event (the cursor goes back before it) and resume later.
        this.cursor = this.cursor && { epoch: this.cursor.epoch, seq: (item as NovaEvent).seq - 1 };
        this.pausedForOverflow = true;
        this.dropSocket('overflow');
        return false;
      }
    }
    this.inbox.push(item);
    if (isBarrier(item)) this.pump();
    return true;
  }

  // ---- delivery ------------------------------------------------------------------------

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    for (;;) {
      const item = this.inbox.shift();
      if (item === undefined) break;
      const pending = isBarrier(item) ? this.resync(item) : this.deliver(item);
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
    if (this.pausedForOverflow && this.inbox.size <= this.maxEvents / 2 && !this.closedByUser) {
      this.pausedForOverflow = false;
      this.m.reconnects++;
      void this.connect();
    }
  }

  private deliver(event: NovaEvent): Promise<void> | undefined {
    if (this.options.relist?.[event.resourceType] && !event.resync) {
      const key = `${event.resourceType}:${event.resourceId}`;
      const known = this.known.get(key);
      if (known !== undefined && (event.resourceVersion < known || (event.resourceVersion === known && this.listedFloor.has(key)))) {
        this.m.stale++;
        return undefined;
      }
      this.listedFloor.delete(key);
      if (event.type.endsWith('.deleted')) this.known.delete(key);
      else this.known.set(key, event.resourceVersion);
    }
    return this.dispatch(event);
  }

  private dispatch(event: NovaEvent): Promise<void> | undefined {
    this.m.delivered++;
    let handlers = this.dispatchCache.get(event.type);
    if (!handlers) {
      handlers = this.handlers.filter((h) => matchesTypePattern(h.pattern, event.type)).map((h) => h.fn);
      this.dispatchCache.set(event.type, handlers);
    }
    let waits: Promise<void>[] | undefined;
    for (const handler of handlers) {
      try {
        const result = handler(event);
        if (result && typeof (result as Promise<void>).then === 'function') {
          (waits ??= []).push(
            (result as Promise<void>).then(undefined, (error: unknown) => this.handlerFailed(error)),
          );
        }
      } catch (error) {
        this.handlerFailed(error);
      }
    }
    if (!waits) return undefined;
    return waits.length === 1 ? waits[0] : Promise.all(waits).then(() => undefined);
  }

  private handlerFailed(error: unknown): void {
    this.m.handlerErrors++;
    this.emitError(error instanceof NovaCronError ? error : new NovaCronError('An event handler threw.', { code: 'handler_error', cause: error }));
  }

  /** Relists, emits the diff as `resync` events, then lets the events that queued meanwhile through. */
  private async resync(barrier: ResyncBarrier): Promise<void> {
    this.setState('resyncing', barrier.reason);
    // A new epoch is a server that restarted: its resource versions started again, so what we
    // knew cannot be compared with what it lists. The list is the truth; every item is re-announced.
    const newEpoch = this.knownEpoch !== undefined && this.knownEpoch !== barrier.epoch;
    this.knownEpoch = barrier.epoch;
    const synthetic: NovaEvent[] = [];
    for (const [resourceType, lister] of Object.entries(this.options.relist ?? {})) {
      if (!this.filterAdmitsResourceType(resourceType)) continue;
      const items = await this.listWithRetry(lister);
      if (items === undefined) return; // closed meanwhile
      const listed = new Map<string, { version: number; item: unknown }>();
      for (const item of items) listed.set(listerId(lister, item), { version: listerVersion(lister, item), item });
      const ids = [...listed.keys()].sort();
      for (const id of ids) {
        const { version, item } = listed.get(id)!;
        if (!this.itemAdmitted(id, item)) continue;
        const key = `${resourceType}:${id}`;
        const known = this.known.get(key);
        if (known === undefined || version > known || (newEpoch && version !== known)) {
          synthetic.push(this.syntheticEvent(barrier, resourceType, id, version, known === undefined ? 'created' : 'updated', item));
        }
        if (known === undefined || version >= known || newEpoch) {
          this.known.set(key, version);
          this.listedFloor.add(key);
        }
      }
      const prefix = `${resourceType}:`;
      const vanished = [...this.known.keys()].filter((key) => key.startsWith(prefix) && !listed.has(key.slice(prefix.length))).sort();
      for (const key of vanished) {
        const id = key.slice(prefix.length);
        synthetic.push(this.syntheticEvent(barrier, resourceType, id, this.known.get(key)!, 'deleted', { id }));
        this.known.delete(key);
        this.listedFloor.delete(key);
      }
    }
    for (const event of synthetic) {
      this.m.resyncEvents++;
      const pending = this.dispatch(event);
      if (pending) await pending;
    }
    this.setState(this.socket && this.welcomed ? 'open' : 'reconnecting', 'resynced');
  }

  private async listWithRetry(lister: ResourceLister): Promise<unknown[] | undefined> {
    for (let attempt = 1; ; attempt++) {
      if (this.closedByUser) return undefined;
      try {
        return listItems(await lister.list());
      } catch (cause) {
        this.emitError(cause instanceof NovaCronError ? cause : new ConnectionError('Relist failed.', { cause }));
        const delay = backoffDelay(attempt, { baseDelayMs: this.backoff.baseDelayMs, maxDelayMs: this.backoff.maxDelayMs, jitter: 'full' });
        await abortableSleep(delay).catch(() => undefined);
      }
    }
  }

  private syntheticEvent(
    barrier: ResyncBarrier,
    resourceType: string,
    id: string,
    version: number,
    change: 'created' | 'updated' | 'deleted',
    item: unknown,
  ): NovaEvent {
    const fields = (item ?? {}) as Record<string, unknown>;
    const text = (a: string, b: string) => (typeof fields[a] === 'string' ? (fields[a] as string) : typeof fields[b] === 'string' ? (fields[b] as string) : '');
    return {
      id: `resync:${barrier.epoch}:${barrier.seq}:${resourceType}:${id}`,
      seq: barrier.seq,
      epoch: barrier.epoch,
      type: `${resourceType}.${change}`,
      resourceType,
      resourceId: id,
      resourceVersion: version,
      tenantId: text('tenantId', 'tenant_id') || this.tenantId,
      cloudProvider: text('cloudProvider', 'cloud_provider'),
      region: text('region', 'region'),
      timestamp: new Date().toISOString(),
      correlationId: null,
      data: fields,
      resync: true,
    };
  }

  private filterAdmitsResourceType(resourceType: string): boolean {
    const { resourceTypes, types } = this.filter;
    if (resourceTypes?.length && !resourceTypes.includes(resourceType)) return false;
    if (types?.length && !types.some((p) => p === '*' || p.startsWith(`${resourceType}.`))) return false;
    return true;
  }

  private itemAdmitted(id: string, item: unknown): boolean {
    const { resourceIds, cloudProviders, regions } = this.filter;
    const fields = (item ?? {}) as Record<string, unknown>;
    if (resourceIds?.length && !resourceIds.includes(id)) return false;
    const provider = fields.cloudProvider ?? fields.cloud_provider;
    if (cloudProviders?.length && typeof provider === 'string' && !cloudProviders.includes(provider)) return false;
    const region = fields.region;
    if (regions?.length && typeof region === 'string' && !regions.includes(region)) return false;
    return true;
  }

  // ---- bookkeeping ---------------------------------------------------------------------

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

function isBarrier(item: InboxItem): item is ResyncBarrier {
  return (item as ResyncBarrier).kind === 'resync';
}

function validateFilter(filter: EventFilter): EventFilter {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [key, list] of Object.entries(filter)) {
    if (!['types', 'cloudProviders', 'regions', 'resourceTypes', 'resourceIds'].includes(key)) {
      issues.push({ path: [key], message: 'unknown filter' });
      continue;
    }
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v.length === 0 || v.includes(','))) {
      issues.push({ path: [key], message: 'must be a list of non-empty strings without commas' });
    }
  }
  for (const pattern of filter.types ?? []) {
    if (typeof pattern === 'string' && !validateTypePattern(pattern)) issues.push({ path: ['types'], message: `invalid pattern "${pattern}"` });
  }
  if (issues.length > 0) throw new ValidationError('Invalid event filter.', issues);
  return { ...filter };
}
