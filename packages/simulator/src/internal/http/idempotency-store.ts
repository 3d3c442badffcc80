/** A stored answer to a write, replayed for a repeated Idempotency-Key. */
export interface StoredResponse {
  status: number;
  /** JSON text, or the bytes of a binary answer. */
  body: string | Buffer;
  headers: Record<string, string>;
}

type Entry =
  | { state: 'running'; fingerprint: string; expiresAt: number }
  | { state: 'done'; fingerprint: string; expiresAt: number; response: StoredResponse };

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

const TTL_MS = 24 * 3600 * 1000;
const SWEEP_EVERY = 1024;

/** Keys are scoped by tenant: two tenants may use the same key without seeing each other's answers. */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private writesSinceSweep = 0;

  begin(scope: string, key: string, fingerprint: string, now = Date.now()): IdempotencyLookup {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return entry.state === 'running' ? { kind: 'in_progress' } : { kind: 'replay', response: entry.response };
    }
    this.entries.set(id, { state: 'running', fingerprint, expiresAt: now + TTL_MS });
    if (++this.writesSinceSweep >= SWEEP_EVERY) this.sweep(now);
    return { kind: 'new' };
  }

  complete(scope: string, key: string, fingerprint: string, response: StoredResponse, now = Date.now()): void {
    this.entries.set(`${scope}\u0000${key}`, { state: 'done', fingerprint, expiresAt: now + TTL_MS, response });
  }

  /** The first attempt crashed before answering: let a retry run it again. */
  abandon(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }

  private sweep(now: number): void {
    this.writesSinceSweep = 0;
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
