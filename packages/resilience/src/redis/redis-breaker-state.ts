import { ConfigError } from '@novacron/core';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { ResilienceEvents } from '../resilience-events';
import type { SharedBreakerChange, SharedBreakerState, SharedBreakerStateFactory } from '../shared-breaker-state';

export interface RedisBreakerStateOptions {
  /** Default: NOVACRON_REDIS_URL, REDIS_URL, then redis://127.0.0.1:6379. A standalone `redis://` / `rediss://` URL. */
  url?: string;
  /**
   * Your own connection instead of `url`: a Sentinel client (`new Redis({ sentinels, name })`) or a
   * `Cluster`. It is not closed by `close()`; the subscriber made from it (`duplicate()`) is.
   */
  client?: Redis | Cluster;
  /** Prefix of the keys holding each open circuit (value = open-until, TTL = time left). Default `novacron:breaker:`. */
  keyPrefix?: string;
  /** Pub/sub channel. Default `novacron:breaker`. */
  channel?: string;
  /** Connect and command timeout, ms. Default 500. */
  timeoutMs?: number;
  events?: ResilienceEvents;
  env?: Record<string, string | undefined>;
}

type RedisClient = Redis | Cluster;

interface Message {
  /** Sender id, so a process ignores its own messages. */
  o: string;
  r: string;
  s: 'open' | 'closed';
  /** Milliseconds still open, relative so clock skew between hosts does not matter. */
  t?: number;
}

/**
 * Breaker state shared through Redis: an open circuit is a key whose TTL is the time left open,
 * and a pub/sub message so the others learn within milliseconds. Redis is optional by design:
 * no offline queue, short timeouts, every error swallowed and counted, so with Redis down each
 * process simply keeps its local breaker.
 */
export class RedisBreakerState implements SharedBreakerState {
  private readonly origin = Math.random().toString(36).slice(2) + Date.now().toString(36);
  private readonly keyPrefix: string;
  private readonly channel: string;
  private readonly listeners: ((route: string, change: SharedBreakerChange) => void)[] = [];
  private readonly routes = new Set<string>();
  private readonly events: ResilienceEvents | undefined;
  private readonly ready: Promise<void>;
  private command: RedisClient | undefined;
  private subscriber: RedisClient | undefined;
  private ownsCommand = true;

