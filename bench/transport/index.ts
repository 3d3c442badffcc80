/**
 * bench/transport: the SDK's `vms.get()` against raw `undici.request`, undici `fetch` and axios,
 * all against one minimal loopback server, same concurrency, one process. Prints median req/s
 * over interleaved rounds and the ratio to raw undici.
 *
 *   pnpm --filter @novacron/bench transport      (ROUNDS=11 SECONDS=2 CONCURRENCY=32 to change)
 */
import { fork } from 'node:child_process';
import { Agent as HttpAgent } from 'node:http';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { Agent, fetch as undiciFetch, request } from 'undici';
import { createClient } from '@novacron/sdk';
import { formatRate, interleavedRounds, median } from '../shared/stats';
import { sized } from '../shared/bench-size';

const ROUNDS = sized('ROUNDS', 11, 1);
const SECONDS = sized('SECONDS', 2, 0.2);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);

const server = fork(fileURLToPath(new URL('./fixed-vm-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
const port: number = await new Promise((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
const origin = `http://127.0.0.1:${port}`;
const path = '/api/v1/vms/vm-1';

const undiciAgent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 60_000 });
const fetchAgent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 60_000 });
const axiosClient = axios.create({ baseURL: origin, httpAgent: new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY }) });
const sdk = createClient({ baseUrl: origin, token: 'bench-token', maxRetries: 0 });
const sdkNoValidation = createClient({ baseUrl: origin, token: 'bench-token', maxRetries: 0, responseValidation: 'off' });
const sdkCoreOnly = createClient({ baseUrl: origin, token: 'bench-token', maxRetries: 0, responseValidation: 'off', resilience: false });

type Call = () => Promise<unknown>;
const clients: Record<string, Call> = {
  'undici.request': async () => {
    const res = await request(origin + path, { dispatcher: undiciAgent, headers: { authorization: 'Bearer bench-token' } });
    return res.body.json();
  },
  'undici fetch': async () => {
    const res = await undiciFetch(origin + path, { dispatcher: fetchAgent, headers: { authorization: 'Bearer bench-token' } });
    return res.json();
  },
  axios: async () => (await axiosClient.get(path, { headers: { authorization: 'Bearer bench-token' } })).data,
  'sdk vms.get': () => sdk.vms.get('vm-1'),
  'sdk vms.get (validation off)': () => sdkNoValidation.vms.get('vm-1'),
  'sdk vms.get (no validation, no resilience)': () => sdkCoreOnly.vms.get('vm-1'),
};

/** Requests per second with CONCURRENCY calls always in flight for SECONDS. */
async function throughput(call: Call): Promise<number> {
  let count = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const lane = async () => {
    while (performance.now() < deadline) {
      await call();
      count++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return count / ((performance.now() - started) / 1000);
}

for (const call of Object.values(clients)) for (let i = 0; i < 500; i++) await call();

const cases = Object.fromEntries(Object.entries(clients).map(([name, call]) => [name, () => throughput(call)]));
const results = await interleavedRounds(cases, ROUNDS);
const baseline = median(results['undici.request']!);

console.log(`bench/transport: GET ${path}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds × ${SECONDS} s, Node ${process.version}`);
console.log('client                                      median req/s   ratio to undici.request (median of per-round ratios)');
const baselineRounds = results['undici.request']!;
for (const [name, values] of Object.entries(results)) {
  // Each round's ratio compares two runs made seconds apart, so drift on a noisy machine cancels out.
  const ratio = median(values.map((v, i) => v / baselineRounds[i]!));
  console.log(`${name.padEnd(44)}${formatRate(median(values)).padStart(12)}   ${ratio.toFixed(3)}`);
}

await Promise.all([undiciAgent.close(), fetchAgent.close(), sdk.close(), sdkNoValidation.close(), sdkCoreOnly.close()]);
server.disconnect();
server.kill();
