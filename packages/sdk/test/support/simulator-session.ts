import { startSimulator, type Simulator, type SimulatorOptions } from '@novacron/simulator';
import { createClient, type NovaCronClient, type NovaCronClientOptions } from '../../src';

export const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };

/**
 * One simulator and one logged-in client for a whole test file, closed after it. Read
 * `session.sim` and `session.client` inside tests (they exist once beforeAll has run).
 */
export function simulatorSession(options: { simulator?: SimulatorOptions; client?: NovaCronClientOptions } = {}): { sim: Simulator; client: NovaCronClient } {
  const session = {} as { sim: Simulator; client: NovaCronClient };
  beforeAll(async () => {
    session.sim = await startSimulator({ port: 0, timeScale: 0.05, ...options.simulator });
    session.client = createClient({ baseUrl: session.sim.url, ...ADMIN, env: {}, ...options.client });
  });
  afterAll(async () => {
    await session.client?.close();
    await session.sim?.close();
  });
  return session;
}
