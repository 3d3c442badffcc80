import { SimulatorClient, startSimulator, totp, type Simulator } from '../src/index';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('two-factor routes over HTTP', () => {
  let sim: Simulator;
  let client: SimulatorClient;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.01 });
    sim.controls.addUser({ email: 'erin@novacron.local', password: 'erin-pass-1', role: 'operator' });
    sim.controls.addUser({ email: 'mfa2@novacron.local', password: 'mfa2-pass-1', role: 'operator', totpSecret: SECRET });
    client = SimulatorClient.for(sim);
  });
  afterAll(() => sim.close());

  it('GET /2fa/qr answers a PNG once 2FA is set up, and a typed 404 before', async () => {
    const erin = await SimulatorClient.for(sim).login('erin@novacron.local', 'erin-pass-1');
    const before = await erin.call('GET', '/api/auth/2fa/qr');
    expect(before.status).toBe(404);
    expect(before.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(before.body).toEqual({ error: { code: 'not_found', message: 'two-factor authentication is not set up' } });
    expect((await client.call('GET', '/api/auth/2fa/qr')).status).toBe(401);

    const setup = await erin.call('POST', '/api/auth/2fa/setup', { body: { account_name: 'erin@work' } });
    expect(setup.status).toBe(200);
    const res = await fetch(`${sim.url}/api/auth/2fa/qr`, { headers: { authorization: `Bearer ${erin.token}` } });
    const png = new Uint8Array(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Number(res.headers.get('content-length'))).toBe(png.byteLength);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // A PNG's first chunk is IHDR: a square image (a QR code), width equal to height.
    expect(Buffer.from(png.subarray(12, 16)).toString('latin1')).toBe('IHDR');
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(view.getUint32(20));
    expect(view.getUint32(16)).toBeGreaterThan(100);

    // Disabling forgets the secret: no QR code any more.
    await erin.call('POST', '/api/auth/2fa/disable', { body: {} });
    expect((await erin.call('GET', '/api/auth/2fa/qr')).status).toBe(404);
  });

  it('verify-login uses a backup code only with is_backup_code: true, once, and checks user_id against the temp token', async () => {
    const login = () => client.call('POST', '/api/auth/login', { body: { email: 'mfa2@novacron.local', password: 'mfa2-pass-1' } });
    const first = await login();
    const session = await client.call('POST', '/api/auth/2fa/verify-login', { body: { temp_token: first.body.temp_token, code: totp(SECRET) } });
    expect(session.status).toBe(200);
    expect(session.body.remaining_backup_codes).toBeUndefined();
    const codes = (await client.call('POST', '/api/auth/2fa/backup-codes', { token: session.body.token, body: {} })).body.backup_codes as string[];
    expect(codes).toHaveLength(10);
    const [code] = codes as [string];

    // Unflagged, a backup code is checked as a TOTP code, as upstream does: refused, and not used up.
    const challenge = await login();
    const unflagged = await client.call('POST', '/api/auth/2fa/verify-login', { body: { temp_token: challenge.body.temp_token, code } });
    expect(unflagged.status).toBe(401);
    expect(unflagged.body.error).toEqual({ code: 'invalid_2fa_code', message: 'invalid two-factor code' });

    const userId = JSON.parse(Buffer.from(String(challenge.body.temp_token).split('.')[1]!, 'base64url').toString()).user_id as string;
    const wrongUser = await client.call('POST', '/api/auth/2fa/verify-login', {
      body: { temp_token: challenge.body.temp_token, code, is_backup_code: true, user_id: `${userId}0` },
    });
    expect(wrongUser.status).toBe(401);
    expect(wrongUser.body.error).toEqual({ code: 'invalid_temp_token', message: 'temporary token does not match requested user' });

    const flagged = await client.call('POST', '/api/auth/2fa/verify-login', {
      body: { temp_token: challenge.body.temp_token, code, is_backup_code: true, user_id: userId },
    });
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({ token: expect.any(String), remaining_backup_codes: 9, user: { email: 'mfa2@novacron.local' } });
    expect((await client.call('GET', '/api/auth/me', { token: flagged.body.token })).status).toBe(200);

    const again = await login();
    const reused = await client.call('POST', '/api/auth/2fa/verify-login', { body: { temp_token: again.body.temp_token, code, is_backup_code: true } });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toEqual({ code: 'invalid_2fa_code', message: 'invalid two-factor code' });
  });
});
