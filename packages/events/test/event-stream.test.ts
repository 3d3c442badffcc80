import { AuthenticationError, ResponseValidationError, type NovaCronError } from '@novacron/core';
import { EventStream, type NovaEvent } from '@novacron/events';
import { startEventSocketServer, type EventSocketServer } from '@novacron/simulator';

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('EventStream', () => {
  let server: EventSocketServer;
  const streams: EventStream[] = [];
  const open = (options: Partial<ConstructorParameters<typeof EventStream>[0]> = {}) => {
    const stream = new EventStream({ url: server.url, token: 'token-a', reconnect: { baseDelayMs: 10, maxDelayMs: 100 }, ...options });
    streams.push(stream);
    return stream;
  };

  beforeEach(async () => {
    server = await startEventSocketServer({ bookmarkIntervalMs: 60_000 });
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await server.close();
  });

  it('maps the wire envelope to camelCase and dispatches by type pattern', async () => {
    const stream = open();
    const vmEvents: NovaEvent[] = [];
    const all: string[] = [];
    stream.on('vm.*', (e) => void vmEvents.push(e));
    stream.on('*', (e) => void all.push(e.type));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'vm-1', resource_version: 3, correlation_id: 'c-1', data: { vm: { id: 'vm-1' } } });
    server.publish({ type: 'node.failure', resource_type: 'node', resource_id: 'n-1' });
    await until(() => all.length === 2);
    expect(all).toEqual(['vm.created', 'node.failure']);
    expect(vmEvents).toHaveLength(1);
    expect(vmEvents[0]).toMatchObject({
      type: 'vm.created',
      resourceType: 'vm',
      resourceId: 'vm-1',
      resourceVersion: 3,
      tenantId: 'a',
      cloudProvider: 'aws',
      region: 'us-east-1',
      correlationId: 'c-1',
      seq: 1,
      epoch: server.log.epoch,
      data: { vm: { id: 'vm-1' } },
    });
    expect(stream.metrics.delivered).toBe(2);
  });

  it('never delivers another tenant’s events', async () => {
    const a = open();
    const b = open({ token: 'token-b' });
    const seenA: string[] = [];
    const seenB: string[] = [];
    a.on('*', (e) => void seenA.push(`${e.tenantId}/${e.resourceId}`));
    b.on('*', (e) => void seenB.push(`${e.tenantId}/${e.resourceId}`));
    await Promise.all([a.start(), b.start()]);
    for (let i = 0; i < 20; i++) server.publish({ type: 'vm.created', resource_id: `vm-${i}`, tenant_id: i % 2 ? 'a' : 'b' });
    await until(() => seenA.length === 10 && seenB.length === 10);
    expect(seenA.every((s) => s.startsWith('a/'))).toBe(true);
    expect(seenB.every((s) => s.startsWith('b/'))).toBe(true);
  });

  it('keeps its filter across reconnects, including one changed while connected', async () => {
    const stream = open({ filter: { types: ['vm.*'], cloudProviders: ['aws'] } });
    const seen: string[] = [];
    stream.on('*', (e) => void seen.push(`${e.type}@${e.cloudProvider}`));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    server.publish({ type: 'vm.created', resource_id: 'v2', cloud_provider: 'gcp' });
    server.publish({ type: 'node.failure', resource_id: 'n1' });
    await until(() => seen.length === 1);
    const bookmarks = stream.metrics.bookmarks;
    stream.setFilter({ types: ['node.*'] });
    // The server answers the new filter with `subscribed` (counted as a bookmark): from then on it applies.
    await until(() => stream.metrics.bookmarks > bookmarks);
    server.sockets.dropConnections({ midFrame: true });
    server.publish({ type: 'vm.created', resource_id: 'v3' });
    server.publish({ type: 'node.failure', resource_id: 'n2', cloud_provider: 'gcp' });
    await until(() => seen.length === 2);
    await until(() => stream.connectionState === 'open');
    server.publish({ type: 'node.recovered', resource_id: 'n2' });
    server.publish({ type: 'vm.deleted', resource_id: 'v1' });
    await until(() => seen.length === 3);
    expect(seen).toEqual(['vm.created@aws', 'node.failure@gcp', 'node.recovered@aws']);
    expect(stream.metrics.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('turns a malformed frame into a typed error and recovers without losing events', async () => {
    const stream = open();
    const errors: NovaCronError[] = [];
    const seen: number[] = [];
    stream.onError((e) => errors.push(e));
    stream.on('*', (e) => void seen.push(e.seq));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    await until(() => seen.length === 1);
    server.sockets.injectFrame('{"type":"events","events":[{"id":42}');
    server.publish({ type: 'vm.created', resource_id: 'v2' });
    server.sockets.injectFrame('{"type":"events","events":[{"id":"x","seq":"nope"}]}');
    server.publish({ type: 'vm.created', resource_id: 'v3' });
    await until(() => seen.length === 3);
    expect(seen).toEqual([1, 2, 3]);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e instanceof ResponseValidationError)).toBe(true);
    expect(stream.metrics.malformedFrames).toBeGreaterThanOrEqual(1);
  });

  it('rejects a bad token with an AuthenticationError and stops', async () => {
    const stream = open({ token: 'wrong' });
    await expect(stream.start()).rejects.toBeInstanceOf(AuthenticationError);
    expect(stream.connectionState).toBe('closed');
  });

  it('authenticates by first message when the socket cannot send headers (browsers)', async () => {
    const { defaultSocketFactory } = await import('../src/internal/default-socket-factory');
    const headerless = { supportsHeaders: false, open: defaultSocketFactory.open };
    const stream = open({ socketFactory: headerless });
    const seen: string[] = [];
    stream.on('*', (e) => void seen.push(e.resourceId));
    await stream.start();
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    await until(() => seen.length === 1);
    expect(seen).toEqual(['v1']);
  });

  it('iterates with for await, in order', async () => {
    const stream = open();
    await stream.start();
    for (let i = 1; i <= 50; i++) server.publish({ type: 'vm.state_changed', resource_id: 'v1', resource_version: i });
    const versions: number[] = [];
    for await (const event of stream) {
      versions.push(event.resourceVersion);
      if (versions.length === 50) break;
    }
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('pauses instead of losing events when slow handlers fill the buffer', async () => {
    const stream = open({ buffer: { maxEvents: 20, overflow: 'pause' } });
    const seen: number[] = [];
    stream.on('*', async (e) => {
      seen.push(e.seq);
      await new Promise((r) => setTimeout(r, 1));
    });
    await stream.start();
    for (let i = 0; i < 300; i++) server.publish({ type: 'vm.metrics_updated', resource_id: `v${i % 7}` });
    await until(() => seen.length === 300, 30_000);
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(stream.metrics.overflows).toBeGreaterThan(0);
    expect(stream.metrics.droppedEvents).toBe(0);
  });
});
