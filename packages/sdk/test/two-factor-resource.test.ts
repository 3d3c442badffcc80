import { startSimulator, totp, type Simulator } from '@novacron/simulator';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  AuthenticationError,
  createClient,
  NotFoundError,
  ResponseTooLargeError,
  TwoFactorRequiredError,
  ValidationError,
  type NovaCronClient,
  type NovaCronClientOptions,
  type TwoFactorCode,
} from '../src';

type TwoFactorCallback = () => TwoFactorCode | Promise<TwoFactorCode>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The text of the QR code in a PNG image, decoded from its pixels. */
function decodeQr(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
}

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
  const clientFor = (twoFactor?: TwoFactorCallback, options: NovaCronClientOptions = {}) => {
    const client = createClient({ baseUrl: sim.url, ...DANA, env: {}, resilience: false, twoFactor, ...options });
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
    expect(decodeQr((await dana.twoFactor.qr()).png)).toBe(setup.otpauthUrl);
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
    await expect(clientFor(() => ({ code: first, backupCode: true })).me()).resolves.toMatchObject({ email: DANA.email });
    await expect(clientFor(() => ({ code: first, backupCode: true })).me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(await dana.twoFactor.backupCodes()).toHaveLength(9);

    const fresh = await dana.twoFactor.regenerateBackupCodes();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(second);
    await expect(clientFor(() => ({ code: second, backupCode: true })).me()).rejects.toBeInstanceOf(AuthenticationError);
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

  describe.each([
    ['undici', {}],
    ['fetch', { fetch: globalThis.fetch }],
  ] as [string, NovaCronClientOptions][])('qr() over the %s transport', (_name, transport) => {
    it('answers the PNG the server rendered, which decodes to exactly the otpauth URL of setup()', async () => {
      const dana = clientFor(undefined, transport);
      await expect(dana.twoFactor.qr()).rejects.toBeInstanceOf(NotFoundError);
      const setup = await dana.twoFactor.setup({ accountName: 'dana qr+test@work' });
      const qr = await dana.twoFactor.qr();
      expect(qr.contentType).toBe('image/png');
      expect(qr.png).toBeInstanceOf(Uint8Array);
      expect([...qr.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(decodeQr(qr.png)).toBe(setup.otpauthUrl);
      expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/NovaCron%3Adana%20qr%2Btest%40work\?secret=/);

      // A limit below the image's size stops the read with the typed error, as for JSON answers.
      const error = (await dana.twoFactor.qr({ maxResponseBytes: qr.png.byteLength - 1 }).catch((e: unknown) => e)) as ResponseTooLargeError;
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.limitBytes).toBe(qr.png.byteLength - 1);
      expect(decodeQr((await dana.twoFactor.qr({ maxResponseBytes: qr.png.byteLength })).png)).toBe(setup.otpauthUrl);
      const tightClient = clientFor(undefined, { ...transport, maxResponseBytes: 512 });
      await expect(tightClient.twoFactor.qr()).rejects.toBeInstanceOf(ResponseTooLargeError);
      await dana.twoFactor.disable();
    });
  });

  it('logs in with a backup code from the twoFactor callback, once; unflagged, a backup code is refused', async () => {
    const dana = clientFor();
    const setup = await dana.twoFactor.setup();
    await dana.twoFactor.enable(totp(setup.secret));
    const [code, other] = setup.backupCodes as [string, string];

    // A backup code given as a plain string is sent as a TOTP code, which upstream refuses.
    await expect(clientFor(() => code).me()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401, code: 'invalid_2fa_code' });

    let asked = 0;
    const lostPhone = clientFor(async () => {
      asked++;
      return { code, backupCode: true };
    });
    await expect(lostPhone.me()).resolves.toMatchObject({ email: DANA.email });
    expect(asked).toBe(1);
    expect(lostPhone.session?.current?.accessToken).toEqual(expect.any(String));
    expect(await dana.twoFactor.backupCodes()).toEqual(setup.backupCodes.filter((c) => c !== code));

    const reused = await clientFor(() => ({ code, backupCode: true }))
      .me()
      .catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(AuthenticationError);
    expect(reused).toMatchObject({ status: 401, code: 'invalid_2fa_code', message: '401 invalid two-factor code' });

    // `backupCode: false` (or absent) is a TOTP code, as a string is.
    await expect(clientFor(() => ({ code: totp(setup.secret), backupCode: false })).me()).resolves.toMatchObject({ email: DANA.email });
    await expect(clientFor(() => ({ code: other })).me()).rejects.toBeInstanceOf(AuthenticationError);

    // A callback answering nothing usable is refused before a code is sent.
    const verifyLogins = () => sim.controls.stats().byRoute['POST /api/auth/2fa/verify-login'] ?? 0;
    const before = verifyLogins();
    for (const bad of ['', { code: '' }, { code: 'x'.repeat(65), backupCode: true }, undefined, 42]) {
      await expect(clientFor(() => bad as never).me()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(verifyLogins()).toBe(before);
    await dana.twoFactor.disable();
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
