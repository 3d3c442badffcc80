import { abortableSleep } from './abortable-sleep';
import { OperationFailedError, TimeoutError } from './errors';

export interface WaitOptions<T> {
  /** Between polls. Default 1 s. */
  intervalMs?: number;
  /** Give up after this long with a TimeoutError. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Every polled value, e.g. a migration's progress. */
  onProgress?: (value: T) => void;
}

/** What a check decides about one polled value. */
export type WaitVerdict = 'done' | 'pending' | { failed: string };

/**
 * Poll until `check` says done (resolves with the value), fails (OperationFailedError), the
 * timeout passes (TimeoutError) or the signal fires (AbortError). Errors from `poll` end the wait.
 */
export async function waitUntil<T>(
  poll: (signal?: AbortSignal) => Promise<T>,
  check: (value: T) => WaitVerdict,
  options: WaitOptions<T> & { what?: string } = {},
): Promise<T> {
  const interval = options.intervalMs ?? 1_000;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  const what = options.what ?? 'the operation';
  for (;;) {
    const value = await poll(options.signal);
    options.onProgress?.(value);
    const verdict = check(value);
    if (verdict === 'done') return value;
    if (verdict !== 'pending') throw new OperationFailedError(`${what} failed: ${verdict.failed}`, { code: 'operation_failed' });
    const left = deadline - Date.now();
    if (left <= 0) throw new TimeoutError(`Timed out waiting for ${what}.`, { code: 'wait_timeout' });
    await abortableSleep(Math.min(interval, left), options.signal);
  }
}
