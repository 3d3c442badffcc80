import { EventStream, Informer, type NovaEvent } from '@novacron/events';
import { startEventSocketServer, type EventSocketServer } from '@novacron/simulator';

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Vm {
  id: string;
  state: string;
  resource_version: number;
  cloud_provider: string;
  region: string;
}

/** A tiny control plane for the test: state plus the events that describe every change. */
function world(server: () => EventSocketServer) {
  const vms = new Map<string, Vm>();
  let version = 0;
  const put = (id: string, state: string) => {
    const vm: Vm = { id, state, resource_version: ++version, cloud_provider: 'aws', region: 'us-east-1' };
    const existed = vms.has(id);
    vms.set(id, vm);
    server().publish({ type: existed ? 'vm.state_changed' : 'vm.created', resource_id: id, resource_version: vm.resource_version, data: { vm: { ...vm } } });
  };
  const remove = (id: string) => {
    vms.delete(id);
    server().publish({ type: 'vm.deleted', resource_id: id, resource_version: ++version, data: { id } });
  };
  const snapshot = () => [...vms.values()].map((vm) => ({ ...vm })).sort((a, b) => a.id.localeCompare(b.id));
  return { vms, put, remove, snapshot };
}

describe('EventStream relist on reset', () => {
  let server: EventSocketServer;
  const closers: (() => void)[] = [];

  beforeEach(async () => {
    server = await startEventSocketServer({ bufferSize: 50, bookmarkIntervalMs: 60_000 });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await server.close();
  });

  it('relists when the cursor is older than the buffer and ends equal to the server, with no gap', async () => {
    const w = world(() => server);
    for (let i = 0; i < 10; i++) w.put(`vm-${i}`, 'running');
    let duringList: (() => void) | undefined;
    const informer = new Informer<Vm>({
      url: server.url,
      token: 'token-a',
      resourceType: 'vm',
      reconnect: { baseDelayMs: 5, maxDelayMs: 50 },
      list: async () => {
        const items = w.snapshot();
        // Changes that happen while the list is in flight must still arrive, after the diff.
        duringList?.();
        duringList = undefined;
        return items;
      },
    });
    closers.push(() => informer.close());
    const resync: NovaEvent[] = [];
    informer.stream.on('vm.*', (e) => void (e.resync && resync.push(e)));
    await informer.start();
    expect(informer.list().map((v) => v.id).sort()).toEqual(w.snapshot().map((v) => v.id));

    server.sockets.dropConnections();
    // 200 changes while disconnected: far more than the 50-event buffer holds.
    for (let round = 0; round < 20; round++) for (let i = 0; i < 10; i++) w.put(`vm-${i}`, round % 2 ? 'running' : 'stopped');
    w.remove('vm-3');
    w.put('vm-new', 'creating');
    duringList = () => {
      w.put('vm-during', 'creating');
      w.put('vm-0', 'migrating');
      w.remove('vm-5');
    };
    resync.length = 0;
    await until(() => informer.stream.metrics.resets >= 1 && duringList === undefined);
    await until(() => informer.versionOf('vm-during') !== undefined && informer.get('vm-5') === undefined);
    w.put('vm-after', 'running');
    await until(() => informer.get('vm-after') !== undefined);

    expect(informer.list().sort((a, b) => a.id.localeCompare(b.id))).toEqual(w.snapshot());
    expect(resync.every((e) => e.resync === true)).toBe(true);
    expect(resync.map((e) => e.type).sort()).toEqual(expect.arrayContaining(['vm.created', 'vm.deleted', 'vm.updated']));
    expect(informer.stream.metrics.resyncEvents).toBeGreaterThan(0);
  });

  it('relists after a server restart (new epoch) and ends equal to the restarted server', async () => {
    const w = world(() => server);
    for (let i = 0; i < 5; i++) w.put(`vm-${i}`, 'running');
    const informer = new Informer<Vm>({
      url: server.url,
      token: 'token-a',
      resourceType: 'vm',
      reconnect: { baseDelayMs: 5, maxDelayMs: 50 },
      list: async () => w.snapshot(),
    });
    closers.push(() => informer.close());
    await informer.start();
    const firstEpoch = informer.stream.position!.epoch;

    await server.stop();
    // The restarted control plane has a different world: some VMs gone, one changed, one new.
    w.vms.delete('vm-1');
    w.vms.delete('vm-2');
    await server.start();
    w.put('vm-0', 'stopped');
    w.put('vm-9', 'running');
    await until(() => informer.stream.metrics.resets >= 1 && informer.get('vm-9') !== undefined && informer.get('vm-1') === undefined);
    w.put('vm-4', 'paused');
    await until(() => informer.get('vm-4')?.state === 'paused');

    expect(informer.stream.position!.epoch).not.toBe(firstEpoch);
    expect(informer.list().sort((a, b) => a.id.localeCompare(b.id))).toEqual(w.snapshot());
  });

  it('tells a stream without listers about the reset through its state', async () => {
    const stream = new EventStream({ url: server.url, token: 'token-a', reconnect: { baseDelayMs: 5, maxDelayMs: 50 } });
    closers.push(() => stream.close());
    const reasons: string[] = [];
    stream.onState((c) => c.reason && reasons.push(c.reason));
    await stream.start();
    server.sockets.dropConnections();
    for (let i = 0; i < 120; i++) server.publish({ type: 'vm.state_changed', resource_id: 'v' });
    await until(() => reasons.includes('cursor_too_old'));
    expect(stream.metrics.resets).toBe(1);
  });
});
