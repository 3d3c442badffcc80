import type { OverflowPolicy } from '../event-stream';
import type { StreamCounters } from './stream-counters';

/**
 * The bounded buffer between the socket and slow handlers: a FIFO with O(1) push/shift that
 * compacts its backing array now and then. Items for which `unbounded` holds (resync barriers)
 * are always accepted and never dropped, so a full buffer cannot lose a resync.
 */
export class EventInbox<T> {
  private items: T[] = [];
  private head = 0;

  constructor(
    readonly maxItems: number,
    readonly overflow: OverflowPolicy,
    private readonly unbounded: (item: T) => boolean,
    private readonly counters: Pick<StreamCounters, 'overflows' | 'droppedEvents'>,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** At most half full: a connection paused for overflow may resume without filling it again at once. */
  get hasRoomToResume(): boolean {
    return this.size <= this.maxItems / 2;
  }

  /**
   * Queues `item`, making room under `drop-oldest`. False when the buffer is full under `pause`
   * or `error`: the item was not queued and the caller acts on the policy.
   */
  offer(item: T): boolean {
    if (this.size >= this.maxItems && !this.unbounded(item)) {
      this.counters.overflows++;
      if (this.overflow !== 'drop-oldest') return false;
      if (this.dropOldest()) this.counters.droppedEvents++;
    }
    this.items.push(item);
    return true;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.items[this.head] = undefined as T;
    this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  private dropOldest(): boolean {
    for (let i = this.head; i < this.items.length; i++) {
      if (!this.unbounded(this.items[i]!)) {
        this.items.splice(i, 1);
        return true;
      }
    }
    return false;
  }
}
