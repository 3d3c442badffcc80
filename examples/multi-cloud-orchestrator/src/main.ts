/**
 * `pnpm demo`: the orchestrator end to end on a simulator started in this process, or on a real
 * server when NOVACRON_API_URL (with NOVACRON_EMAIL and NOVACRON_PASSWORD) is set.
 */
import { run } from './orchestrator';

const outcome = await run({ simulatorOptions: { seed: 42, timeScale: Number(process.env['DEMO_TIME_SCALE'] ?? 2) } });
const saved = outcome.migration ? `, saved $${outcome.migration.move.monthlySavings.toFixed(2)}/month by moving ${outcome.migration.move.name}` : '';
console.log(`\nDone: ${outcome.deployed.length} VMs on ${new Set(Object.values(outcome.tiers).flatMap((t) => t.providers)).size} providers, ${outcome.replacements.length} failed VMs replaced${saved}.`);
console.log(`Open the report: ${outcome.reportPath}`);
