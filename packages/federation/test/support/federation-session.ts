import { CoreClient } from '@novacron/core';
import { startSimulator, SimulatorClient, eventually, type Simulator, type SimulatorOptions } from '@novacron/simulator';
import { createFederationClient, type FederationClient, type FederationClientOptions } from '../../src';

export const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };

export interface FederationSession {
  sim: Simulator;
  core: CoreClient;
  federation: FederationClient;
  raw: SimulatorClient;
}

/** One simulator and one logged-in federation client per test file. Read the fields inside tests. */
export function federationSession(options: { simulator?: SimulatorOptions; client?: FederationClientOptions } = {}): FederationSession {
  const session = {} as FederationSession;
  beforeAll(async () => {
    session.sim = await startSimulator({ port: 0, timeScale: 0.01, seed: 'federation-sdk', ...options.simulator });
    session.core = new CoreClient({ baseUrl: session.sim.url, ...ADMIN, env: {}, responseValidation: 'strict' });
    session.federation = createFederationClient(session.core, options.client);
    session.raw = await SimulatorClient.for(session.sim).login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await session.core?.close();
    await session.sim?.close();
  });
  return session;
}

/** Creates running VMs pinned to a fleet node (so each starts in a known cluster). */
export async function runningVms(raw: SimulatorClient, names: string[], body: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const created = await raw.call('POST', '/api/v1/vms', { body: { name, cpu_shares: 2, memory_mb: 4096, disk_size_gb: 20, node_id: 'node-aws-use1', ...body } });
    if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text}`);
    ids.push(created.body.id);
  }
  await eventually(async () => {
    for (const id of ids) if ((await raw.call('GET', `/api/v1/vms/${id}`)).body.state !== 'running') return undefined;
    return true;
  }, 30_000);
  return ids;
}