  constructor(options: RedisBreakerStateOptions = {}) {
    const env = options.env ?? (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
    const url = options.url ?? env.NOVACRON_REDIS_URL ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    // new Redis('redis-cluster://a,b') would quietly try to reach a host named "a,b" forever.
    if (!options.client && !/^rediss?:\/\//.test(url)) {
      throw new ConfigError('redis.url', 'the shared breaker state takes a redis:// or rediss:// URL; for Sentinel or Cluster pass `client` (new Redis({ sentinels, name }) or new Cluster(nodes)).');
    }
    this.keyPrefix = options.keyPrefix ?? 'novacron:breaker:';
    this.channel = options.channel ?? 'novacron:breaker';
    this.events = options.events;
    this.ready = this.connect(url, options.timeoutMs ?? 500, options.client).catch((error) => this.failed(error));
  }

  publish(route: string, change: SharedBreakerChange): void {
    const client = this.command;
    if (!client || client.status !== 'ready') return this.failed(new Error('Redis not connected'), route);
    const message: Message = { o: this.origin, r: route, s: change.state };
    const key = this.keyPrefix + route;
    if (change.state === 'open') {
      const left = Math.max(1, Math.round(change.openUntil - Date.now()));
      message.t = left;
      client.set(key, String(change.openUntil), 'PX', left).catch((error) => this.failed(error, route));
    } else {
      client.del(key).catch((error) => this.failed(error, route));
    }
    client.publish(this.channel, JSON.stringify(message)).catch((error) => this.failed(error, route));
  }

  subscribe(listener: (route: string, change: SharedBreakerChange) => void): void {
    this.listeners.push(listener);
  }

  lookup(route: string): void {
    this.routes.add(route);
    const client = this.command;
    if (!client || client.status !== 'ready') return;
    client.pttl(this.keyPrefix + route).then(
      (left) => {
        if (left > 0) this.deliver(route, { state: 'open', openUntil: Date.now() + left });
      },
      (error) => this.failed(error, route),
    );
  }

  /** Resolves once both connections were attempted (connected or not). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async ping(): Promise<void> {
    await this.ready;
    if (!this.command) throw new Error('Redis not connected');
    await this.command.ping();
  }

  async close(): Promise<void> {
    await this.ready;
    const owned = this.ownsCommand ? [this.command, this.subscriber] : [this.subscriber];
    await Promise.all(owned.map((client) => (client ? quit(client) : Promise.resolve())));
  }

  private async connect(url: string, timeoutMs: number, given: RedisClient | undefined): Promise<void> {
    const options: RedisOptions = {
      enableOfflineQueue: false,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      // Keep trying in the background, never faster than every 200 ms nor slower than every second.
      retryStrategy: (times) => Math.min(1000, 200 * times),
      lazyConnect: true,
    };
    if (given) {
      this.ownsCommand = false;
      this.command = given;
      // A Cluster's duplicate re-subscribes on another node by itself when its node fails over.
      this.subscriber = given instanceof Cluster ? given.duplicate() : given.duplicate({ enableOfflineQueue: true });
    } else {
      this.command = new Redis(url, options);
      this.subscriber = new Redis(url, options);
    }
    for (const client of [this.command, this.subscriber]) client.on('error', (error) => this.failed(error));
    this.subscriber.on('message', (channel, text) => this.received(channel, text));
    // After every (re)connect: subscribe again and catch up on what was missed while away.
    this.subscriber.on('ready', () => {
      this.subscriber?.subscribe(this.channel).catch((error) => this.failed(error));
    });
    this.command.on('ready', () => {
      for (const route of this.routes) this.lookup(route);
    });
    // Owned clients connect lazily; a given one (and its duplicate) is already on its way.
    await Promise.all(
      [this.command, this.subscriber].map((c) => (c.status === 'wait' ? c.connect().catch((error) => this.failed(error)) : settled(c, timeoutMs))),
    );
    if (given && this.command.status === 'ready') for (const route of this.routes) this.lookup(route);
  }

  private received(channel: string, text: string): void {
    if (channel !== this.channel) return;
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch (error) {
      return this.failed(error);
    }
    if (message.o === this.origin || typeof message.r !== 'string') return;
    if (message.s === 'open' && typeof message.t === 'number') this.deliver(message.r, { state: 'open', openUntil: Date.now() + message.t });
    else if (message.s === 'closed') this.deliver(message.r, { state: 'closed' });
  }

  private deliver(route: string, change: SharedBreakerChange): void {
    for (const listener of this.listeners) listener(route, change);
  }

  private failed(error: unknown, route = '*'): void {
    this.events?.emit({ event: 'sharedStateError', policy: 'circuitBreaker', route, error });
  }
}

/** Resolves when `client` is ready, fails, or `timeoutMs` passes, whichever comes first. */
function settled(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('error', done);
      client.off('end', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
    client.once('error', done);
    client.once('end', done);
  });
}

async function quit(client: RedisClient): Promise<void> {
  try {
    if (client.status === 'ready') await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
  }
}

/**
 * The preset's `circuitBreaker.shared` option for Redis: the state is built with the preset's env
 * (NOVACRON_REDIS_URL, REDIS_URL) and reports connection errors on its event bus.
 */
export function redisBreakerState(options: Omit<RedisBreakerStateOptions, 'env' | 'events'> = {}): SharedBreakerStateFactory {
  return ({ env, events }) => new RedisBreakerState({ env, events, ...options });
}
