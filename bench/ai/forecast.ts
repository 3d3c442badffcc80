/**
 * Forecasting engine speed: fit with automatic seasonality detection and AICc model selection
 * (11 ETS candidates on hourly data with daily + weekly cycles), and a 48-step forecast with 80/95
 * intervals from a fitted model. Interleaved rounds, medians. Seasonal naive is timed alongside
 * as the floor a forecaster cannot go below.
 * Run: pnpm turbo run build --filter=@novacron/ai && npx tsx bench/ai/forecast.ts
 * (targets: fit 960 points < 20 ms, fit 336 points < 10 ms, 48-step forecast with intervals < 2 ms)
 */
import { fitForecastModel, forecast } from '@novacron/ai';
import { seededRandom } from '@novacron/simulator';
import { interleavedRounds, median, timed } from '../shared/stats';
import { sized } from '../shared/bench-size';

const ROUNDS = sized('BENCH_ROUNDS', 15, 1);


/** Hourly demand: trend, daily cycle, weekend dip, Gaussian noise. */
function hourly(length: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, t) => {
    const gaussian = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
    const weekend = Math.floor(t / 24) % 7 >= 5 ? -12 : 0;
    return 100 + 0.01 * t + 15 * Math.sin((2 * Math.PI * t) / 24) + weekend + 3 * gaussian;
  });
}


const long = hourly(960, 1);
const short = hourly(336, 2);
const fitted = fitForecastModel(long);
const seasonalNaive = (y: number[]): number[] => Array.from({ length: 48 }, (_, h) => y[y.length - 24 + (h % 24)]!);
for (let i = 0; i < 3; i++) {
  fitForecastModel(long);
  fitForecastModel(short);
  fitted.forecast(48, [80, 95]);
}

const results = await interleavedRounds(
  {
    'fit 960 points (detect + 11 candidates, AICc)': timed(() => fitForecastModel(long)),
    'fit 336 points (detect + candidates, AICc)': timed(() => fitForecastModel(short)),
    '48-step forecast with 80/95 intervals': timed(() => fitted.forecast(48, [80, 95])),
    'forecast() one call, 960 points, h = 48': timed(() => forecast(long, { horizon: 48 })),
    'seasonal naive, h = 48 (floor)': timed(() => seasonalNaive(long)),
  },
  ROUNDS,
);

console.log(`forecast engine — node ${process.version}, ${ROUNDS} interleaved rounds, median ms (model on 960 points: ${fitted.model})`);
for (const [name, samples] of Object.entries(results)) console.log(`  ${name.padEnd(48)} ${median(samples).toFixed(3)} ms`);
console.log('  targets: fit 960 < 20 ms, fit 336 < 10 ms, 48-step forecast with intervals < 2 ms');
