import { EventStream, type ConnectionStateChange } from '@novacron/events';
import { startEventSocketServer, type EventSocketServer } from '@novacron/simulator';

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EventStream heartbeat', () => {
  let server: EventSocketServer;
  let stream: EventStream;

  beforeEach(async () => {
    server = await startEventSocketServer({ bookmarkIntervalMs: 60_000 });
  });
  afterEach(async () => {
    stream.close();
    await server.close();
  });

  it('replaces a silent half-open connection within two heartbeat intervals', async () => {
    const interval = 400;
    stream = new EventStream({ url: server.url, token: 'token-a', heartbeatIntervalMs: interval, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } });
    const changes: (ConnectionStateChange & { at: number })[] = [];
    stream.onState((c) => changes.push({ ...c, at: Date.now() }));
    const seen: string[] = [];
    stream.on('*', (e) => void seen.push(e.resourceId));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'before' });
    await until(() => seen.length === 1);
    // Let a ping round-trip complete so the last sign of life is well defined.
    await new Promise((r) => setTimeout(r, interval * 1.5));

    const frozenAt = Date.now();
    expect(server.sockets.freezeConnections()).toBe(1);
    await until(() => changes.some((c) => c.reason === 'heartbeat_timeout'));
    const detectedAt = changes.find((c) => c.reason === 'heartbeat_timeout')!.at;
    // Two intervals at most, plus timer lateness on a busy machine.
    expect(detectedAt - frozenAt).toBeLessThanOrEqual(2 * interval + 300);
    expect(stream.metrics.heartbeatTimeouts).toBe(1);

    await until(() => stream.connectionState === 'open');
    server.publish({ type: 'vm.created', resource_id: 'after' });
    await until(() => seen.length === 2);
    expect(seen).toEqual(['before', 'after']);
  });

  it('retries with full-jitter backoff while the server is down and resumes when it is back', async () => {
    stream = new EventStream({ url: server.url, token: 'token-a', reconnect: { baseDelayMs: 20, maxDelayMs: 200 } });
    const delays: number[] = [];
    stream.onState((c) => c.delayMs !== undefined && delays.push(c.delayMs));
    const seen: number[] = [];
    stream.on('*', (e) => void seen.push(e.seq));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'a' });
    await until(() => seen.length === 1);
    const port = server.port;
    await server.stop();
    await until(() => delays.length >= 5);
    expect(delays.every((d) => d >= 0 && d <= 200)).toBe(true);
    await server.start();
    expect(server.port).toBe(port);
    await until(() => stream.connectionState === 'open');
    server.publish({ type: 'vm.created', resource_id: 'b' });
    await until(() => seen.length === 2);
    expect(stream.metrics.resets).toBe(1); // a restarted server is a new epoch
  });
});
