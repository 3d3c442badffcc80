import { createClient, type NovaCronClient, type NovaCronClientOptions } from '@novacron/sdk';
import { AiClient, type AiClientOptions } from '@novacron/sdk/ai';
import { createFederationClient, type FederationClient, type FederationClientOptions } from '@novacron/sdk/federation';
import { startSimulator, type Simulator, type SimulatorOptions } from '@novacron/simulator';

export interface ConnectOptions {
  /** A simulator the caller started (a test) and closes itself; its admin signs in. */
  simulator?: Simulator;
  /** How to start the embedded simulator when neither `simulator` nor NOVACRON_API_URL is given. */
  simulatorOptions?: SimulatorOptions;
  /** Where NOVACRON_* settings come from. Default process.env. */
  env?: Record<string, string | undefined>;
  client?: Omit<NovaCronClientOptions, 'baseUrl' | 'email' | 'password' | 'env'>;
  federation?: FederationClientOptions;
  ai?: AiClientOptions;
}

/** The SDK's clients for one server, all over the one transport and session of `client.core`. */
export interface NovaCron {
  client: NovaCronClient;
  federation: FederationClient;
  ai: AiClient;
}

export interface Connection extends NovaCron {
  /** The simulator behind the client, when there is one: its controls inject the failures a real server would have by itself. */
  simulator: Simulator | undefined;
  /** A one-line description of where the example runs, for its first line of output. */
  target: string;
  close(): Promise<void>;
}

/** The simulator's seeded admin (packages/simulator/src/seed-data.ts). */
const SIMULATOR_ADMIN = { email: 'admin@novacron.local', password: 'admin123' };

/**
 * A client on a real server when NOVACRON_API_URL is set (with NOVACRON_EMAIL and NOVACRON_PASSWORD
 * or NOVACRON_TOKEN, read by the SDK itself), else on a simulator started in this process.
 */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const env = options.env ?? process.env;
  if (options.simulator) return onSimulator(options.simulator, false, options);
  if (env['NOVACRON_API_URL']) {
    const client = createClient({ ...options.client, env });
    return { ...domains(client, options), simulator: undefined, target: `NovaCron at ${client.core.settings.baseUrl}`, close: () => client.close() };
  }
  const simulator = await startSimulator({ port: 0, ...options.simulatorOptions });
  return onSimulator(simulator, true, options);
}

function onSimulator(simulator: Simulator, owned: boolean, options: ConnectOptions): Connection {
  // The simulator's own URL and admin, whatever NOVACRON_* the environment holds.
  const client = createClient({ ...options.client, env: {}, baseUrl: simulator.url, ...SIMULATOR_ADMIN });
  return {
    ...domains(client, options),
    simulator,
    target: `NovaCron simulator at ${simulator.url}${owned ? ' (embedded)' : ''}`,
    close: async () => {
      await client.close();
      if (owned) await simulator.close();
    },
  };
}

function domains(client: NovaCronClient, options: ConnectOptions): NovaCron {
  return { client, federation: createFederationClient(client.core, options.federation), ai: new AiClient(client.core, options.ai) };
}
