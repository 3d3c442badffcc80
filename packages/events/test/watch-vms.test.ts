import { watchVms, type Informer } from '@novacron/events';
import { SimulatorClient, eventually, startSimulator, type Simulator } from '@novacron/simulator';

interface VmWire {
  id: string;
  state: string;
  resource_version: number;
  [key: string]: unknown;
}

/** Every VM the REST API lists, all pages: the `list` an informer needs. */
async function listAll(client: SimulatorClient): Promise<VmWire[]> {
  const items: VmWire[] = [];
  for (let page = 1; ; page++) {
    const res = await client.call<VmWire[]>('GET', `/api/v1/vms?page=${page}&page_size=500`);
    if (res.status !== 200) throw new Error(`list failed with ${res.status}`);
    items.push(...res.body);
    const info = JSON.parse(res.headers.get('x-pagination') ?? '{"totalPages":1}') as { totalPages: number };
    if (page >= info.totalPages) return items;
  }
}

const view = (vms: VmWire[]) => vms.map((vm) => [vm.id, vm.resource_version, vm.state]).sort();

describe('watchVms against the simulator', () => {
  const secret = 'watch-vms-test-secret';
  let sim: Simulator;
  let client: SimulatorClient;
  let informer: Informer<VmWire> | undefined;
  /** Holds reconnects back while a test changes the world behind the client's back. */
  let gate: Promise<void> = Promise.resolve();

  const start = async (port = 0) => {
    sim = await startSimulator({ port, timeScale: 0.01, eventBufferSize: 10, authSecret: secret, eventSockets: { bookmarkIntervalMs: 200 } });
    // After a restart on the same port, fetch may first pick a pooled connection the old server closed.
    client = await eventually(() => SimulatorClient.for(sim).login('admin@novacron.local', 'admin123'));
  };
  const watch = () =>
    watchVms<VmWire>({
      url: sim.url,
      // Logs in again on every connection: a restarted simulator has forgotten the old session.
      token: async () => {
        await gate;
        return (await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123')).token!;
      },
      list: () => listAll(client),
      reconnect: { baseDelayMs: 10, maxDelayMs: 100 },
    });
  const create = async (name: string) => {
    const res = await client.call<VmWire>('POST', '/api/v1/vms', { body: { name } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const converged = () =>
    eventually(async () => {
      const server = view(await listAll(client));
      return JSON.stringify(view(informer!.list())) === JSON.stringify(server) ? server : undefined;
    }, 20_000, 50);

  beforeEach(() => start());
  afterEach(async () => {
    informer?.close();
    informer = undefined;
    await sim.close();
  });

  it('keeps a version-correct live map of VMs from list + watch', async () => {
    await create('before-1');
    await create('before-2');
    informer = await watch();
    expect(informer.size).toBe(2);
    const created = await Promise.all(['a', 'b', 'c'].map((n) => create(n)));
    await eventually(async () => ((await listAll(client)).every((vm) => vm.state === 'running') ? true : undefined), 20_000);
    await client.call('DELETE', `/api/v1/vms/${created[0]!.id}`);
    await eventually(async () => ((await listAll(client)).some((vm) => vm.id === created[0]!.id) ? undefined : true), 20_000);
    const final = await converged();
    expect(final).toHaveLength(4);
  });

  it('relists after its cursor fell out of the buffer and after a restart, ending equal to the server', async () => {
    await create('old-1');
    informer = await watch();
    let openGate!: () => void;
    gate = new Promise((resolve) => (openGate = resolve));
    sim.controls.dropConnections({ midFrame: true });
    // Each create makes several events; 15 VMs overflow the 10-event buffer while the client is away.
    for (let i = 0; i < 15; i++) await create(`burst-${i}`);
    openGate();
    await eventually(() => (informer!.stream.metrics.resets >= 1 ? true : undefined), 20_000);
    await converged();

    const port = sim.port;
    await sim.close();
    await start(port);
    await create('after-restart');
    await eventually(() => (informer!.stream.metrics.resets >= 2 ? true : undefined), 20_000);
    const final = await converged();
    expect(final.map((row) => row[0])).toHaveLength(1);
  });
});
