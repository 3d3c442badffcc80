/** The federated migration manager on a simulator started in this process, or on NOVACRON_API_URL. */
import { run } from './migration-manager';

const outcome = await run({ simulatorOptions: { seed: 42, timeScale: Number(process.env['DEMO_TIME_SCALE'] ?? 1) } });
const atTarget = outcome.vms.filter((vm) => vm.clusterId === outcome.destination.id).length;
console.log(`\nDone: ${atTarget}/${outcome.vms.length} VMs on ${outcome.destination.id}; ${outcome.first.report.failedWave === null ? 'no wave failed' : `wave ${outcome.first.report.failedWave + 1} rolled back`}; ${outcome.second?.interrupted ? 'interrupted and resumed' : 'no interruption'}.`);
console.log(`Open the report: ${outcome.reportPath}`);
