import { AbortError, CoreClient, Pipeline, type NovaRequest, type NovaResponse } from '@novacron/core';
import { eventually, startSimulator, type Simulator } from '@novacron/simulator';
import { Cache, CachePolicy, InvalidationRules, listTag, resourceTag, tokenIdentity } from '../src/index';

/** A NovaRequest as core's client builds it (route template below /api/v1). */
function request(method: NovaRequest['method'], template: string, path: string, extra: Partial<NovaRequest> = {}): NovaRequest {
  return {
    method,
    route: `${method} ${template}`,
    path: `/api/v1${path}`,
    headers: { authorization: 'Bearer tenant-a-token' },
    authenticate: true,
    attempt: 1,
    requestId: 'r',
    context: {},
    ...extra,
  };
}

/** A tiny in-memory VM server as the pipeline's transport: counts calls, bumps versions on writes. */
function fakeOrigin() {
  const vms = new Map<string, { id: string; name: string; resource_version: number }>([
    ['vm-1', { id: 'vm-1', name: 'one', resource_version: 1 }],
    ['vm-2', { id: 'vm-2', name: 'two', resource_version: 1 }],
  ]);
  const calls: string[] = [];
  const transport = async (req: NovaRequest): Promise<NovaResponse> => {
    calls.push(`${req.method} ${req.path}`);
    const id = req.path.split('/')[4];
    let body: unknown;
    if (req.method === 'GET' && id) body = { ...vms.get(id)! };
    else if (req.method === 'GET') body = [...vms.values()].map((v) => ({ ...v }));
    else if (id) {
      const vm = vms.get(id)!;
      if (req.method === 'PATCH') vm.name = (req.body as { name: string }).name;
      vm.resource_version++;
      body = { ...vm };
    }
    return { status: 200, headers: {}, body, requestId: 'srv', request: req };
  };
  return { transport, calls, vms };
}

