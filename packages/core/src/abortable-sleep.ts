import { AbortError } from './errors';

/**
 * Sleep that ends at once, with an AbortError, when the signal fires. Leaves no timer or listener behind.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortErrorFrom(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The AbortError for a fired signal; the signal's reason stays on `.cause`.
 *
 * @internal Exported for the other @novacron packages; not part of the public API.
 */
export function abortErrorFrom(signal: AbortSignal): AbortError {
  const reason = signal.reason;
  if (reason instanceof AbortError) return reason;
  return new AbortError('Request was aborted.', { cause: reason });
}
