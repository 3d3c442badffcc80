/** What one sequenced message is, next to what its sender sent before it. */
export type SequenceVerdict = 'next' | 'duplicate' | 'after-hole';

/**
 * The last sequence number seen from each sender. Each bus instance numbers its messages 1, 2, 3…
 * under a sender id of its own (new per process, so a restart never looks like a replay). A
 * number already passed is a duplicate (a command re-sent after a reconnect, or a message both
 * replayed and published); one past the next expected means messages between were lost, which
 * the stream cannot show when a promoted replica never received its last entries.
 */
export class SenderSequences {
  /** Per sender: the first number heard from it, and the highest since. */
  private readonly heard = new Map<string, { first: number; last: number }>();

  constructor(private readonly maxSenders = 1_000) {}

  check(sender: string, seq: number): SequenceVerdict {
    const heard = this.heard.get(sender);
    if (heard === undefined) {
      // Heard from for the first time: it may have sent before we listened, so nothing to compare.
      this.remember(sender, { first: seq, last: seq });
      return 'next';
    }
    // Below the first number heard: sent before we listened and delivered late, never seen.
    if (seq < heard.first) return 'next';
    // Between the two: seen already, or its absence was reported as a hole when it was skipped.
    if (seq <= heard.last) return 'duplicate';
    const verdict = seq === heard.last + 1 ? 'next' : 'after-hole';
    heard.last = seq;
    this.remember(sender, heard);
    return verdict;
  }

  /** After a gap the listener dropped everything that may be stale: start every sender afresh. */
  forget(): void {
    this.heard.clear();
  }

  private remember(sender: string, heard: { first: number; last: number }): void {
    // Re-inserted, so the map's order is least recently heard from first.
    this.heard.delete(sender);
    this.heard.set(sender, heard);
    if (this.heard.size > this.maxSenders) this.heard.delete(this.heard.keys().next().value as string);
  }
}
