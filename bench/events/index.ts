/**
 * @novacron/events: parse + dedupe + filter + dispatch throughput of one EventStream on one core,
 * and how long a stream takes to resume once its server is back. Medians of several rounds.
 * Run: npx tsx bench/events/index.ts        (BENCH_EVENTS, BENCH_ROUNDS override the sizes)
 *
 * - "client only": the exact frames the simulator sends ({type:'events', events:[…256 envelopes]})
 *   fed through a socket stand-in, so only the client's work is timed (target ≥ 100 000 events/s).
 * - "end to end": the simulator's events socket and the client in the same process over a real
 *   loopback WebSocket; server and client share the one core, so this is a floor.
 * - "server back → resumed": server stopped, client retrying; time from listen() to the stream
 *   being welcomed again, and the part of it that is the connect itself (upgrade + welcome).
 */
import { EventStream, type EventSocketFactory } from '@novacron/events';
import { startEventSocketServer } from '@novacron/simulator';
import { formatRate, median } from '../shared/stats';
import { sized } from '../shared/bench-size';

const EVENTS = sized('BENCH_EVENTS', 200_000, 2_000);
const ROUNDS = sized('BENCH_ROUNDS', 7, 1);
const TYPES = ['vm.state_changed', 'vm.metrics_updated', 'migration.progress', 'node.failure', 'cost.budget_alert'];

function frames(count: number, epoch: string): string[] {
  const out: string[] = [];
  for (let start = 1; start <= count; start += 256) {
    const events = [];
    for (let seq = start; seq < Math.min(start + 256, count + 1); seq++) {
      events.push({
        id: `${epoch}:${seq}`, seq, epoch, type: TYPES[seq % TYPES.length], resource_type: 'vm', resource_id: `vm-${seq % 1000}`,
        resource_version: seq, tenant_id: 'default', cloud_provider: 'aws', region: 'us-east-1', timestamp: new Date(1_700_000_000_000 + seq).toISOString(),
        correlation_id: seq % 7 === 0 ? `mig-${seq % 50}` : null, data: { state: 'running', cpu_usage: 0.42, memory_usage: 0.61 },
      });
    }
    out.push(JSON.stringify({ type: 'events', events }));
  }
  return out;
}

async function clientOnly(input: string[], epoch: string): Promise<number> {
  let feed!: (text: string) => void;
  const factory: EventSocketFactory = {
    supportsHeaders: true,
    open(_url, _headers, handlers) {
      feed = handlers.message;
      queueMicrotask(() => {
        handlers.open();
        handlers.message(JSON.stringify({ type: 'welcome', epoch, last_seq: 0, first_seq: 1, heartbeat_interval_ms: 15_000, bookmark_interval_ms: 5_000, tenant_id: 'default', filters: {} }));
      });
      return { send: () => undefined, close: () => undefined, terminate: () => undefined };
    },
  };
  const stream = new EventStream({ url: 'http://bench.invalid', token: 't', socketFactory: factory });
  let vm = 0;
  let migration = 0;
  let node = 0;
  stream.on('vm.*', () => void vm++);
  stream.on('migration.progress', () => void migration++);
  stream.on('node.*', () => void node++);
  await stream.start();
  const started = process.hrtime.bigint();
  for (const frame of input) feed(frame);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const delivered = stream.metrics.delivered;
  stream.close();
  if (delivered !== EVENTS || vm + migration + node === 0) throw new Error(`delivered ${delivered} of ${EVENTS}`);
  return EVENTS / seconds;
}

async function endToEnd(): Promise<number> {
  const server = await startEventSocketServer({ tokens: { t: { tenantId: 'default' } }, bufferSize: EVENTS + 1 });
  const stream = new EventStream({ url: server.url, token: 't', filter: { types: ['vm.*', 'migration.*', 'node.*'] } });
  let seen = 0;
  const done = new Promise<void>((resolve) => stream.on('*', () => void (++seen === EVENTS * 0.8 && resolve())));
  await stream.start();
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    server.publish({ type: TYPES[i % TYPES.length]!, resource_id: `vm-${i % 1000}`, resource_version: i + 1, tenant_id: 'default', data: { state: 'running', cpu_usage: 0.42 } });
    if (i % 2048 === 2047) await new Promise((r) => setImmediate(r));
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  stream.close();
  await server.close();
  return (EVENTS * 0.8) / seconds;
}

async function resumeAfterRestart(): Promise<{ resumeMs: number; connectMs: number }> {
  const server = await startEventSocketServer({ tokens: { t: { tenantId: 'default' } } });
  const stream = new EventStream({ url: server.url, token: 't', reconnect: { baseDelayMs: 20, maxDelayMs: 200 } });
  await stream.start();
  await server.stop();
  await new Promise((r) => setTimeout(r, 300)); // a few failed attempts, as in a real outage
  const reopened = new Promise<number>((resolve) =>
    stream.onState((c) => {
      if (c.state === 'open') resolve(performance.now());
    }),
  );
  const backAt = performance.now();
  await server.start();
  const openAt = await reopened;
  const connectMs = stream.metrics.lastConnectMs ?? NaN;
  stream.close();
  await server.close();
  return { resumeMs: openAt - backAt, connectMs };
}

const epoch = 'bench-epoch';
const input = frames(EVENTS, epoch);
await clientOnly(input, epoch); // warm-up
const client: number[] = [];
const e2e: number[] = [];
const resume: number[] = [];
const connect: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  client.push(await clientOnly(input, epoch));
  e2e.push(await endToEnd());
  const r = await resumeAfterRestart();
  resume.push(r.resumeMs);
  connect.push(r.connectMs);
}
console.log(`@novacron/events, ${EVENTS} events × ${ROUNDS} rounds (median; min–max)`);
console.log(`client only  parse+dedupe+filter+dispatch: ${formatRate(median(client))}  (${formatRate(Math.min(...client))}–${formatRate(Math.max(...client))})  target ≥ 100k/s`);
console.log(`end to end   simulator socket → handler, one process: ${formatRate(median(e2e))}  (${formatRate(Math.min(...e2e))}–${formatRate(Math.max(...e2e))})`);
console.log(`server back → stream resumed: ${median(resume).toFixed(1)} ms median (backoff 20–200 ms cap, full jitter); connect+welcome ${median(connect).toFixed(1)} ms`);
