/**
 * Polls `read` until `done` holds for what it returns (a VM reaching a state, a count reaching a
 * number): waiting on a condition, never on a fixed sleep. Throws after `timeoutMs` with `what`.
 */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, options: { intervalMs?: number; timeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
