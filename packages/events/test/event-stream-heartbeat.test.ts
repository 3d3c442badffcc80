import { EventStream, type ConnectionStateChange } from '@novacron/events';
import { startEventSocketServer, type EventSocketServer } from '@novacron/simulator';
import type { EventSocketFactory } from '../src/event-socket';
import { defaultSocketFactory } from '../src/internal/default-socket-factory';

/** The real `ws` factory, counting the pings the stream sends and the pongs it receives. */
function countingSocketFactory(): { factory: EventSocketFactory; pingsSent: () => number; pongsSeen: () => number } {
  let pings = 0;
  let pongs = 0;
  const factory: EventSocketFactory = {
    supportsHeaders: defaultSocketFactory.supportsHeaders,
    open(url, headers, handlers) {
      const socket = defaultSocketFactory.open(url, headers, {
        ...handlers,
        message: (text) => {
          if ((JSON.parse(text) as { type?: string }).type === 'pong') pongs++;
          handlers.message(text);
        },
      });
      return {
        send: (text) => {
          if ((JSON.parse(text) as { type?: string }).type === 'ping') pings++;
          socket.send(text);
        },
        close: (code, reason) => socket.close(code, reason),
        terminate: () => socket.terminate(),
      };
    },
  };
  return { factory, pingsSent: () => pings, pongsSeen: () => pongs };
}

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

  it('replaces a silent half-open connection within two heartbeat intervals (at most one unanswered ping)', async () => {
    // Counted in heartbeat ticks, not milliseconds: a loaded machine makes every timer late, but the
    // stream must still give up on the tick after its first unanswered ping.
    const counting = countingSocketFactory();
    // 500 ms: a pong is read one loop turn after its ping, so a stall as long as the interval there would
    // read as a missed pong; the test counts ticks, so a longer interval costs only time.
    stream = new EventStream({ url: server.url, token: 'token-a', heartbeatIntervalMs: 500, reconnect: { baseDelayMs: 5, maxDelayMs: 20 }, socketFactory: counting.factory });
    const changes: ConnectionStateChange[] = [];
    stream.onState((c) => changes.push(c));
    const seen: string[] = [];
    stream.on('*', (e) => void seen.push(e.resourceId));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'before' });
    await until(() => seen.length === 1);
    // A ping round-trip has completed, so the last sign of life is well defined.
    await until(() => counting.pongsSeen() >= 1);

    expect(server.sockets.freezeConnections()).toBe(1);
    const pingsAtFreeze = counting.pingsSent();
    await until(() => changes.some((c) => c.reason === 'heartbeat_timeout'));
    expect(counting.pingsSent() - pingsAtFreeze).toBeLessThanOrEqual(1);
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
