import { AuthenticationError, ConflictError, CoreClient, NotFoundError, PermissionDeniedError, ValidationError } from '@novacron/core';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { createAdminClient, type AdminClient } from '../src';

describe('AdminUsersResource over HTTP', () => {
  let sim: Simulator;
  const cores: CoreClient[] = [];
  const as = (email: string, password: string): AdminClient => {
    const core = new CoreClient({ baseUrl: sim.url, email, password, env: {}, responseValidation: 'strict' });
    cores.push(core);
    return createAdminClient(core);
  };
  let admin: AdminClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    admin = as('admin@novacron.local', 'admin123');
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await sim.close();
  });

  it('only admins administer: viewers and operators get PermissionDeniedError', async () => {
    for (const [email, password] of [['viewer@novacron.local', 'viewer123'], ['operator@novacron.local', 'operator123']] as const) {
      const client = as(email, password);
      await expect(client.users.list()).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(client.users.create({ username: 'x', email: 'x@novacron.local', password: 'Val1d!pass' })).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(client.users.delete('1')).rejects.toBeInstanceOf(PermissionDeniedError);
    }
  });

  it("keeps tenants apart: an admin of one tenant neither lists nor reaches another tenant's users", async () => {
    const alice = as('alice@tenant-b.local', 'alice123');
    const mine = await admin.users.list().toArray({ limit: 1000 });
    const theirs = await alice.users.list().toArray({ limit: 1000 });
    expect(mine.every((u) => u.tenantId === 'default')).toBe(true);
    expect(theirs.map((u) => u.username)).toEqual(['alice']);
    const aliceId = theirs[0]!.id;
    await expect(admin.users.get(aliceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.users.update(aliceId, { active: false })).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.users.setRoles(aliceId, ['viewer'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.users.delete(aliceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(alice.users.get(mine[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    // Creating in another tenant needs super-admin.
    await expect(admin.users.create({ username: 'sneaky', email: 'sneaky@tenant-b.local', password: 'Val1d!pass', tenantId: 'tenant-b' })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('a super-admin sees every tenant', async () => {
    sim.controls.addUser({ email: 'root@novacron.local', password: 'r00t!Pass', role: 'super-admin', tenantId: 'ops' });
    const root = as('root@novacron.local', 'r00t!Pass');
    const everyone = await root.users.list({ pageSize: 100 }).toArray({ limit: 1000 });
    expect(new Set(everyone.map((u) => u.tenantId))).toEqual(new Set(['default', 'tenant-b', 'ops']));
    const onlyB = await root.users.list({ tenantId: 'tenant-b' }).toArray({ limit: 100 });
    expect(onlyB.map((u) => u.username)).toEqual(['alice']);
  });

  it('pages the list with upstream envelope: page size, total pages, every user exactly once', async () => {
    for (let i = 0; i < 5; i++) await admin.users.create({ username: `pager${i}`, email: `pager${i}@novacron.local`, password: 'Pag3r!pass', role: 'viewer' });
    const first = await admin.users.list({ search: 'pager', pageSize: 2 });
    expect(first.items.map((u) => u.username)).toEqual(['pager0', 'pager1']);
    expect(first.info).toEqual({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
    const all = await admin.users.list({ search: 'pager', pageSize: 2 }).toArray({ limit: 100 });
    expect(all.map((u) => u.username)).toEqual(['pager0', 'pager1', 'pager2', 'pager3', 'pager4']);
    const third = await admin.users.list({ search: 'pager', pageSize: 2, page: 3 });
    expect(third.items.map((u) => u.username)).toEqual(['pager4']);
    expect(third.hasNextPage()).toBe(false);
    const viewers = await admin.users.list({ role: 'viewer', search: 'pager' }).toArray({ limit: 100 });
    expect(viewers).toHaveLength(5);
  });

  it('creates users who can log in, changes their role (ending their sessions), deactivates and deletes them', async () => {
    const gwen = await admin.users.create({ username: 'gwen', email: 'gwen@novacron.local', password: 'Gw3n!pass', role: 'viewer' });
    expect(gwen).toMatchObject({ username: 'gwen', role: 'viewer', active: true, tenantId: 'default' });
    expect(gwen.id).toMatch(/^\d+$/);
    const token = sim.controls.issueAccessToken('gwen');
    const gwenCore = new CoreClient({ baseUrl: sim.url, token, env: {} });
    cores.push(gwenCore);
    await expect(gwenCore.request({ method: 'GET', path: '/api/auth/me' })).resolves.toMatchObject({ role: 'viewer' });

    expect(await admin.users.setRoles(gwen.id, ['operator'])).toMatchObject({ role: 'operator' });
    await expect(gwenCore.request({ method: 'GET', path: '/api/auth/me' })).rejects.toBeInstanceOf(AuthenticationError);
    const gwenLogin = as('gwen@novacron.local', 'Gw3n!pass');
    await expect(gwenLogin.users.list()).rejects.toBeInstanceOf(PermissionDeniedError);

    expect(await admin.users.update(gwen.id, { username: 'gwendolyn', active: false })).toMatchObject({ username: 'gwendolyn', active: false });
    await expect(as('gwen@novacron.local', 'Gw3n!pass').users.list()).rejects.toBeInstanceOf(AuthenticationError);
    await admin.users.delete(gwen.id);
    await expect(admin.users.get(gwen.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses escalation and self-harm', async () => {
    await expect(admin.users.create({ username: 'boss', email: 'boss@novacron.local', password: 'B0ss!pass', role: 'super-admin' })).rejects.toBeInstanceOf(PermissionDeniedError);
    const me = (await admin.users.list({ search: 'admin@' })).items[0]!;
    await expect(admin.users.delete(me.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(admin.users.setRoles(me.id, ['viewer'])).rejects.toBeInstanceOf(ConflictError);
    await expect(admin.users.create({ username: 'dup', email: 'admin@novacron.local', password: 'Dupl1c@te' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('rejects bad input with a ValidationError before any request', async () => {
    await admin.users.list();
    const before = sim.controls.stats().requests;
    await expect(admin.users.create({ username: 'weak', email: 'weak@novacron.local', password: 'weakpass' })).rejects.toBeInstanceOf(ValidationError);
    await expect(admin.users.create({ username: 'bad name', email: 'b@novacron.local', password: 'Val1d!pass' })).rejects.toBeInstanceOf(ValidationError);
    await expect(admin.users.update('2', {})).rejects.toBeInstanceOf(ValidationError);
    await expect(admin.users.setRoles('2', [])).rejects.toBeInstanceOf(ValidationError);
    await expect(admin.users.setRoles('2', ['root' as never])).rejects.toBeInstanceOf(ValidationError);
    expect(() => admin.users.list({ pageSize: 101 })).toThrow(ValidationError);
    await expect(admin.users.get('../1')).rejects.toBeInstanceOf(ValidationError);
    expect(sim.controls.stats().requests).toBe(before);
  });
});
