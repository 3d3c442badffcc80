import { abortErrorFrom } from '@novacron/core';

export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
}

export type BatchItemResult<I, R> =
  | { index: number; input: I; status: 'fulfilled'; value: R }
  | { index: number; input: I; status: 'rejected'; error: unknown };

export interface BatchOptions {
  /** How many items run at once. Default 8. */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
  /** Stops starting new items; running ones are aborted; unstarted ones end as AbortError. */
  signal?: AbortSignal;
}

/**
 * Run `worker` over every input with a concurrency limit. One item failing never stops the rest;
 * every input gets a result in input order. Cancelling ends the batch promptly: items not yet
 * started are reported as aborted rather than silently dropped.
 */
export async function runBatch<I, R>(
  inputs: readonly I[],
  worker: (input: I, signal: AbortSignal | undefined, index: number) => Promise<R>,
  options: BatchOptions = {},
): Promise<BatchItemResult<I, R>[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const results = new Array<BatchItemResult<I, R>>(inputs.length);
  const progress: BatchProgress = { done: 0, failed: 0, total: inputs.length };
  let next = 0;

  const runLane = async () => {
    for (;;) {
      const index = next++;
      if (index >= inputs.length) return;
      const input = inputs[index]!;
      if (options.signal?.aborted) {
        results[index] = { index, input, status: 'rejected', error: abortErrorFrom(options.signal) };
        progress.failed++;
        continue;
      }
      try {
        results[index] = { index, input, status: 'fulfilled', value: await worker(input, options.signal, index) };
        progress.done++;
      } catch (error) {
        results[index] = { index, input, status: 'rejected', error };
        progress.failed++;
      }
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, runLane));
  return results;
}

/** The values of the fulfilled results, for callers that only want what worked. */
export function fulfilledValues<I, R>(results: BatchItemResult<I, R>[]): R[] {
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

