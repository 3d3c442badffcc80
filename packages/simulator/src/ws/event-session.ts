import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { EventEnvelope, EventLog } from '../events/event-log';
import { compileFilter, validateFilter, type CompiledEventFilter } from './event-filter';
import { truncatedFrame } from './raw-frame';
import { CLOSE_CODES, type ServerEventMessage, type WireEventFilter } from './socket-protocol';

/** Who the token belongs to; events of other tenants are never sent to it. */
export interface SocketPrincipal {
  tenantId: string;
  role?: string;
  subject?: string;
}

export interface EventSessionSettings {
  heartbeatIntervalMs: number;
  bookmarkIntervalMs: number;
  maxBatch: number;
  maxBufferedBytes: number;
}

export interface ResumeCursor {
  seq: number;
  epoch?: string;
}

// Each event is serialized once however many sessions receive it.
const serialized = new WeakMap<EventEnvelope, string>();
function serializeEvent(event: EventEnvelope): string {
  let text = serialized.get(event);
  if (text === undefined) {
    text = JSON.stringify(event);
    serialized.set(event, text);
  }
  return text;
}

/**
 * One authenticated connection on the events socket: its filter, its position in the log, and
 * the events waiting to go out in the next batch.
 */
export class EventSession {
  private filter: CompiledEventFilter;
  /** Highest sequence number this session has considered (sent or filtered out). */
  private cursor = 0;
  /** Highest sequence number the client has been told about (by an event or a bookmark). */
  private announced = 0;
  private pending: EventEnvelope[] = [];
  private flushScheduled = false;
  private live = false;
  frozen = false;
  closed = false;
  sentEvents = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly rawSocket: Socket,
    readonly principal: SocketPrincipal,
    private readonly log: () => EventLog,
    private readonly settings: EventSessionSettings,
    filter: WireEventFilter,
  ) {
    this.filter = compileFilter(filter);
  }

  /** Greets the client, then replays from the cursor (or announces a reset) and goes live. */
  start(resume: ResumeCursor | undefined): void {
    const log = this.log();
    this.send({
      type: 'welcome',
      epoch: log.epoch,
      last_seq: log.lastSeq,
      first_seq: log.firstSeq,
      heartbeat_interval_ms: this.settings.heartbeatIntervalMs,
      bookmark_interval_ms: this.settings.bookmarkIntervalMs,
      tenant_id: this.principal.tenantId,
      filters: this.filter.wire,
    });
    this.resume(resume);
  }

  resume(resume: ResumeCursor | undefined): void {
    const log = this.log();
    this.pending = [];
    this.live = true;
    if (!resume) {
      this.cursor = log.lastSeq;
      this.announced = this.cursor;
      return;
    }
    if (resume.epoch !== undefined && resume.epoch !== log.epoch) {
      this.reset('epoch_changed');
      return;
    }
    const missed = resume.seq > log.lastSeq ? 'ahead' : log.since(resume.seq);
    if (missed === 'too_old' || missed === 'ahead') {
      // A cursor ahead of the log can only come from another life of the stream.
      this.reset(missed === 'ahead' ? 'epoch_changed' : 'cursor_too_old');
      return;
    }
    this.cursor = resume.seq;
    this.announced = resume.seq;
    for (const event of missed) this.consider(event);
    this.flush();
  }

  private reset(reason: 'cursor_too_old' | 'epoch_changed'): void {
    const log = this.log();
    this.cursor = log.lastSeq;
    this.announced = this.cursor;
    this.send({ type: 'reset', reason, epoch: log.epoch, seq: this.cursor });
  }

  setFilter(wire: unknown): string | undefined {
    const problem = validateFilter(wire);
    if (problem) return problem;
    // Events already queued were chosen under the old filter; the new one applies from here on.
    this.flush();
    this.filter = compileFilter((wire ?? {}) as WireEventFilter);
    // Doubles as a bookmark: events up to here were judged by the old filter, so a resume must not
    // replay them under the new one.
    this.announced = this.cursor;
    this.send({ type: 'subscribed', filters: this.filter.wire, epoch: this.log().epoch, seq: this.cursor });
    return undefined;
  }

  /** Called for every event the log publishes. */
  offer(event: EventEnvelope): void {
    if (!this.live || this.closed || this.frozen) return;
    this.consider(event);
    if (this.pending.length >= this.settings.maxBatch) this.flush();
    else if (!this.flushScheduled && this.pending.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  private consider(event: EventEnvelope): void {
    if (event.seq <= this.cursor) return;
    this.cursor = event.seq;
    // `*` marks shared infrastructure events (node failures) that every tenant may see.
    if (event.tenant_id !== this.principal.tenantId && event.tenant_id !== '*') return;
    if (!this.filter.matches(event)) return;
    this.pending.push(event);
    if (this.pending.length >= this.settings.maxBatch) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0 || this.closed || this.frozen) return;
    const batch = this.pending;
    this.pending = [];
    this.announced = batch[batch.length - 1]!.seq;
    this.sentEvents += batch.length;
    this.sendRaw(`{"type":"events","events":[${batch.map(serializeEvent).join(',')}]}`);
  }

  /** Periodic: tell a client whose filter hid events how far the stream has got. */
  bookmark(): void {
    if (!this.live || this.closed || this.frozen) return;
    this.flush();
    if (this.cursor > this.announced) {
      this.announced = this.cursor;
      this.send({ type: 'bookmark', epoch: this.log().epoch, seq: this.cursor });
    }
  }

  send(message: ServerEventMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  sendRaw(text: string): void {
    if (this.closed || this.frozen) return;
    if (this.ws.bufferedAmount > this.settings.maxBufferedBytes) {
      // A consumer this far behind resumes from its cursor instead of growing our memory.
      this.ws.close(CLOSE_CODES.slowConsumer, 'slow consumer');
      this.closed = true;
      return;
    }
    this.ws.send(text);
  }

  /** Fault injection: cut the connection, optionally in the middle of a frame. */
  drop(midFrame: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (midFrame && !this.rawSocket.destroyed) {
      const next = this.pending.length > 0 ? this.pending : [];
      const payload = `{"type":"events","events":[${next.map(serializeEvent).join(',')}${next.length ? ',' : ''}{"id":"x"}]}`;
      // Destroy only once the half frame has reached the kernel, or the client would never see it.
      this.rawSocket.write(truncatedFrame(payload.padEnd(64, ' ')), () => this.rawSocket.destroy());
      return;
    }
    this.rawSocket.destroy();
  }

  /** Fault injection: stop reading and writing, but keep the TCP connection open (a half-dead peer). */
  freeze(): void {
    this.frozen = true;
    this.rawSocket.pause();
  }
}
