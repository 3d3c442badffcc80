import { EventStream } from '@novacron/events';
import { startEventSocketServer, type EventSocketServer, seededRandom } from '@novacron/simulator';


async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('EventStream under chaos', () => {
  let server: EventSocketServer;
  let stream: EventStream | undefined;

  beforeAll(async () => {
    server = await startEventSocketServer({ bufferSize: 20_000, bookmarkIntervalMs: 50 });
  });
  afterAll(async () => {
    stream?.close();
    await server.close();
  });

  it('delivers 100 000 events exactly once and in order per resource through 500+ forced disconnects', async () => {
    const TOTAL = 100_000;
    const RESOURCES = 500;
    const DROPS = 600;
    const random = seededRandom(20_240_601);
    const dropAt = new Set<number>();
    while (dropAt.size < DROPS) dropAt.add(Math.floor(random() * TOTAL));

    const delivered = new Set<string>();
    const lastVersion = new Map<string, number>();
    let duplicates = 0;
    let outOfOrder = 0;
    stream = new EventStream({
      url: server.url,
      token: 'token-a',
      filter: { types: ['vm.*'] },
      // The test counts deliveries, not backoff: a short cap keeps 600 reconnects quick on a busy machine.
      reconnect: { baseDelayMs: 1, maxDelayMs: 2, stableAfterMs: 1_000, random: seededRandom(7) },
      heartbeatIntervalMs: 5_000,
    });
    stream.on('*', (event) => {
      if (delivered.has(event.id)) duplicates++;
      delivered.add(event.id);
      const previous = lastVersion.get(event.resourceId) ?? 0;
      if (event.resourceVersion <= previous) outOfOrder++;
      lastVersion.set(event.resourceId, event.resourceVersion);
    });
    await stream.start();

    const published: string[] = [];
    const versions = new Map<string, number>();
    let drops = 0;
    let midFrameDrops = 0;
    for (let i = 0; i < TOTAL; i++) {
      if (dropAt.has(i)) {
        // A drop only counts when there is a connection to cut; wait for the client to be back.
        await until(() => server.sockets.stats().connections > 0);
        const midFrame = random() < 0.5;
        const cut = server.sockets.dropConnections({ midFrame });
        drops += cut;
        if (midFrame) midFrameDrops += cut;
      }
      const resourceId = `vm-${Math.floor(random() * RESOURCES)}`;
      const version = (versions.get(resourceId) ?? 0) + 1;
      versions.set(resourceId, version);
      // Events of another tenant and of a filtered-out type are interleaved and must never show up.
      if (i % 10 === 3) server.publish({ type: 'node.metrics', resource_type: 'node', resource_id: 'n-1' });
      if (i % 10 === 7) server.publish({ type: 'vm.created', resource_id: resourceId, tenant_id: 'b' });
      const event = server.publish({ type: 'vm.state_changed', resource_id: resourceId, resource_version: version });
      published.push(event.id);
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
    }
    await until(() => delivered.size >= TOTAL, 40_000);

    expect(drops).toBeGreaterThanOrEqual(500);
    expect(midFrameDrops).toBeGreaterThan(100);
    expect(duplicates).toBe(0);
    expect(outOfOrder).toBe(0);
    expect(delivered.size).toBe(TOTAL);
    expect(new Set(published)).toEqual(delivered);
    const metrics = stream.metrics;
    expect(metrics.delivered).toBe(TOTAL);
    expect(metrics.resets).toBe(0);
    expect(metrics.reconnects).toBeGreaterThanOrEqual(500);
  }, 180_000);
});
