import { CoreClient, NotFoundError, PermissionDeniedError, ValidationError } from '@novacron/core';
import { SimulatorClient, startSimulator, totp, type Simulator } from '@novacron/simulator';
import { createAdminClient, type AdminClient } from '../src';

describe('SecurityResource over HTTP', () => {
  let sim: Simulator;
  const cores: CoreClient[] = [];
  const as = (email: string, password: string, twoFactor?: () => string): AdminClient => {
    const core = new CoreClient({ baseUrl: sim.url, email, password, env: {}, responseValidation: 'strict', twoFactor });
    cores.push(core);
    return createAdminClient(core);
  };
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
  });
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
    await sim.close();
  });

  it("records logins, failures and role changes as security.* events of the admin's tenant only", async () => {
    const admin = as('admin@novacron.local', 'admin123');
    const raw = SimulatorClient.for(sim);
    await raw.call('POST', '/api/auth/login', { body: { email: 'viewer@novacron.local', password: 'wrong' } });
    await raw.call('POST', '/api/auth/login', { body: { email: 'alice@tenant-b.local', password: 'wrong' } });
    const user = await admin.users.create({ username: 'hank', email: 'hank@novacron.local', password: 'H4nk!pass', role: 'viewer' });
    await admin.users.setRoles(user.id, ['operator']);

    const events = await admin.security.events({ pageSize: 500 }).toArray({ limit: 1000 });
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['security.login_succeeded', 'security.login_failed', 'security.user_created', 'security.role_changed']));
    expect(events.every((e) => e.tenantId === 'default')).toBe(true);
    const failed = events.find((e) => e.type === 'security.login_failed')!;
    expect(failed).toMatchObject({ rawType: 'login_failed', severity: 'medium', metadata: { login: 'viewer@novacron.local' } });
    const roleChange = (await admin.security.events({ type: 'security.role_changed' })).items;
    expect(roleChange).toHaveLength(1);
    expect(roleChange[0]!.metadata).toMatchObject({ from: 'viewer', to: 'operator' });

    const alice = as('alice@tenant-b.local', 'alice123');
    const theirs = await alice.security.events().toArray({ limit: 1000 });
    expect(theirs.some((e) => e.type === 'security.login_failed' && e.metadata.login === 'alice@tenant-b.local')).toBe(true);
    expect(theirs.every((e) => e.tenantId === 'tenant-b')).toBe(true);
    await expect(alice.security.acknowledgeEvent(failed.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await admin.security.acknowledgeEvent(failed.id)).toMatchObject({ acknowledged: true, acknowledgedBy: 'admin' });
  });

  it('pages events with X-Pagination', async () => {
    const admin = as('admin@novacron.local', 'admin123');
    const raw = SimulatorClient.for(sim);
    for (let i = 0; i < 3; i++) await raw.call('POST', '/api/auth/login', { body: { email: 'operator@novacron.local', password: `wrong${i}` } });
    const page = await admin.security.events({ type: 'login_failed', pageSize: 2 });
    expect(page.info).toEqual({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect((await page.getNextPage()).items).toHaveLength(1);
  });

  it('turns five failed logins into an active brute-force threat, cleared by a successful login', async () => {
    const admin = as('admin@novacron.local', 'admin123');
    const raw = SimulatorClient.for(sim);
    for (let i = 0; i < 5; i++) await raw.call('POST', '/api/auth/login', { body: { email: 'operator@novacron.local', password: 'nope' } });
    const active = await admin.security.threats({ status: 'active' });
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ type: 'brute_force', severity: 'high', target: 'operator@novacron.local', status: 'active' });
    expect((await admin.security.compliance()).checks.find((c) => c.id === 'no_active_threats')!.status).toBe('fail');
    await raw.login('operator@novacron.local', 'operator123');
    expect(await admin.security.threats({ status: 'active' })).toEqual([]);
    expect((await admin.security.events({ type: 'security.threat_detected' })).items).toHaveLength(1);
  });

  it('reports compliance from the tenant now: an administrator without 2FA fails the check until enrolled', async () => {
    sim.controls.addUser({ email: 'ivy@tenant-c.local', password: 'Ivy!pass1', role: 'admin', tenantId: 'tenant-c' });
    const ivyCore = new CoreClient({ baseUrl: sim.url, email: 'ivy@tenant-c.local', password: 'Ivy!pass1', env: {} });
    cores.push(ivyCore);
    const ivy = createAdminClient(ivyCore);
    const before = await ivy.security.compliance();
    expect(before).toMatchObject({ status: 'non_compliant', compliant: false, score: 67, tenantId: 'tenant-c' });
    expect(before.checks.find((c) => c.id === 'admin_two_factor')).toMatchObject({ status: 'fail', description: 'without 2FA: ivy' });

    const setup = (await ivyCore.request({ method: 'POST', path: '/api/auth/2fa/setup', body: {} })) as { secret: string };
    await ivyCore.request({ method: 'POST', path: '/api/auth/2fa/enable', body: { code: totp(setup.secret) } });
    const after = await ivy.security.compliance();
    expect(after).toMatchObject({ status: 'compliant', compliant: true, score: 100 });
    expect((await ivy.security.events({ type: 'two_factor_enabled' })).items).toHaveLength(1);
  });

  it('is for admins only, and validates parameters before sending', async () => {
    const viewer = as('viewer@novacron.local', 'viewer123');
    await expect(viewer.security.events()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(viewer.security.compliance()).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(() => viewer.security.events({ severity: 'urgent' as never })).toThrow(ValidationError);
    await expect(viewer.security.threats({ status: 'gone' as never })).rejects.toBeInstanceOf(ValidationError);
    // Upstream also mounts the set under /api/admin/security.
    const token = sim.controls.issueAccessToken('admin');
    expect((await SimulatorClient.for(sim, token).call('GET', '/api/admin/security/compliance')).status).toBe(200);
  });
});
