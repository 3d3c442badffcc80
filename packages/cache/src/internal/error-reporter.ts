import type { CacheOptions } from '../cache-options';

export type ErrorReporter = (error: unknown, operation: string, key?: string) => void;

/** Hands degraded-path errors (L2, bus, lock, background refresh) to the user's `onError` hook. */
export function errorReporter(hook: CacheOptions['onError']): ErrorReporter {
  return (error, operation, key) => {
    try {
      hook?.(error, key === undefined ? { operation } : { operation, key });
    } catch {
      // A failing error hook must not turn a degraded call into a failed one.
    }
  };
}
