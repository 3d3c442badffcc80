import { randomUUID } from 'node:crypto';

/** The wire envelope of every event the simulator publishes (snake_case, as on the wire). */
export interface EventEnvelope {
  /** Unique per event: `<epoch>:<seq>`. */
  id: string;
  /** Stream sequence number, 1-based, strictly increasing within an epoch. */
  seq: number;
  /** Changes when the simulator restarts: a cursor from another epoch cannot resume. */
  epoch: string;
  type: string;
  resource_type: string;
  resource_id: string;
  resource_version: number;
  tenant_id: string;
  cloud_provider: string;
  region: string;
  timestamp: string;
  correlation_id: string | null;
  data: Record<string, unknown>;
}

export type PublishInput = Omit<EventEnvelope, 'id' | 'seq' | 'epoch' | 'timestamp'> & { timestamp?: string };

export type EventListener = (event: EventEnvelope) => void;

/**
 * The simulator's event stream: every change is published here, kept in a bounded ring buffer
 * for resume, and fanned out to live subscribers (the WebSocket server, tests).
 */
export class EventLog {
  readonly epoch: string;
  private readonly buffer: (EventEnvelope | undefined)[];
  private nextSeq = 1;
  private readonly listeners = new Set<EventListener>();

  constructor(readonly capacity = 10_000, epoch: string = randomUUID()) {
    this.epoch = epoch;
    this.buffer = new Array(capacity);
  }

  /** The sequence number of the newest event, 0 when none. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** The oldest sequence number still replayable. */
  get firstSeq(): number {
    return Math.max(1, this.nextSeq - this.capacity);
  }

  publish(input: PublishInput): EventEnvelope {
    const seq = this.nextSeq++;
    const event: EventEnvelope = {
      ...input,
      id: `${this.epoch}:${seq}`,
      seq,
      epoch: this.epoch,
      timestamp: input.timestamp ?? new Date().toISOString(),
    };
    this.buffer[seq % this.capacity] = event;
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /**
   * Events after `seq` (exclusive), oldest first; `'too_old'` when some of them already left the
   * buffer, so the caller must relist instead of resuming.
   */
  since(seq: number): EventEnvelope[] | 'too_old' {
    if (seq >= this.lastSeq) return [];
    if (seq + 1 < this.firstSeq) return 'too_old';
    const out: EventEnvelope[] = [];
    for (let s = seq + 1; s <= this.lastSeq; s++) out.push(this.buffer[s % this.capacity]!);
    return out;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
