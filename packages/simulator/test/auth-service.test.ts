import { SimulatorClient, startSimulator, totp, type Simulator } from '../src/index';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('auth over HTTP', () => {
  let sim: Simulator;
  let client: SimulatorClient;

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 0.01 });
    sim.controls.addUser({ email: 'mfa@novacron.local', password: 'mfa12345', role: 'operator', totpSecret: TOTP_SECRET });
    client = SimulatorClient.for(sim);
  });
  afterAll(() => sim.close());

  it('logs in by email or by username and answers the canonical shape', async () => {
    const byEmail = await client.call('POST', '/api/auth/login', { body: { email: 'admin@novacron.local', password: 'admin123' } });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({
      token: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: 'admin@novacron.local', role: 'admin', roles: ['admin'], tenantId: 'default', tenant_id: 'default', two_factor_enabled: false },
    });
    expect(Date.parse(byEmail.body.expiresAt)).toBeGreaterThan(Date.now());
    const claims = JSON.parse(Buffer.from(byEmail.body.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ username: 'admin', role: 'admin', tenant_id: 'default', token_type: 'access' });
    expect(claims.exp - claims.iat).toBe(900);

    const byUsername = await client.call('POST', '/api/auth/login', { body: { username: 'viewer', password: 'viewer123' } });
    expect(byUsername.status).toBe(200);
    expect(byUsername.body.user.role).toBe('viewer');
  });

  it('refuses bad credentials and incomplete bodies', async () => {
    const wrong = await client.call('POST', '/api/auth/login', { body: { email: 'admin@novacron.local', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const missing = await client.call('POST', '/api/auth/login', { body: { email: 'admin@novacron.local' } });
    expect(missing.status).toBe(400);
  });

  it('completes a TOTP two-factor login', async () => {
    const challenge = await client.call('POST', '/api/auth/login', { body: { email: 'mfa@novacron.local', password: 'mfa12345' } });
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ requires_2fa: true, temp_token: expect.any(String), user: { two_factor_enabled: true } });
    expect(challenge.body.token).toBeUndefined();

    // The temp token is not an access token.
    const early = await client.call('GET', '/api/v1/vms', { token: challenge.body.temp_token });
    expect(early.status).toBe(401);
    expect(early.body.error.message).toBe('two-factor authentication is not complete');

    const now = Date.now();
    // Every code the server could accept from now until a step after: a window boundary passing mid-test cannot make the wrong code right.
    const valid = new Set([-60_000, -30_000, 0, 30_000, 60_000].map((drift) => totp(TOTP_SECRET, now + drift)));
    const wrongCode = ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code));
    const badCode = await client.call('POST', '/api/auth/2fa/verify-login', { body: { temp_token: challenge.body.temp_token, code: wrongCode } });
    expect(badCode.status).toBe(401);
    expect(badCode.body.error.code).toBe('invalid_2fa_code');

    const done = await client.call('POST', '/api/auth/2fa/verify-login', {
      body: { temp_token: challenge.body.temp_token, code: totp(TOTP_SECRET) },
    });
    expect(done.status).toBe(200);
    const vms = await client.call('GET', '/api/v1/vms', { token: done.body.token });
    expect(vms.status).toBe(200);
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused', async () => {
    const login = await client.call('POST', '/api/auth/login', { body: { email: 'operator@novacron.local', password: 'operator123' } });
    const first = login.body.refreshToken as string;
    const rotated = await client.call('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    expect(rotated.body.token).not.toBe(login.body.token);
    expect((await client.call('GET', '/api/auth/me', { token: rotated.body.token })).body.email).toBe('operator@novacron.local');

    const reused = await client.call('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('refresh_token_reused');
    // The whole family is gone: the newest refresh token and the access tokens too.
    expect((await client.call('POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
    expect((await client.call('GET', '/api/v1/vms', { token: rotated.body.token })).status).toBe(401);
    expect(sim.controls.stats().refreshes).toBeGreaterThanOrEqual(1);
  });

  it('answers 401 token_expired for an expired token and 401 for a missing or forged one', async () => {
    const expired = sim.controls.issueAccessToken('admin@novacron.local', -5);
    const res = await client.call('GET', '/api/v1/vms', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'token_expired', message: 'invalid or expired token' } });

    const missing = await client.call('GET', '/api/v1/vms');
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toBe('authorization header required');

    const valid = sim.controls.issueAccessToken('admin');
    const forged = `${valid.slice(0, -4)}AAAA`;
    expect((await client.call('GET', '/api/v1/vms', { token: forged })).body.error.code).toBe('invalid_token');
    const basic = await client.call('GET', '/api/v1/vms', { headers: { authorization: 'Basic YWRtaW46YWRtaW4xMjM=' } });
    expect(basic.status).toBe(401);
  });

  it('expires tokens by their lifetime', async () => {
    // Token time is the test's: a second before the lifetime ends the token works, at its end it does not.
    let now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const shortLived = await startSimulator({ tokenTtlSeconds: 60, tokenClock: () => now });
    try {
      const c = await SimulatorClient.for(shortLived).login('viewer@novacron.local', 'viewer123');
      now += 59_000;
      expect((await c.call('GET', '/api/v1/vms')).status).toBe(200);
      now += 1_000;
      const res = await c.call('GET', '/api/v1/vms');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token_expired');
    } finally {
      await shortLived.close();
    }
  });

  it('logs out by revoking the session', async () => {
    const c = await SimulatorClient.for(sim).login('viewer@novacron.local', 'viewer123');
    expect((await c.call('GET', '/api/auth/me')).body.username).toBe('viewer');
    expect((await c.call('POST', '/api/auth/logout')).status).toBe(200);
    expect((await c.call('GET', '/api/auth/me')).status).toBe(401);
  });

  it('exposes the verification the WebSocket server uses', () => {
    const token = sim.controls.issueAccessToken('alice@tenant-b.local');
    const result = sim.verifyAccessToken(token);
    expect(result.ok && result.principal).toMatchObject({ tenantId: 'tenant-b', role: 'admin' });
    expect(sim.verifyAccessToken('garbage').ok).toBe(false);
  });
});
