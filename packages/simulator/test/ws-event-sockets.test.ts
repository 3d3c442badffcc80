import { request } from 'node:http';
import { WebSocket } from 'ws';
import type { WireJson } from '../src/index';
import { startEventSocketServer, type EventSocketServer } from '../src/testing/event-socket-server';

type Message = Record<string, WireJson>;

/** A raw protocol client: collects every message the server sends. */
async function connect(url: string, headers: Record<string, string> = { Authorization: 'Bearer token-a' }) {
  const ws = new WebSocket(url, { headers });
  const messages: Message[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (type: string, timeoutMs = 5_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = messages.findIndex((m) => m.type === type);
      if (index >= 0) return messages.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${type} message`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { ws, messages, next, send: (m: Message) => ws.send(JSON.stringify(m)) };
}

function upgradeStatus(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('attachEventSockets', () => {
  let server: EventSocketServer;
  const clients: WebSocket[] = [];
  const ws = (path: string) => server.url.replace('http', 'ws') + path;
  const open = async (...args: Parameters<typeof connect>) => {
    const client = await connect(...args);
    clients.push(client.ws);
    return client;
  };

  beforeEach(async () => {
    server = await startEventSocketServer({ bufferSize: 5, bookmarkIntervalMs: 60_000 });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.terminate();
    await server.close();
  });

  it('welcomes, streams batches of envelopes, and answers app-level pings', async () => {
    const c = await open(ws('/api/ws/events'));
    const welcome = await c.next('welcome');
    expect(welcome).toMatchObject({ epoch: server.log.epoch, last_seq: 0, tenant_id: 'a' });
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    server.publish({ type: 'vm.deleted', resource_id: 'v1' });
    const frame = await c.next('events');
    expect(frame.events.map((e: Message) => [e.seq, e.type])).toEqual([[1, 'vm.created'], [2, 'vm.deleted']]);
    expect(Object.keys(frame.events[0]).sort()).toEqual(
      ['cloud_provider', 'correlation_id', 'data', 'epoch', 'id', 'region', 'resource_id', 'resource_type', 'resource_version', 'seq', 'tenant_id', 'timestamp', 'type'].sort(),
    );
    c.send({ type: 'ping', id: 7 });
    expect(await c.next('pong')).toMatchObject({ id: 7 });
  });

  it('serves the aliases and authenticates browsers by first message', async () => {
    for (const path of ['/ws/events', '/ws/federation/events']) {
      const c = await open(ws(path), {});
      c.send({ type: 'auth', token: 'token-b' });
      expect(await c.next('welcome')).toMatchObject({ tenant_id: 'b' });
    }
  });

  it('refuses a bad token before the upgrade and a bad first message after it', async () => {
    const refused = await upgradeStatus(server.url + '/api/ws/events', { Authorization: 'Bearer nope' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({ error: 'invalid or expired token' });
    expect(refused.body).not.toContain('nope');
    const c = await open(ws('/api/ws/events'), {});
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.send({ type: 'auth', token: 'nope' });
    expect(await closed).toBe(4401);
  });

  it('replays from a cursor with the filter applied, and resets a cursor that is too old or from another epoch', async () => {
    for (let i = 1; i <= 4; i++) server.publish({ type: i % 2 ? 'vm.created' : 'node.failure', resource_id: `r${i}` });
    const replay = await open(ws(`/api/ws/events?since=1&epoch=${server.log.epoch}&types=vm.*`));
    expect((await replay.next('events')).events.map((e: Message) => e.seq)).toEqual([3]);

    for (let i = 5; i <= 12; i++) server.publish({ type: 'vm.created', resource_id: `r${i}` });
    const old = await open(ws(`/api/ws/events?since=2&epoch=${server.log.epoch}`));
    expect(await old.next('reset')).toMatchObject({ reason: 'cursor_too_old', seq: 12, epoch: server.log.epoch });
    const other = await open(ws('/api/ws/events?since=3&epoch=another-life'));
    expect(await other.next('reset')).toMatchObject({ reason: 'epoch_changed', seq: 12 });
    other.send({ type: 'resume', seq: 10, epoch: server.log.epoch });
    expect((await other.next('events')).events.map((e: Message) => e.seq)).toEqual([11, 12]);
  });

  it('changes filters while connected, bookmarks what the filter hid, and answers bad messages with errors', async () => {
    const c = await open(ws('/api/ws/events?types=node.*'));
    await c.next('welcome');
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    server.sockets.sendBookmarks();
    expect(await c.next('bookmark')).toMatchObject({ seq: 1 });
    c.send({ type: 'subscribe', filters: { types: ['vm.*'], providers: ['gcp'] } });
    expect(await c.next('subscribed')).toMatchObject({ filters: { types: ['vm.*'], providers: ['gcp'] }, seq: 1 });
    server.publish({ type: 'vm.created', resource_id: 'v2', cloud_provider: 'aws' });
    server.publish({ type: 'vm.created', resource_id: 'v3', cloud_provider: 'gcp' });
    expect((await c.next('events')).events.map((e: Message) => e.resource_id)).toEqual(['v3']);
    c.ws.send('not json');
    expect(await c.next('error')).toMatchObject({ code: 'bad_message' });
    c.send({ type: 'subscribe', filters: { colour: ['red'] } });
    expect(await c.next('error')).toMatchObject({ code: 'bad_filter' });
    c.send({ type: 'resume', seq: -1 });
    expect(await c.next('error')).toMatchObject({ code: 'bad_cursor' });
    c.send({ type: 'dance' });
    expect(await c.next('error')).toMatchObject({ code: 'unknown_type' });
  });

  it('drops connections mid-frame: the client sees a truncated frame, then the socket closes', async () => {
    const c = await open(ws('/api/ws/events'));
    await c.next('welcome');
    const errors: Error[] = [];
    c.ws.on('error', (e) => errors.push(e));
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    server.publish({ type: 'vm.created', resource_id: 'v1' });
    expect(server.sockets.dropConnections({ midFrame: true })).toBe(1);
    expect(await closed).toBe(1006);
    expect(c.messages.filter((m) => m.type === 'events')).toHaveLength(0);
  });

  it('answers an upgrade to a path it does not serve with 404 and closes the connection', async () => {
    for (const path of ['/api/ws/nope', '/ws', '/api/ws/events/extra']) {
      const refused = await upgradeStatus(server.url + path, { Authorization: 'Bearer token-a' });
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body)).toEqual({ error: `no WebSocket at ${path}` });
    }
  });

  it('refuses an unknown query parameter with 400 before the upgrade, naming it', async () => {
    for (const query of ['colour=red', 'types=vm.*&typo=vm.*', 'vm=v1']) {
      const refused = await upgradeStatus(`${server.url}/api/ws/events?${query}`, { Authorization: 'Bearer token-a' });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).error).toMatch(/^unknown filter "(colour|typo|vm)"/);
    }
  });

  it('keeps the old clients’ names: event_type, provider, region, vm_id as filters, and a token in the query ignored', async () => {
    const c = await open(ws('/ws/events?event_type=vm.created&provider=gcp&region=eu-west-1&vm_id=v2&token=ignored'), {});
    c.send({ type: 'auth', token: 'token-a' });
    expect((await c.next('welcome')).filters).toEqual({ types: ['vm.created'], providers: ['gcp'], regions: ['eu-west-1'], resource_ids: ['v2'] });
    server.publish({ type: 'vm.created', resource_id: 'v1', cloud_provider: 'gcp', region: 'eu-west-1' });
    server.publish({ type: 'vm.created', resource_id: 'v2', cloud_provider: 'gcp', region: 'eu-west-1' });
    expect((await c.next('events')).events.map((e: Message) => e.resource_id)).toEqual(['v2']);
  });

  it('serves upstream’s metrics socket and refuses a bad interval with 400 before the upgrade', async () => {
    for (const interval of ['0', '301', 'abc']) {
      const refused = await upgradeStatus(`${server.url}/api/ws/metrics?interval=${interval}`, { Authorization: 'Bearer token-a' });
      expect(refused.status).toBe(400);
    }
    const c = await open(ws('/api/ws/metrics?interval=1'));
    const update = await c.next('metrics_update');
    expect(update).toMatchObject({ source: 'system', metrics: { cpu_usage: 0, memory_usage: 0, disk_usage: 0, network_io: 0, status: 'no_data' } });
    expect(typeof update.metrics.timestamp).toBe('number');
  });
});
