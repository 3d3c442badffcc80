import { APIError, ConnectionError, NovaCronError, ResponseValidationError, ValidationError } from '@novacron/core';
import type { EventSocket, EventSocketFactory } from './event-socket';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
import { defaultSocketFactory } from './internal/default-socket-factory';

export interface LiveFeedOptions {
  /** Server base URL (`http://localhost:8090`) or a full `ws://…` URL of the socket. */
  url: string;
  /** Bearer token, or a function called before every connection (so a refreshed token is used). */
  token?: string | (() => string | Promise<string>);
  /** Reconnect with backoff when the connection drops (default), or end the stream (`false`). */
  reconnect?: ReconnectBackoffOptions | false;
  /** Items an iterator may hold before the oldest are dropped (counted in `metrics.dropped`). Default 10 000. */
  maxBuffered?: number;
  socketFactory?: EventSocketFactory;
  signal?: AbortSignal;
}

/** How a feed kind reads its socket: where it is, and what a frame holds. */
export interface FeedProtocol<T> {
  /** Socket path when `url` is a base URL. */
  path(): string;
  /** Query parameters of the next connection (filters). */
  query(): Record<string, string | undefined>;
  /** The items in one parsed frame; [] for frames that carry none. Throws ResponseValidationError on a malformed one. */
  items(frame: Record<string, unknown>): T[];
}

export interface LiveFeedMetrics {
  connects: number;
  reconnects: number;
  received: number;
  delivered: number;
  /** Items dropped because an iterator was too far behind. */
  dropped: number;
  malformedFrames: number;
}

interface Consumer<T> {
  push(item: T): void;
  end(error?: NovaCronError): void;
}

const CLOSE_STATUS: Record<number, number> = { 4401: 401, 4403: 403 };

/**
 * A push-only WebSocket feed (upstream's alerts, logs and security sockets): connect with a
 * token, parse each frame into items, hand them to handlers and async iterators, reconnect with
 * full-jitter backoff when the connection drops. A refused upgrade (400, 401, 403) ends the feed
 * with the matching typed error, which a `for await` loop rethrows. Unlike the events stream
 * there is no cursor: what is published while disconnected is not replayed.
 */
