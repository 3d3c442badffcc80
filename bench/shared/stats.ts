/** Small statistics for benchmarks: medians of rounds, never a single timing. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatRate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M/s` : perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(1)}k/s` : `${perSecond.toFixed(0)}/s`;
}

/** Run `rounds` rounds of every case, interleaved so drift on a noisy machine hits all alike. */
export async function interleavedRounds<K extends string>(
  cases: Record<K, () => Promise<number>>,
  rounds: number,
): Promise<Record<K, number[]>> {
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]])) as unknown as Record<K, number[]>;
  const keys = Object.keys(cases) as K[];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) results[key].push(await cases[key]());
  }
  return results;
}

/** A round of a synchronous case for `interleavedRounds`: its wall time in milliseconds. */
export function timed(run: () => unknown): () => Promise<number> {
  return async () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
}
