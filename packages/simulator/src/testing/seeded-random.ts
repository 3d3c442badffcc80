import { SeededRandom } from '../internal/random/seeded-random';

/**
 * A deterministic `() => number` in [0, 1) for tests: seeded shuffles, chaos schedules, jitter.
 * The simulator's own generator, so a test and the simulator agree on what "seeded" means.
 */
export function seededRandom(seed: number | string): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** Fisher–Yates in place with the given random source; returns the array. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