describe('CachePolicy with a core Pipeline', () => {
  function setup(options: ConstructorParameters<typeof CachePolicy>[1] = {}) {
    const origin = fakeOrigin();
    const cache = new Cache();
    const pipeline = new Pipeline(origin.transport);
    pipeline.add(new CachePolicy(cache, { routes: { '/vms/{id}': 30_000, 'GET /vms': 5_000 }, ...options }), { phase: 'perCall' });
    return { origin, cache, pipeline };
  }

  it('serves repeated GETs from the cache and keeps query strings and tenants apart', async () => {
    const { origin, pipeline } = setup();
    const a1 = await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'));
    const a2 = await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'));
    expect(a2.body).toEqual(a1.body);
    expect(origin.calls).toEqual(['GET /api/v1/vms/vm-1']);

    await pipeline.send(request('GET', '/vms', '/vms', { query: { page: 1, page_size: 10 } }));
    await pipeline.send(request('GET', '/vms', '/vms', { query: { page_size: 10, page: 1 } })); // same query, other order
    await pipeline.send(request('GET', '/vms', '/vms', { query: { page: 2, page_size: 10 } }));
    expect(origin.calls.filter((c) => c === 'GET /api/v1/vms')).toHaveLength(2);

    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { headers: { authorization: 'Bearer tenant-b-token' } }));
    expect(origin.calls.filter((c) => c === 'GET /api/v1/vms/vm-1')).toHaveLength(2);
  });

  it('invalidates the VM and the VM lists on PATCH, POST actions and DELETE', async () => {
    const { origin, pipeline } = setup();
    const get = () => pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'));
    const list = () => pipeline.send(request('GET', '/vms', '/vms'));
    await get();
    await list();
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-2'));
    await pipeline.send(request('PATCH', '/vms/{id}', '/vms/vm-1', { body: { name: 'renamed' } }));
    expect(((await get()).body as { name: string }).name).toBe('renamed');
    expect(((await list()).body as { name: string }[])[0]!.name).toBe('renamed');
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-2'));
    // vm-2 was not touched: still one origin call for it.
    expect(origin.calls.filter((c) => c === 'GET /api/v1/vms/vm-2')).toHaveLength(1);

    await pipeline.send(request('POST', '/vms/{id}/start', '/vms/vm-1/start'));
    const after = (await get()).body as { resource_version: number };
    expect(after.resource_version).toBe(origin.vms.get('vm-1')!.resource_version);
    expect(origin.calls.filter((c) => c === 'GET /api/v1/vms/vm-1')).toHaveLength(3);
  });

  it("honours request.cache: 'no-cache' reads through and refreshes, 'no-store' bypasses", async () => {
    const { origin, pipeline } = setup();
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'));
    origin.vms.get('vm-1')!.name = 'changed behind our back';
    origin.vms.get('vm-1')!.resource_version = 5;
    const bypass = await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { cache: 'no-store' }));
    expect((bypass.body as { name: string }).name).toBe('changed behind our back');
    expect(((await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'))).body as { name: string }).name).toBe('one');
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { cache: 'no-cache' }));
    expect(((await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1'))).body as { name: string }).name).toBe('changed behind our back');
    expect(origin.calls).toHaveLength(3);
  });

  it('does not cache routes that are not configured, nor authenticated calls without an identity', async () => {
    const { origin, pipeline } = setup();
    await pipeline.send(request('GET', '/nodes', '/nodes'));
    await pipeline.send(request('GET', '/nodes', '/nodes'));
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { headers: {} }));
    await pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { headers: {} }));
    expect(origin.calls).toHaveLength(4);
  });

  it("one caller's abort leaves the shared load alone; the load is cancelled only when every caller has gone", async () => {
    const held: Array<{ signal: AbortSignal | undefined; release(): void }> = [];
    const transport = (req: NovaRequest): Promise<NovaResponse> =>
      new Promise((resolve, reject) => {
        const answer = () => resolve({ status: 200, headers: {}, body: { id: 'vm-1', resource_version: 1 }, requestId: 'srv', request: req });
        held.push({ signal: req.signal, release: answer });
        req.signal?.addEventListener('abort', () => reject(new AbortError('transport aborted')), { once: true });
      });
    const pipeline = new Pipeline(transport).add(new CachePolicy(new Cache(), { routes: { '/vms/{id}': 30_000 } }), { phase: 'perCall' });
    const get = (signal: AbortSignal) => pipeline.send(request('GET', '/vms/{id}', '/vms/vm-1', { signal }));

    const a = new AbortController();
    const b = new AbortController();
    const first = get(a.signal);
    const second = get(b.signal);
    await eventually(() => held.length === 1 || undefined);
    a.abort();
    await expect(first).rejects.toBeInstanceOf(AbortError);
    expect(held[0]!.signal?.aborted).toBe(false);
    held[0]!.release();
    await expect(second).resolves.toEqual(expect.objectContaining({ status: 200, body: { id: 'vm-1', resource_version: 1 } }));
    expect(held).toHaveLength(1);

    // Nobody left waiting: the load itself is called off.
    const c = new AbortController();
    const third = pipeline.send(request('GET', '/vms/{id}', '/vms/vm-2', { signal: c.signal }));
    await eventually(() => held.length === 2 || undefined);
    c.abort();
    await expect(third).rejects.toBeInstanceOf(AbortError);
    expect(held[1]!.signal?.aborted).toBe(true);
  });

  it('maps routes to invalidation targets in one configurable place', () => {
    const rules = new InvalidationRules({
      rules: [{ route: '/nodes/{nodeId}/drain', invalidate: ({ params }) => [listTag('/vms'), `node-drained:${params['nodeId']}`] }],
    });
    expect(rules.tagsForRead(request('GET', '/vms/{id}', '/vms/vm-1'))).toEqual([resourceTag('/vms', 'vm-1')]);
    expect(rules.tagsForRead(request('GET', '/vms', '/vms'))).toEqual(['list:/vms']);
    expect(rules.tagsForWrite(request('POST', '/vms', '/vms'))).toEqual(['list:/vms']);
    expect(rules.tagsForWrite(request('DELETE', '/vms/{id}', '/vms/vm-1')).sort()).toEqual(['list:/vms', 'res:/vms/vm-1']);
    expect(rules.tagsForWrite(request('POST', '/migrations', '/migrations', { body: { vm_id: 'vm-9' } })).sort()).toEqual([
      'list:/migrations',
      'list:/vms',
      'res:/vms/vm-9',
    ]);
    expect(rules.tagsForWrite(request('POST', '/nodes/{nodeId}/drain', '/nodes/n-1/drain')).sort()).toEqual([
      'list:/nodes',
      'list:/nodes/n-1/drain', // a trailing segment may be a sub-collection: invalidated to be safe
      'list:/vms',
      'node-drained:n-1',
      'res:/nodes/n-1',
    ]);
  });
});

describe('CachePolicy end to end (CoreClient against the simulator)', () => {
  let sim: Simulator;
  let client: CoreClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    client = new CoreClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', maxRetries: 0 });
    const cache = new Cache();
    client.pipeline.add(
      new CachePolicy(cache, { routes: { '/vms/{id}': 60_000, '/vms': 60_000 }, identity: tokenIdentity(() => client.session!.getToken()) }),
      { phase: 'perCall' },
    );
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('a GET is cached and a PATCH through the client invalidates it', async () => {
    const created = await client.request<{ id: string }>({ method: 'POST', path: '/vms', body: { name: 'cache-e2e' } });
    const get = () => client.request<{ name: string; resource_version: number }>({ method: 'GET', path: '/vms/{id}', params: { id: created.id } });
    sim.controls.resetStats();
    const first = await get();
    const second = await get();
    expect(second).toEqual(first);
    expect(sim.controls.stats().byRoute['GET /vms/{id}']).toBe(1);

    await client.request({ method: 'PATCH', path: '/vms/{id}', params: { id: created.id }, body: { name: 'cache-e2e-renamed' } });
    const third = await get();
    expect(third.name).toBe('cache-e2e-renamed');
    expect(third.resource_version).toBeGreaterThan(first.resource_version);
    expect(sim.controls.stats().byRoute['GET /vms/{id}']).toBe(2);
  });
});
