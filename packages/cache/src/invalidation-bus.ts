/** One invalidation, as it travels between processes. Keys and tags, never values. */
export type InvalidationOp =
  /** A new value is in L2: drop L1 copies older than `version` (all, when unversioned). */
  | { op: 'changed'; key: string; version?: number }
  | { op: 'delete'; keys: string[]; version?: number }
  | { op: 'tombstone'; key: string; version: number }
  | { op: 'floor'; key: string; version: number }
  | { op: 'tag'; tag: string; version?: number }
  | { op: 'prefix'; prefix: string }
  | { op: 'clear' };

export interface BusMessage {
  /** The instance that sent it: receivers skip their own. */
  source: string;
  /** Epoch ms at publish, for the bus lag metric. */
  sentAt: number;
  ops: InvalidationOp[];
}

export interface BusListener {
  message(message: BusMessage): void;
  /**
   * Messages may have been lost and cannot be replayed: drop everything that may be stale.
   * `'trimmed'` (the default): the stream no longer reaches back to them, so only L1 can be stale.
   * `'lost'`: messages Redis acknowledged are gone (a master died before its replica got them), and
   * the L2 writes sent with them may be gone too, so L2 entries made before now are suspect as well.
   */
  gap(cause?: 'trimmed' | 'lost'): void;
  /** The subscription went down (false) or is back and caught up (true). */
  connection(connected: boolean): void;
}

/**
 * Carries invalidations between processes so each one drops its L1 copies. Implementations must
 * tell the listener when they were disconnected, and on reconnect either replay what was missed
 * or report a gap; the cache never trusts its L1 while the bus is down.
 */
export interface InvalidationBus {
  readonly connected: boolean;
  start(listener: BusListener): Promise<void>;
  /** Must not throw: an implementation queues what it could not send and retries. */
  publish(message: BusMessage): Promise<void>;
  close(): Promise<void>;
}
