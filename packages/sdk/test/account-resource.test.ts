import { startSimulator, SimulatorClient, type Simulator } from '@novacron/simulator';
import { AuthenticationError, BadRequestError, ConflictError, createClient, NotFoundError, ValidationError, type NovaCronClient } from '../src';

const STRONG = 'Sup3r!secret';

describe('AccountResource over HTTP', () => {
  let sim: Simulator;
  let anon: NovaCronClient;
  const clients: NovaCronClient[] = [];
  const login = (email: string, password: string) => {
    const client = createClient({ baseUrl: sim.url, email, password, env: {}, resilience: false });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    anon = createClient({ baseUrl: sim.url, env: {}, resilience: false });
  });
  afterAll(async () => {
    await Promise.all([anon.close(), ...clients.map((c) => c.close())]);
    await sim.close();
  });

  it('registers a user with role `user` and reports the email as taken afterwards', async () => {
    expect(await anon.account.checkEmail('erin@novacron.local')).toBe(true);
    const erin = await anon.account.register({ email: 'erin@novacron.local', password: STRONG, firstName: 'Erin', lastName: 'Ng' });
    expect(erin).toMatchObject({ email: 'erin@novacron.local', username: 'erin', firstName: 'Erin', lastName: 'Ng', role: 'user', tenantId: 'default', twoFactorEnabled: false });
    expect(await anon.account.checkEmail('erin@novacron.local')).toBe(false);
    await expect(anon.account.register({ email: 'erin@novacron.local', password: STRONG })).rejects.toBeInstanceOf(ConflictError);
    await expect(login('erin@novacron.local', STRONG).me()).resolves.toMatchObject({ email: 'erin@novacron.local', roles: ['user'] });
  });

  it("enforces upstream's password policy in the SDK before sending, and in the simulator", async () => {
    const before = sim.controls.stats().requests;
    for (const password of ['Sh0rt!', 'alllower1!', 'ALLUPPER1!', 'NoDigits!!', 'NoSpecial12']) {
      const error = await anon.account.register({ email: 'weak@novacron.local', password }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.every((issue) => issue.path[0] === 'password')).toBe(true);
      expect(String((error as Error).message)).not.toContain(password);
    }
    await expect(anon.account.register({ email: 'not-an-email', password: STRONG })).rejects.toBeInstanceOf(ValidationError);
    expect(sim.controls.stats().requests).toBe(before);

    const raw = await SimulatorClient.for(sim).call('POST', '/api/auth/register', { body: { email: 'weak@novacron.local', password: 'password' } });
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe('validation_error');
    expect(raw.body.error.message).toContain('upper-case');
    expect(raw.text).not.toContain('"password"}');
    expect(await anon.account.checkEmail('weak@novacron.local')).toBe(true);
  });

  it('resets a password with a single-use token; the old password and old sessions stop working', async () => {
    await anon.account.register({ email: 'finn@novacron.local', password: STRONG });
    const token = sim.controls.issueAccessToken('finn@novacron.local');
    const raw = SimulatorClient.for(sim, token);
    expect((await raw.call('GET', '/api/auth/me')).status).toBe(200);

    expect(await anon.account.forgotPassword('finn@novacron.local')).toEqual({ message: 'Password reset email sent' });
    expect(await anon.account.forgotPassword('nobody@novacron.local')).toEqual({ message: 'Password reset email sent' });
    expect(sim.controls.accounts.lastResetToken('nobody@novacron.local')).toBeUndefined();
    const resetToken = sim.controls.accounts.lastResetToken('finn@novacron.local')!;

    await expect(anon.account.resetPassword({ token: resetToken, password: 'weakling' })).rejects.toBeInstanceOf(ValidationError);
    expect(await anon.account.resetPassword({ token: resetToken, password: 'N3w!secret' })).toEqual({ message: 'Password reset successfully' });
    await expect(anon.account.resetPassword({ token: resetToken, password: 'An0ther!one' })).rejects.toBeInstanceOf(BadRequestError);

    expect((await raw.call('GET', '/api/auth/me')).status).toBe(401);
    await expect(login('finn@novacron.local', STRONG).me()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(login('finn@novacron.local', 'N3w!secret').me()).resolves.toMatchObject({ email: 'finn@novacron.local' });
  });

  it("lists the caller's sessions and revokes one, whose token then gets a 401", async () => {
    const admin = login('admin@novacron.local', 'admin123');
    await admin.me();
    const other = sim.controls.issueAccessToken('admin@novacron.local');
    const sessions = await admin.account.listSessions().toArray({ limit: 100 });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const raw = SimulatorClient.for(sim, other);
    const otherSession = sessions.find((s) => !s.current && Date.parse(s.expiresAt) > Date.parse(s.createdAt))!;
    expect((await raw.call('GET', '/api/auth/me')).status).toBe(200);

    // Revoke every other session; the one behind `other` is among them.
    for (const session of sessions.filter((s) => !s.current)) await admin.account.revokeSession(session.id);
    expect((await raw.call('GET', '/api/auth/me')).status).toBe(401);
    const left = await admin.account.listSessions().toArray({ limit: 100 });
    expect(left.map((s) => s.current)).toEqual([true]);
    await expect(admin.account.revokeSession(otherSession.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.account.revokeSession('a/b')).rejects.toBeInstanceOf(ValidationError);
  });
});
