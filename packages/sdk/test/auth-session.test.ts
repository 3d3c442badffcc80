import { startSimulator, SimulatorClient, totp, type Simulator } from '@novacron/simulator';
import { AuthenticationError, createClient, TwoFactorRequiredError } from '../src';

const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };
/**
 * For the 1,000-caller tests: they count refreshes and replays, not time, and on a loaded machine
 * 2,000 requests to the simulator can outlast the default 15 s attempt and 30 s call limits.
 */
const UNHURRIED = { timeout: 300_000, resilience: { attemptTimeout: false as const } };

describe('auth against the simulator', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('logs in with an email or a username, lazily on the first call', async () => {
    const byEmail = createClient({ baseUrl: sim.url, ...ADMIN, env: {} });
    const byName = createClient({ baseUrl: sim.url, username: 'admin', password: 'admin123', env: {} });
    expect(sim.controls.stats().logins).toBe(0);
    await expect(byEmail.vms.list()).resolves.toBeDefined();
    await expect(byName.vms.list()).resolves.toBeDefined();
    expect(sim.controls.stats().logins).toBe(2);
    await Promise.all([byEmail.close(), byName.close()]);
  });

  it('refreshes exactly once for 1,000 concurrent calls across a token expiry', async () => {
    await sim.close();
    sim = await startSimulator({ port: 0, timeScale: 0.05, tokenTtlSeconds: 30 });
    // Tokens live 30 s and are renewed 31 s ahead: the token is due for refresh as soon as it is
    // issued (no waiting on the clock), while the server still accepts it, so in-flight calls never
    // race a real expiry.
    const client = createClient({ baseUrl: sim.url, ...ADMIN, refreshBufferMs: 31_000, ...UNHURRIED, env: {} });
    await client.vms.list();
    const firstToken = client.session!.current!.accessToken;
    sim.controls.resetStats();
    const results = await Promise.all(Array.from({ length: 1_000 }, () => client.nodes.list()));
    expect(results).toHaveLength(1_000);
    expect(sim.controls.stats().refreshes).toBe(1);
    expect(sim.controls.stats().logins).toBe(0);
    expect(sim.controls.stats().byRoute['GET /nodes']).toBe(1_000);
    expect(client.session!.current!.accessToken === firstToken).toBe(false);
    await client.close();
  }, 180_000);

  it('a 401 for an expired token is refreshed once and replayed, for 1,000 callers at once', async () => {
    const raw = SimulatorClient.for(sim);
    const login = await raw.call('POST', '/api/auth/login', { body: ADMIN });
    const client = createClient({ baseUrl: sim.url, ...UNHURRIED, env: {} });
    // The client believes its token is good for an hour; the server already considers it expired.
    await client.session!.setTokens({
      accessToken: sim.controls.issueAccessToken(ADMIN.email, -60),
      refreshToken: login.body.refreshToken,
      expiresAt: Date.now() + 3_600_000,
    });
    sim.controls.resetStats();
    await Promise.all(Array.from({ length: 1_000 }, () => client.nodes.list()));
    const stats = sim.controls.stats();
    expect(stats.refreshes).toBe(1);
    // Every call was answered 401 once, then replayed once with the fresh token.
    expect(stats.byRoute['GET /nodes']).toBe(2_000);
    await client.close();
  }, 180_000);

  it('a reused refresh token is refused, and the session then ends with a typed error', async () => {
    const raw = SimulatorClient.for(sim);
    const login = await raw.call('POST', '/api/auth/login', { body: ADMIN });
    const first = await raw.call('POST', '/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken === login.body.refreshToken).toBe(false);
    const reused = await raw.call('POST', '/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(reused.status).toBe(401);

    // Through the SDK: a client holding only the stale refresh token cannot renew and says so.
    const client = createClient({ baseUrl: sim.url, env: {} });
    await client.session!.setTokens({ accessToken: sim.controls.issueAccessToken(ADMIN.email, -60), refreshToken: login.body.refreshToken, expiresAt: Date.now() - 1 });
    await expect(client.vms.list()).rejects.toBeInstanceOf(AuthenticationError);
    await client.close();
  });

  it('completes a TOTP second factor through the callback, and says so when there is none', async () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    sim.controls.addUser({ email: 'mfa@novacron.local', password: 'mfa-pass-1', role: 'operator', totpSecret: secret });
    const withCode = createClient({ baseUrl: sim.url, email: 'mfa@novacron.local', password: 'mfa-pass-1', twoFactor: () => totp(secret), env: {} });
    await expect(withCode.vms.list()).resolves.toBeDefined();
    const without = createClient({ baseUrl: sim.url, email: 'mfa@novacron.local', password: 'mfa-pass-1', env: {} });
    await expect(without.vms.list()).rejects.toBeInstanceOf(TwoFactorRequiredError);
    await Promise.all([withCode.close(), without.close()]);
  });

  it('logout revokes the session on the server and forgets the tokens', async () => {
    const client = createClient({ baseUrl: sim.url, ...ADMIN, env: {} });
    await client.vms.list();
    const token = client.session!.current!.accessToken;
    await client.session!.logout();
    expect(client.session!.current === undefined).toBe(true);
    const after = await SimulatorClient.for(sim, token).call('GET', '/api/auth/me');
    expect(after.status).toBe(401);
    await client.close();
  });
});
