/**
 * Anomaly engine speed: the streaming detector per reading (seasonal, with the robust σ
 * recomputed every 32 readings from a 512-residual ring) against a plain sliding-window z-score
 * (mean/std over the last 512, NAB's "windowed Gaussian") in the same process; and batch seasonal
 * ESD over one week of hourly and of 5-minute data. Interleaved rounds, medians.
 * Run: pnpm turbo run build --filter=@novacron/ai && npx tsx bench/ai/anomaly.ts
 * (targets: < 50 µs per reading, aim < 5 µs; seasonal ESD on one week < 20 ms)
 */
import { createAnomalyDetector, seasonalEsd } from '@novacron/ai';
import { seededRandom } from '@novacron/simulator';
import { interleavedRounds, median, timed } from '../shared/stats';
import { sized } from '../shared/bench-size';

const ROUNDS = sized('BENCH_ROUNDS', 9, 1);
const POINTS = sized('BENCH_POINTS', 100_000, 2_000);


/** Daily-seasonal metric (period `day`) with noise and a spike every ~500 readings. */
function metric(length: number, day: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, t) => {
    const gaussian = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
    const spike = random() < 0.002 ? 40 : 0;
    return 50 + 20 * Math.sin((2 * Math.PI * t) / day) + 2 * gaussian + spike;
  });
}

/** Sliding-window z-score over the last `window` readings (running sums, O(1) per reading). */
function windowedGaussian(window: number): (value: number) => boolean {
  const ring = new Float64Array(window);
  let count = 0;
  let next = 0;
  let sum = 0;
  let squares = 0;
  return (value) => {
    const mean = count ? sum / count : value;
    const sd = count > 1 ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0;
    const anomalous = sd > 0 && Math.abs(value - mean) / sd > 4.5;
    if (count === window) {
      sum -= ring[next]!;
      squares -= ring[next]! * ring[next]!;
    } else count++;
    ring[next] = value;
    sum += value;
    squares += value * value;
    next = (next + 1) % window;
    return anomalous;
  };
}

const stream = metric(POINTS, 288, 1);
const hourWeek = metric(168, 24, 2);
const fiveMinuteWeek = metric(2016, 288, 3);

/** ns per reading over one pass of the whole stream through a fresh detector. */
function perReading(make: () => (value: number) => unknown): () => Promise<number> {
  return async () => {
    const update = make();
    const start = process.hrtime.bigint();
    for (let i = 0; i < stream.length; i++) update(stream[i]!);
    return Number(process.hrtime.bigint() - start) / stream.length;
  };
}

const cases = {
  'detector, season given (288)': perReading(() => {
    const d = createAnomalyDetector({ seasonLength: 288 });
    return (v: number) => d.update(v);
  }),
  'detector, season detected': perReading(() => {
    const d = createAnomalyDetector();
    return (v: number) => d.update(v);
  }),
  'windowed z-score (mean/std, baseline)': perReading(() => windowedGaussian(512)),
};
for (const run of Object.values(cases)) await run(); // warm the JIT
const perPoint = await interleavedRounds(cases, ROUNDS);
const esd = await interleavedRounds(
  {
    'seasonal ESD, 1 week hourly (168)': timed(() => seasonalEsd(hourWeek, { seasonLength: 24 })),
    'seasonal ESD, 1 week 5-minute (2016)': timed(() => seasonalEsd(fiveMinuteWeek, { seasonLength: 288 })),
    'seasonal ESD, 1 week 5-minute, season detected': timed(() => seasonalEsd(fiveMinuteWeek)),
  },
  ROUNDS,
);

console.log(`anomaly engine — node ${process.version}, ${POINTS} readings × ${ROUNDS} interleaved rounds, medians`);
for (const [name, samples] of Object.entries(perPoint)) console.log(`  ${name.padEnd(48)} ${(median(samples) / 1000).toFixed(3)} µs/reading`);
for (const [name, samples] of Object.entries(esd)) console.log(`  ${name.padEnd(48)} ${median(samples).toFixed(2)} ms`);
console.log('  targets: < 50 µs per reading (aim < 5 µs); seasonal ESD on one week < 20 ms');
