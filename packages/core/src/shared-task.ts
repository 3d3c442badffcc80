import { abortErrorFrom } from './abortable-sleep';
import { AbortError } from './errors';

export interface SharedTaskOptions {
  /**
   * Abort the work once every caller waiting for it has given up. Default true. Leave it false
   * where finishing is cheaper, or safer, than repeating (a refresh that rotates tokens).
   */
  cancelWhenAbandoned?: boolean;
}

/**
 * Work that several callers wait for (a token refresh, a cache load, a relist). It runs on a
 * signal of its own, never on the first caller's: a caller's signal ends only that caller's
 * wait, and the work itself is cancelled only when no caller is left waiting for it.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export class SharedTask<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private readonly cancelWhenAbandoned: boolean;
  private waiting = 0;
  private settled = false;

  constructor(work: (signal: AbortSignal) => Promise<T>, options: SharedTaskOptions = {}) {
    this.cancelWhenAbandoned = options.cancelWhenAbandoned ?? true;
    this.promise = Promise.resolve()
      .then(() => work(this.controller.signal))
      .finally(() => {
        this.settled = true;
      });
    // Every waiter sees the outcome on its own promise; with none left, nobody should be told.
    this.promise.catch(() => undefined);
  }

  /** The signal the work runs on. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Wait for the work; `signal` abandons this wait only. */
  join(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal));
    this.waiting++;
    if (!signal) return this.promise.finally(() => this.leave());
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const done = () => {
        if (left) return false;
        left = true;
        signal.removeEventListener('abort', onAbort);
        this.leave();
        return true;
      };
      const onAbort = () => {
        if (done()) reject(abortErrorFrom(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => {
          if (done()) resolve(value);
        },
        (error: unknown) => {
          if (done()) reject(error);
        },
      );
    });
  }

  private leave(): void {
    this.waiting--;
    if (this.waiting === 0 && !this.settled && this.cancelWhenAbandoned) {
      this.controller.abort(new AbortError('Every caller waiting for this work gave up on it.', { code: 'abandoned' }));
    }
  }
}
