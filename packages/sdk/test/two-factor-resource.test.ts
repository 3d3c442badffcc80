import { startSimulator, totp, type Simulator } from '@novacron/simulator';
import { AuthenticationError, createClient, TwoFactorRequiredError, ValidationError, type NovaCronClient } from '../src';

const DANA = { email: 'dana@novacron.local', password: 'Dana!pass1' };

/** A 6-digit code that is none of the codes valid around now (the server accepts one step of drift). */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([totp(secret, now - 30_000), totp(secret, now), totp(secret, now + 30_000)]);
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

describe('TwoFactorResource over HTTP', () => {
  let sim: Simulator;
  const clients: NovaCronClient[] = [];
  const clientFor = (twoFactor?: () => string) => {
    const client = createClient({ baseUrl: sim.url, ...DANA, env: {}, resilience: false, twoFactor });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    sim.controls.addUser({ ...DANA, role: 'operator' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('enrols end to end: setup, verify, enable, login needs the code, a backup code works once, regenerate, disable', async () => {
    const dana = clientFor();
    expect(await dana.twoFactor.status()).toMatchObject({ enabled: false, setup: false });

    const setup = await dana.twoFactor.setup({ accountName: 'dana@work' });
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/NovaCron%3Adana%40work\?secret=[A-Z2-7]+&issuer=NovaCron/);
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(setup.backupCodes).toHaveLength(10);
    expect(new Set(setup.backupCodes).size).toBe(10);
    expect((await dana.twoFactor.qr()).otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(await dana.twoFactor.status()).toMatchObject({ enabled: false, setup: true, algorithm: 'SHA1', digits: 6, period: 30 });

    // Setting up alone changes nothing for login.
    await expect(clientFor().me()).resolves.toMatchObject({ email: DANA.email });

    expect(await dana.twoFactor.verify({ code: totp(setup.secret) })).toEqual({ valid: true, remainingBackupCodes: null, error: null });
    expect(await dana.twoFactor.verify({ code: wrongCode(setup.secret) })).toMatchObject({ valid: false, error: 'invalid two-factor code' });

    await expect(dana.twoFactor.enable(wrongCode(setup.secret))).rejects.toMatchObject({ status: 400, code: 'invalid_2fa_code' });
    await dana.twoFactor.enable(totp(setup.secret));
    expect(await dana.twoFactor.status()).toMatchObject({ enabled: true, setup: true });

    await expect(clientFor().me()).rejects.toBeInstanceOf(TwoFactorRequiredError);
    await expect(clientFor(() => totp(setup.secret)).me()).resolves.toMatchObject({ email: DANA.email });

    const [first, second] = setup.backupCodes as [string, string];
    await expect(clientFor(() => first).me()).resolves.toMatchObject({ email: DANA.email });
    await expect(clientFor(() => first).me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(await dana.twoFactor.backupCodes()).toHaveLength(9);

    const fresh = await dana.twoFactor.regenerateBackupCodes();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(second);
    await expect(clientFor(() => second).me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(await dana.twoFactor.verify({ code: fresh[0]!, backupCode: true })).toEqual({ valid: true, remainingBackupCodes: 9, error: null });

    await dana.twoFactor.disable();
    expect(await dana.twoFactor.status()).toMatchObject({ enabled: false, setup: false });
    await expect(clientFor().me()).resolves.toMatchObject({ email: DANA.email });
  });

  it('refuses a malformed code with a ValidationError before sending anything', async () => {
    const dana = clientFor();
    await dana.twoFactor.status();
    const before = sim.controls.stats().requests;
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      await expect(dana.twoFactor.enable(code)).rejects.toBeInstanceOf(ValidationError);
      await expect(dana.twoFactor.verify({ code })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(dana.twoFactor.setup({ accountName: '' })).rejects.toBeInstanceOf(ValidationError);
    expect(sim.controls.stats().requests).toBe(before);
  });

  it('enabling without a setup is a 400, and setting up twice while enabled is a 409', async () => {
    const dana = clientFor();
    await expect(dana.twoFactor.enable('123456')).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    const setup = await dana.twoFactor.setup();
    await dana.twoFactor.enable(totp(setup.secret));
    await expect(dana.twoFactor.setup()).rejects.toMatchObject({ status: 409 });
    await dana.twoFactor.disable();
  });
});
