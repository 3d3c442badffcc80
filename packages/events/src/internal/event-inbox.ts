/** A FIFO with O(1) push/shift that compacts its backing array now and then. */
export class EventInbox<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
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

  /** Removes the oldest item that satisfies `predicate`; for the drop-oldest overflow policy. */
  dropOldest(predicate: (item: T) => boolean): boolean {
    for (let i = this.head; i < this.items.length; i++) {
      if (predicate(this.items[i]!)) {
        this.items.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
