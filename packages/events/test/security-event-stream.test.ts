import { PermissionDeniedError, ValidationError } from '@novacron/core';
import { SimulatorClient, startSimulator, type Simulator } from '@novacron/simulator';
import { SecurityEventStream, type SecurityStreamEvent } from '../src';

async function next(iterator: AsyncIterator<SecurityStreamEvent>): Promise<SecurityStreamEvent> {
  const result = await iterator.next();
  if (result.done) throw new Error('the stream ended');
  return result.value;
}

const failLogin = (sim: Simulator, email: string) => SimulatorClient.for(sim).call('POST', '/api/auth/login', { body: { email, password: 'wrong' } });

describe('SecurityEventStream against the simulator', () => {
  let sim: Simulator;
  let admin: SimulatorClient;
  beforeEach(async () => {
    // Frames every 20 ms repeat the active threats: the stream must not repeat events because of them.
    sim = await startSimulator({ port: 0, timeScale: 0.05, alertIntervalMs: 0, liveSockets: { securityIntervalMs: 20 } });
    admin = await SimulatorClient.for(sim).login('admin@novacron.local', 'admin123');
  });
  afterEach(async () => {
    await sim.close();
  });

  it('turns frames into security.* events, each once: the recent ones on connect, then live ones', async () => {
    await failLogin(sim, 'viewer@novacron.local');
    const stream = new SecurityEventStream({ url: sim.url, token: admin.token! });
    const iterator = stream[Symbol.asyncIterator]();
    await stream.start();
    const recent = [await next(iterator), await next(iterator)];
    expect(recent.map((e) => e.type)).toEqual(['security.login_succeeded', 'security.login_failed']);
    expect(recent[1]).toMatchObject({ rawType: 'login_failed', severity: 'medium', tenantId: 'default', metadata: { login: 'viewer@novacron.local' } });

    for (let i = 0; i < 5; i++) await failLogin(sim, 'operator@novacron.local');
    const live: SecurityStreamEvent[] = [];
    while (live.length < 6) live.push(await next(iterator));
    expect(live.map((e) => e.type)).toEqual([...Array(5).fill('security.login_failed'), 'security.threat_detected']);
    expect(new Set(live.map((e) => e.id)).size).toBe(6);
    expect(stream.threats).toEqual([expect.objectContaining({ severity: 'high', target: 'operator@novacron.local' })]);
    stream.close();
    expect((await iterator.next()).done).toBe(true);
  });

  it("filters by SDK type and shows a tenant's admin only its own tenant", async () => {
    const alice = await SimulatorClient.for(sim).login('alice@tenant-b.local', 'alice123');
    const roles = new SecurityEventStream({ url: sim.url, token: admin.token!, types: ['security.role_*'] });
    const theirs = new SecurityEventStream({ url: sim.url, token: alice.token! });
    const rolesIt = roles[Symbol.asyncIterator]();
    const theirsIt = theirs[Symbol.asyncIterator]();
    await Promise.all([roles.start(), theirs.start()]);
    expect(await next(theirsIt)).toMatchObject({ type: 'security.login_succeeded', tenantId: 'tenant-b' });

    const created = await admin.call('POST', '/api/admin/users', { body: { username: 'jo', email: 'jo@novacron.local', password: 'J0!secret', role: 'viewer' } });
    await admin.call('POST', `/api/admin/users/${created.body.id}/roles`, { body: { roles: ['operator'] } });
    expect(await next(rolesIt)).toMatchObject({ type: 'security.role_changed', metadata: { from: 'viewer', to: 'operator' } });

    await failLogin(sim, 'alice@tenant-b.local');
    expect(await next(theirsIt)).toMatchObject({ type: 'security.login_failed', tenantId: 'tenant-b' });
    roles.close();
    theirs.close();
  });

  it('is for admins only; bad type patterns are refused before connecting', async () => {
    const viewer = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    await expect(new SecurityEventStream({ url: sim.url, token: viewer.token! }).start()).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(() => new SecurityEventStream({ url: sim.url, types: ['security.*.x*'] })).toThrow(ValidationError);
  });
});
