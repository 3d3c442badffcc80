import type { BusListener, BusMessage, InvalidationBus } from '../invalidation-bus';
import { randomId } from '../internal/random-id';
import { SenderSequences } from '../internal/sender-sequences';
import type { RedisClient } from './redis-connection';

/**
 * Appends the message to a capped stream and publishes it with its stream id in one step, so
 * a subscriber that was away can replay from the last id it saw.
 */
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'm', ARGV[2])
redis.call('PUBLISH', ARGV[1], id .. '|' .. ARGV[2])
return id`;

/** A message as it goes on the wire: numbered by its sending bus, so receivers see what was lost. */
type Sequenced = BusMessage & { sender: string; seq: number };

type Scripted = RedisClient & { novacronBusPublish(stream: string, channel: string, message: string, maxLen: string): Promise<string> };

export interface RedisInvalidationBusOptions {
  /** Runs the publish script and the replay reads. */
  publisher: RedisClient;
  /** A connection used for SUBSCRIBE only. */
  subscriber: RedisClient;
  /** Channel and stream names start with it. Default `novacron:cache:`. */
  prefix?: string;
  /** Messages kept for replay. A subscriber away for longer than that flushes its L1. Default 10,000. */
  maxStreamLength?: number;
  /** Messages kept to re-send while Redis is unreachable; past it, a full clear is sent instead. Default 10,000. */
  maxQueued?: number;
  /** Close the subscriber in `close()`. Default true. */
  ownsSubscriber?: boolean;
}

/**
 * Cross-process invalidation over Redis pub/sub, made loss-aware. Pub/sub alone drops every
 * message sent while a subscriber is away; here each message also goes to a capped stream, and
 * a subscriber that reconnects replays the stream from the last id it saw before it reports
 * itself connected. If the stream no longer reaches back that far it reports a gap, and the
 * cache flushes its L1. Messages this process could not publish are queued and re-sent.
 *
 * Each bus also numbers what it sends. A promoted replica can lack the last entries its dead
 * master acknowledged, and the stream then shows no sign of them: the next number from that
 * sender does, and is reported as a gap of lost messages (L2 writes may have died with them).
 * The numbers also drop duplicates (a command re-sent after a reconnect, a message both
 * replayed and published while the replay ran).
 */
export class RedisInvalidationBus implements InvalidationBus {
  readonly channel: string;
  readonly stream: string;
  private readonly publisher: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly maxStreamLength: number;
  private readonly maxQueued: number;
  private readonly ownsSubscriber: boolean;
  private listener: BusListener | undefined;
  private lastId: string | undefined;
  private isConnected = false;
  private syncing: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Sequenced[] = [];
  /** This bus's sender id (new per instance) and the last number it gave a message. */
  private readonly sender = randomId();
  private sent = 0;
  private readonly sequences = new SenderSequences();
  /** Published messages that arrived while a replay ran, delivered after it in stream order. */
  private held: [string, string][] | undefined;
  private queueOverflowed = false;
  private flushing = false;
  private closed = false;
  private readonly onMessage = (channel: string, payload: string) => this.handle(channel, payload);
  private readonly onClose = () => this.disconnected();
  private readonly onSubscriberReady = () => void this.sync();
  private readonly onPublisherReady = () => void this.flushQueue();

  constructor(options: RedisInvalidationBusOptions) {
    const prefix = options.prefix ?? 'novacron:cache:';
    this.channel = `${prefix}bus`;
    this.stream = `${prefix}bus-stream`;
    this.publisher = options.publisher;
    this.subscriber = options.subscriber;
    this.maxStreamLength = options.maxStreamLength ?? 10_000;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.ownsSubscriber = options.ownsSubscriber ?? true;
    const p = this.publisher as Scripted;
    if (typeof p.novacronBusPublish !== 'function') p.defineCommand('novacronBusPublish', { numberOfKeys: 1, lua: PUBLISH_SCRIPT });
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** The subscriber connection (tests kill it to prove the replay). */
  get subscriberConnection(): RedisClient {
    return this.subscriber;
  }

  async start(listener: BusListener): Promise<void> {
    this.listener = listener;
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('close', this.onClose);
    this.subscriber.on('ready', this.onSubscriberReady);
    this.publisher.on('ready', this.onPublisherReady);
    if (this.subscriber.status === 'ready') await this.sync();
    else await this.waitForFirstSync(5_000);
  }

  async publish(message: BusMessage): Promise<void> {
    const sequenced = this.sequenced(message);
    if (this.queue.length > 0 || this.publisher.status !== 'ready') {
      this.enqueue(sequenced);
      return;
    }
    try {
      await this.send(sequenced);
    } catch {
      this.enqueue(sequenced);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('close', this.onClose);
    this.subscriber.off('ready', this.onSubscriberReady);
    this.publisher.off('ready', this.onPublisherReady);
    await this.syncing?.catch(() => undefined);
    this.isConnected = false;
    if (!this.ownsSubscriber) return;
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
  }

  private sequenced(message: BusMessage): Sequenced {
    return { ...message, sender: this.sender, seq: ++this.sent };
  }

  private send(message: Sequenced): Promise<string> {
    return (this.publisher as Scripted).novacronBusPublish(this.stream, this.channel, JSON.stringify(message), String(this.maxStreamLength));
  }

  private enqueue(message: Sequenced): void {
    if (this.queue.length >= this.maxQueued) {
      this.queue.shift();
      this.queueOverflowed = true;
    }
    this.queue.push(message);
    this.scheduleRetry();
  }

  private async flushQueue(): Promise<void> {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    try {
      if (this.queueOverflowed && this.queue.length > 0) {
        // Some invalidations were dropped: only a full clear is certain to cover them.
        const first = this.queue[0]!;
        this.queue = [this.sequenced({ source: first.source, sentAt: Date.now(), ops: [{ op: 'clear' }] })];
        this.queueOverflowed = false;
      }
      while (this.queue.length > 0 && this.publisher.status === 'ready') {
        await this.send(this.queue[0]!);
        this.queue.shift();
      }
    } catch {
      // Still down; the retry timer or the next 'ready' tries again.
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.scheduleRetry();
    }
  }

  private handle(channel: string, payload: string): void {
    if (channel !== this.channel) return;
    const bar = payload.indexOf('|');
    if (bar < 0) return;
    const id = payload.slice(0, bar);
    if (this.held) this.held.push([id, payload.slice(bar + 1)]);
    else this.deliver(id, payload.slice(bar + 1));
  }

  private deliver(id: string, json: string): void {
    if (this.lastId === undefined || compareIds(id, this.lastId) > 0) this.lastId = id;
    let message: Partial<Sequenced>;
    try {
      message = JSON.parse(json) as Partial<Sequenced>;
    } catch {
      return;
    }
    if (!message || !Array.isArray(message.ops)) return;
    // Our own messages count too: the listener skips them, but a hole in them means L2 writes this
    // process made may have died with a master. Messages from buses without numbers pass as they are.
    if (typeof message.sender === 'string' && typeof message.seq === 'number') {
      const verdict = this.sequences.check(message.sender, message.seq);
      if (verdict === 'duplicate') return;
      if (verdict === 'after-hole') this.listener?.gap('lost');
    }
    this.listener?.message(message as BusMessage);
  }

  private disconnected(): void {
    if (this.isConnected) {
      this.isConnected = false;
      this.listener?.connection(false);
    }
  }

  /** Subscribe, then replay what the stream holds past `lastId`; only then report connected. */
  private sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.syncing) return this.syncing;
    this.syncing = this.runSync()
      .catch(() => this.scheduleRetry())
      .finally(() => {
        this.syncing = undefined;
      });
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    const from = this.lastId;
    if (from !== undefined) this.held = [];
    try {
      await this.replayFrom(from);
    } catch (error) {
      // The retry replays from the last id delivered, and that covers what was held.
      this.held = undefined;
      throw error;
    }
    // Whatever was published meanwhile follows the replay; what the replay delivered is a duplicate.
    const held = this.held ?? [];
    this.held = undefined;
    for (const [id, json] of held) this.deliver(id, json);
    if (this.subscriber.status !== 'ready' || this.closed) return;
    if (!this.isConnected) {
      this.isConnected = true;
      this.listener?.connection(true);
    }
  }

  private async replayFrom(from: string | undefined): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    if (from === undefined) {
      // First start: nothing in L1 can be stale yet; remember where the stream is.
      const last = (await this.publisher.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
      const id = last[0]?.[0] ?? '0-0';
      if (this.lastId === undefined || compareIds(id, this.lastId) > 0) this.lastId = id;
    } else {
      if (await this.missedBeyondStream(from)) {
        this.listener?.gap('trimmed');
        this.sequences.forget();
      }
      let cursor = from;
      for (;;) {
        const batch = (await this.publisher.xrange(this.stream, `(${cursor}`, '+', 'COUNT', 500)) as [string, string[]][];
        for (const [id, fields] of batch) {
          const json = fields[fields.indexOf('m') + 1];
          if (json !== undefined) this.deliver(id, json);
          cursor = id;
        }
        if (batch.length < 500) break;
      }
    }
  }

  /** Whether entries after `from` were trimmed away (or the stream vanished) while we were away. */
  private async missedBeyondStream(from: string): Promise<boolean> {
    let info: unknown[];
    try {
      info = (await this.publisher.xinfo('STREAM', this.stream)) as unknown[];
    } catch {
      return from !== '0-0'; // no stream at all: whatever we last saw is gone
    }
    const field = (name: string) => {
      const i = info.indexOf(name);
      return i >= 0 ? info[i + 1] : undefined;
    };
    // XDEL moves max-deleted-entry-id; MAXLEN trimming only moves the first entry. If the
    // first entry is past `from`, something we never saw may have been trimmed: say so.
    const maxDeleted = field('max-deleted-entry-id');
    if (typeof maxDeleted === 'string' && compareIds(maxDeleted, from) > 0) return true;
    const first = field('first-entry') as [string, unknown] | null | undefined;
    return !!first && compareIds(first[0], from) > 0;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.queue.length > 0) void this.flushQueue();
      if (!this.isConnected && this.subscriber.status === 'ready') void this.sync();
    }, 250);
    (this.retryTimer as { unref?: () => void }).unref?.();
  }

  private waitForFirstSync(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
      const check = setInterval(() => {
        if (this.isConnected || this.closed) done();
      }, 10);
      function done() {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    });
  }
}

/** Compare two stream ids `ms-seq`. */
function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-');
  const [bm, bs] = b.split('-');
  const d = Number(am) - Number(bm);
  if (d !== 0) return d < 0 ? -1 : 1;
  const e = Number(as ?? 0) - Number(bs ?? 0);
  return e === 0 ? 0 : e < 0 ? -1 : 1;
}
