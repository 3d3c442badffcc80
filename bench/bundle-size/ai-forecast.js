// Only the forecasting engine.
import { forecast } from '@novacron/ai';

const hourlyCpu = Array.from({ length: 24 * 14 }, (_, h) => 40 + 25 * Math.sin((2 * Math.PI * h) / 24));
console.log(forecast(hourlyCpu, { horizon: 24, levels: [90] }).model);
