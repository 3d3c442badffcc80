/** The intelligent placement service on a simulator started in this process, or on NOVACRON_API_URL. */
import { run } from './placement-service';

const outcome = await run({ simulatorOptions: { seed: 7, timeScale: Number(process.env['DEMO_TIME_SCALE'] ?? 0.5) } });
const done = outcome.remediations.filter((r) => r.outcome === 'done').length;
console.log(`\nDone: ${outcome.anomalies.length} anomalies found, ${done} remediated; ${outcome.prescale ? `scaled ${outcome.prescale.from} → ${outcome.prescale.to} replicas ahead of the peak` : 'no scale-up needed'}.`);
console.log(`Open the report: ${outcome.reportPath}`);