export class LiveFeed<T> implements AsyncIterable<T> {
  private socket: EventSocket | undefined;
  private generation = 0;
  private state: 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' = 'idle';
  private readonly backoff: ReconnectBackoff | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private startPromise: Promise<void> | undefined;
  private settleStart: { resolve(): void; reject(error: unknown): void } | undefined;
  private readonly consumers = new Set<Consumer<T>>();
  private readonly errorListeners = new Set<(error: NovaCronError) => void>();
  private failure: NovaCronError | undefined;
  private readonly m: LiveFeedMetrics = { connects: 0, reconnects: 0, received: 0, delivered: 0, dropped: 0, malformedFrames: 0 };
  private readonly maxBuffered: number;
  /** Items that arrived while nobody listened (between `start()` and the first loop); the first iterator gets them. */
  private backlog: T[] = [];
  private readonly acks: { type: string; done(): void; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(
    private readonly options: LiveFeedOptions,
    private readonly protocol: FeedProtocol<T>,
  ) {
    if (!options || typeof options.url !== 'string' || !/^(https?|wss?):\/\//.test(options.url)) {
      throw new ValidationError('Invalid url: must be an http(s):// or ws(s):// URL.', [{ path: ['url'], message: 'invalid url' }], { code: 'invalid_input' });
    }
    this.maxBuffered = options.maxBuffered ?? 10_000;
    if (!Number.isInteger(this.maxBuffered) || this.maxBuffered < 1) {
      throw new ValidationError('Invalid maxBuffered: must be a positive integer.', [{ path: ['maxBuffered'], message: 'must be a positive integer' }], { code: 'invalid_input' });
    }
    this.backoff = options.reconnect === false ? undefined : new ReconnectBackoff(options.reconnect);
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Connects; resolves once the socket is open. Idempotent. */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.settleStart = { resolve, reject };
    });
    // A start() nobody awaits must not become an unhandled rejection; errors also reach onError and iterators.
    this.startPromise.catch(() => undefined);
    if (this.options.signal?.aborted) this.fail(new ConnectionError('The stream was aborted before it started.', { code: 'aborted' }));
    else void this.connect();
    return this.startPromise;
  }

  /** Calls `handler` for every item; returns the unsubscribe function. */
  on(handler: (item: T) => void): () => void {
    const consumer: Consumer<T> = { push: handler, end: () => undefined };
    this.consumers.add(consumer);
    return () => this.consumers.delete(consumer);
  }

  /** Typed errors that do not end the feed (malformed frames, a rejected message) and the one that does. */
  onError(listener: (error: NovaCronError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Sends a client message (`update_filters`) on the open socket; later connections use `query()` instead. */
  send(message: Record<string, unknown>): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // A socket that cannot send is closing; the next connection carries the filter in its query.
    }
  }

  /**
   * Sends `message` and resolves when the server answers with a frame of type `ackType` (the
   * simulator acknowledges `update_filters` with `filters_updated`), so what is published after
   * it is already filtered. Resolves at once when no socket is open, and after `timeoutMs` from a
   * server that never acknowledges (upstream's).
   */
  sendAndAwait(message: Record<string, unknown>, ackType: string, timeoutMs = 5_000): Promise<void> {
    if (this.state !== 'open' || !this.socket) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const entry = {
        type: ackType,
        done: () => {
          clearTimeout(entry.timer);
          const index = this.acks.indexOf(entry);
          if (index !== -1) this.acks.splice(index, 1);
          resolve();
        },
        timer: setTimeout(() => entry.done(), timeoutMs),
      };
      this.acks.push(entry);
      this.send(message);
    });
  }

  get connectionState(): 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' {
    return this.state;
  }

  get metrics(): LiveFeedMetrics {
    return { ...this.m };
  }

  /** Closes the socket and ends every iterator (without an error). */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    this.generation++;
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'client closed');
    this.settleStart?.reject(new ConnectionError('The stream was closed before it connected.', { code: 'closed' }));
    this.settleStart = undefined;
    for (const ack of [...this.acks]) ack.done();
    for (const consumer of this.consumers) consumer.end();
    this.consumers.clear();
  }

  /**
   * Items from now on (and those that arrived since `start()` while nobody listened). Ending the loop early (`break`) closes the feed when nothing else listens.
   * A feed that failed rethrows its error from the loop.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const queue: T[] = this.backlog;
    this.backlog = [];
    let waiting: ((result: IteratorResult<T>) => void) | undefined;
    let failWaiting: ((error: unknown) => void) | undefined;
    let ended = this.state === 'closed';
    let error: NovaCronError | undefined = this.failure;
    const consumer: Consumer<T> = {
      push: (item) => {
        if (waiting) {
          const resolve = waiting;
          waiting = failWaiting = undefined;
          resolve({ done: false, value: item });
          return;
        }
        queue.push(item);
        if (queue.length > this.maxBuffered) {
          queue.shift();
          this.m.dropped++;
        }
      },
      end: (reason) => {
        ended = true;
        error ??= reason;
        if (!waiting) return;
        const resolve = waiting;
        const reject = failWaiting!;
        waiting = failWaiting = undefined;
        if (error) {
          const e = error;
          error = undefined;
          reject(e);
        } else resolve({ done: true, value: undefined });
      },
    };
    if (!ended) {
      this.consumers.add(consumer);
      void this.start().catch(() => undefined);
    }
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ done: false, value: queue.shift()! });
        if (error) {
          const e = error;
          error = undefined;
          return Promise.reject(e);
        }
        if (ended) return Promise.resolve({ done: true, value: undefined });
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          waiting = resolve;
          failWaiting = reject;
        });
      },
      return: () => {
        ended = true;
        this.consumers.delete(consumer);
        if (this.consumers.size === 0) this.close();
        waiting?.({ done: true, value: undefined });
        waiting = failWaiting = undefined;
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  private async connect(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = this.m.connects === 0 ? 'connecting' : 'reconnecting';
    const generation = ++this.generation;
    const factory = this.options.socketFactory ?? defaultSocketFactory;
    let token: string | undefined;
    try {
      token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    } catch (cause) {
      return this.fail(new ConnectionError('Could not obtain a token for the stream.', { cause, code: 'token_unavailable' }));
    }
    // close() bumps the generation, so this also notices a close while the token was fetched.
    if (generation !== this.generation) return;
    const headers: Record<string, string> = {};
    if (token && factory.supportsHeaders) headers.Authorization = `Bearer ${token}`;
    const current = () => generation === this.generation;
    try {
      this.socket = factory.open(this.socketUrl(), headers, {
        open: () => {
          if (!current()) return;
          if (token && !factory.supportsHeaders) this.send({ type: 'auth', token });
          this.state = 'open';
          this.m.connects++;
          this.backoff?.connected();
          this.settleStart?.resolve();
          this.settleStart = undefined;
        },
        message: (text) => {
          if (current()) this.onFrame(text);
        },
        error: () => {
          // The close that always follows decides.
        },
        close: (info) => {
          if (!current()) return;
          this.socket = undefined;
          // The next connection carries the filter in its query: nothing is left to wait for.
          for (const ack of [...this.acks]) ack.done();
          this.onClosed(info);
        },
      });
    } catch (cause) {
      this.fail(cause instanceof NovaCronError ? cause : new ConnectionError('Could not open the stream socket.', { cause }));
    }
  }

  private socketUrl(): string {
    const url = new URL(this.options.url);
    if (url.protocol === 'http:') url.protocol = 'ws:';
    if (url.protocol === 'https:') url.protocol = 'wss:';
    if (url.pathname === '/' || url.pathname === '') url.pathname = this.protocol.path();
    for (const [key, value] of Object.entries(this.protocol.query())) {
      if (value === undefined || value === '') url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    return url.toString();
  }

  private onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch (cause) {
      return this.malformed(new ResponseValidationError('Malformed frame on the stream (not JSON).', [], { cause }));
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return this.malformed(new ResponseValidationError('Malformed frame on the stream (not an object).'));
    const message = frame as Record<string, unknown>;
    const ack = this.acks.find((entry) => entry.type === message.type);
    if (ack) return ack.done();
    if (message.type === 'error') {
      this.emitError(new ValidationError(`The server rejected a message: ${String(message.message ?? '')}`, [], { code: typeof message.code === 'string' ? message.code : 'rejected' }));
      return;
    }
    let items: T[];
    try {
      items = this.protocol.items(message);
    } catch (error) {
      return this.malformed(error instanceof ResponseValidationError ? error : new ResponseValidationError('Malformed frame on the stream.', [], { cause: error }));
    }
    for (const item of items) {
      this.m.received++;
      if (this.consumers.size === 0) {
        this.backlog.push(item);
        if (this.backlog.length > this.maxBuffered) {
          this.backlog.shift();
          this.m.dropped++;
        }
        continue;
      }
      for (const consumer of [...this.consumers]) {
        try {
          consumer.push(item);
        } catch (cause) {
          this.emitError(new NovaCronError('A stream handler threw.', { code: 'handler_error', cause }));
        }
      }
      this.m.delivered++;
    }
  }

  private onClosed(info: { code: number; status?: number }): void {
    if (this.state === 'closed') return;
    const status = info.status ?? CLOSE_STATUS[info.code];
    if (status !== undefined) {
      return this.fail(APIError.fromStatus(`The stream was refused with status ${status}.`, { status, code: status === 403 ? 'forbidden' : status === 401 ? 'unauthorized' : 'refused' }));
    }
    if (!this.backoff) {
      this.state = 'closed';
      this.settleStart?.reject(new ConnectionError('The stream closed before it opened.'));
      this.settleStart = undefined;
      for (const consumer of this.consumers) consumer.end();
      this.consumers.clear();
      return;
    }
    const delay = this.backoff.next();
    this.m.reconnects++;
    this.state = 'reconnecting';
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private malformed(error: ResponseValidationError): void {
    this.m.malformedFrames++;
    this.emitError(error);
  }

  /** Ends the feed with `error`: start() rejects, iterators rethrow it, error listeners hear it. */
  private fail(error: NovaCronError): void {
    if (this.state === 'closed') return;
    this.failure = error;
    this.emitError(error);
    this.settleStart?.reject(error);
    this.settleStart = undefined;
    for (const consumer of this.consumers) consumer.end(error);
    this.consumers.clear();
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    this.generation++;
    const socket = this.socket;
    this.socket = undefined;
    socket?.terminate();
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
