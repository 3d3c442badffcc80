import { parseArgs } from 'node:util';
import { DEFAULT_USERS } from './seed-data';
import { startSimulator } from './simulator';

const USAGE = `Usage: novacron-simulator [--port 8090] [--host 127.0.0.1] [--seed 42] [--time-scale 1]

Serves a NovaCron-compatible control plane (REST under /api/v1 and /api) until Ctrl-C.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '42' },
      'time-scale': { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  const timeScale = Number(values['time-scale']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!(timeScale >= 0)) throw new Error(`--time-scale must be a number >= 0, got ${values['time-scale']}`);
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;

  const sim = await startSimulator({ port, host: values.host, seed, timeScale });
  const lines = [
    `NovaCron simulator listening on ${sim.url} (seed ${seed}, time scale ${timeScale})`,
    `  REST: ${sim.url}/api/v1 (alias ${sim.url}/api)   health: ${sim.url}/health`,
    '  Seeded users (email / password, role, tenant):',
    ...DEFAULT_USERS.map((user) => `    ${user.email} / ${user.password}  (${user.role}, ${user.tenantId ?? 'default'})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`novacron-simulator: ${(error as Error).message}\n`);
  process.exit(1);
});
