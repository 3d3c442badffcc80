import { WebSocket as NodeWebSocket } from 'ws';
import { EventStream } from '@novacron/events';
import { defaultSocketFactory } from '../src/internal/default-socket-factory.browser';
import { startEventSocketServer, type EventSocketServer } from '@novacron/simulator';

describe('browser socket factory', () => {
  let server: EventSocketServer;
  const original = (globalThis as { WebSocket?: unknown }).WebSocket;

  beforeAll(async () => {
    server = await startEventSocketServer({ bookmarkIntervalMs: 60_000 });
    // Stand-in for the browser's native WebSocket: same onopen/onmessage/onclose surface, and no headers.
    (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
  });
  afterAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = original;
    await server.close();
  });

  it('cannot send headers, so the stream authenticates with a first message and streams', async () => {
    expect(defaultSocketFactory.supportsHeaders).toBe(false);
    const stream = new EventStream({ url: server.url, token: 'token-b', socketFactory: defaultSocketFactory, heartbeatIntervalMs: 200, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } });
    const seen: string[] = [];
    stream.on('*', (e) => void seen.push(`${e.tenantId}/${e.resourceId}`));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'v1', tenant_id: 'b' });
    server.publish({ type: 'vm.created', resource_id: 'v2', tenant_id: 'a' });
    server.publish({ type: 'vm.created', resource_id: 'v3', tenant_id: 'b' });
    const deadline = Date.now() + 10_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // A frozen server is noticed through terminate(), which must not wait for a closing handshake.
    server.sockets.freezeConnections();
    while (stream.metrics.heartbeatTimeouts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    stream.close();
    expect(seen).toEqual(['b/v1', 'b/v3']);
    expect(stream.metrics.heartbeatTimeouts).toBe(1);
  });
});
