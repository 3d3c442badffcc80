import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { startSimulator, type Simulator, type SimulatorOptions } from '@novacron/simulator';
import { ConfigError, ConnectionError, createClient, TlsError, type NovaCronClient, type NovaCronClientOptions } from '../src';

const ADMIN = { email: 'admin@novacron.local', password: 'admin123' };

/** PEM files made by openssl for this run: a CA, a server and a client certificate it signed, and an unrelated CA. */
let dir: string;
const pem = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const file = (name: string) => path.join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function makeLeaf(name: string, ca: string, extensions: string): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'novacron-tls-'));
  makeCa('test-ca');
  makeCa('other-ca');
  makeLeaf('server', 'test-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  makeLeaf('client', 'test-ca', 'extendedKeyUsage=clientAuth\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulators: Simulator[] = [];
const clients: NovaCronClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(simulators.splice(0).map((s) => s.close()));
});

async function httpsSimulator(https: Partial<NonNullable<SimulatorOptions['https']>> = {}): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 0.05, https: { key: pem('server.key'), cert: pem('server.crt'), ...https } });
  simulators.push(sim);
  return sim;
}

function client(sim: Simulator, options: NovaCronClientOptions = {}): NovaCronClient {
  const c = createClient({ baseUrl: sim.url, ...ADMIN, env: {}, maxRetries: 0, ...options });
  clients.push(c);
  return c;
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(() => 'resolved', (error: unknown) => error);
}

describe('a private CA', () => {
  it('connects when the client trusts the CA that signed the server (tls.ca)', async () => {
    const sim = await httpsSimulator();
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const c = client(sim, { tls: { ca: pem('test-ca.crt') } });
    expect((await c.health()).status).toBe('healthy');
    expect((await c.me()).email).toBe(ADMIN.email);
  });

  it('opens event streams over wss:// with the same CA and client certificate', async () => {
    const sim = await httpsSimulator({ ca: pem('test-ca.crt'), requestCert: true });
    const c = client(sim, { tls: { ca: pem('test-ca.crt'), cert: pem('client.crt'), key: pem('client.key') } });
    const events = await c.events();
    await events.start();
    const alerts = await c.alerts();
    await alerts.start();
    expect([events.connectionState, alerts.connectionState]).toEqual(['open', 'open']);
  });

  it('reads the CA from NOVACRON_CA_FILE', async () => {
    const sim = await httpsSimulator();
    const c = client(sim, { env: { NOVACRON_CA_FILE: file('test-ca.crt') } });
    expect((await c.me()).email).toBe(ADMIN.email);
  });

  it.each([
    ["Node's own CA bundle", undefined],
    ['an unrelated CA', 'other-ca.crt'],
  ])('fails with a TlsError naming the untrusted certificate against %s', async (_name, ca) => {
    const sim = await httpsSimulator();
    const error = await failure(client(sim, ca === undefined ? {} : { tls: { ca: pem(ca) } }).health());
    expect(error).toBeInstanceOf(TlsError);
    expect(error).toMatchObject({ code: 'tls_certificate_untrusted', retryable: false });
    expect((error as Error).message).toMatch(/not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
    expect(sim.controls.stats().requests).toBe(0);
  });
});

describe('the minimum TLS version', () => {
  it('refuses a server that speaks only TLS 1.1, which an old client would have accepted', async () => {
    // OpenSSL 3 needs security level 0 for TLS 1.1 at all.
    const sim = await httpsSimulator({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
    const port = Number(new URL(sim.url).port);
    // The server really speaks TLS 1.1: a client that allows it gets a TLS 1.1 session.
    const negotiated = await new Promise<string | null>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, ca: pem('test-ca.crt'), minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(negotiated).toBe('TLSv1.1');

    const error = await failure(client(sim, { tls: { ca: pem('test-ca.crt') } }).health());
    expect(error).toBeInstanceOf(TlsError);
    expect(error).toMatchObject({ code: 'tls_protocol_version' });
  });

  it('with minVersion TLSv1.3 (or NOVACRON_TLS_MIN_VERSION) refuses a TLS 1.2 server the default accepts', async () => {
    const sim = await httpsSimulator({ maxVersion: 'TLSv1.2' });
    expect((await client(sim, { tls: { ca: pem('test-ca.crt') } }).health()).status).toBe('healthy');
    for (const options of [{ tls: { ca: pem('test-ca.crt'), minVersion: 'TLSv1.3' as const } }, { env: { NOVACRON_CA_FILE: file('test-ca.crt'), NOVACRON_TLS_MIN_VERSION: 'TLSv1.3' } }]) {
      const error = await failure(client(sim, options).health());
      expect(error).toBeInstanceOf(TlsError);
      expect(error).toMatchObject({ code: 'tls_protocol_version' });
    }
  });

  it('takes nothing below TLS 1.2 as a setting', () => {
    expect(() => createClient({ env: { NOVACRON_TLS_MIN_VERSION: 'TLSv1.1' } })).toThrow(ConfigError);
    expect(() => createClient({ env: { NOVACRON_TLS_MIN_VERSION: 'TLSv1.1' } })).toThrow(/NOVACRON_TLS_MIN_VERSION.*TLSv1\.2 or TLSv1\.3/);
    expect(() => createClient({ env: {}, tls: { minVersion: 'TLSv1' as 'TLSv1.2' } })).toThrow(/tls\.minVersion/);
  });
});

describe('mutual TLS', () => {
  const requireClientCert = () => ({ ca: pem('test-ca.crt'), requestCert: true });

  it("is refused without a client certificate: a TlsError with OpenSSL's reason when the handshake fails (TLS 1.2)", async () => {
    const sim = await httpsSimulator({ ...requireClientCert(), maxVersion: 'TLSv1.2' });
    const error = await failure(client(sim, { tls: { ca: pem('test-ca.crt') } }).health());
    expect(error).toBeInstanceOf(TlsError);
    // OpenSSL answers a missing client certificate with a plain handshake_failure alert.
    expect(error).toMatchObject({ code: 'tls_handshake_failed', message: expect.stringContaining('(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)') });
    expect(sim.controls.stats().requests).toBe(0);
  });

  it('is refused without a client certificate under TLS 1.3 too, where the server only hangs up after the handshake', async () => {
    // TLS 1.3 finishes the client's side of the handshake before the server checks the client
    // certificate; undici then sees the connection closed with nothing read, so the error is a
    // ConnectionError (UND_ERR_SOCKET) rather than a TlsError.
    const sim = await httpsSimulator(requireClientCert());
    const error = await failure(client(sim, { tls: { ca: pem('test-ca.crt') } }).health());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'connection_error' });
    expect(sim.controls.stats().requests).toBe(0);
  });

  it('is accepted with one, from options or from NOVACRON_CLIENT_CERT_FILE / NOVACRON_CLIENT_KEY_FILE', async () => {
    const sim = await httpsSimulator(requireClientCert());
    const fromOptions = client(sim, { tls: { ca: pem('test-ca.crt'), cert: pem('client.crt'), key: pem('client.key') } });
    expect((await fromOptions.me()).email).toBe(ADMIN.email);
    const fromEnv = client(sim, { env: { NOVACRON_CA_FILE: file('test-ca.crt'), NOVACRON_CLIENT_CERT_FILE: file('client.crt'), NOVACRON_CLIENT_KEY_FILE: file('client.key') } });
    expect((await fromEnv.me()).email).toBe(ADMIN.email);
  });

  it('needs a certificate and its key together, and readable files', () => {
    expect(() => createClient({ env: { NOVACRON_CLIENT_CERT_FILE: file('client.crt') } })).toThrow(ConfigError);
    expect(() => createClient({ env: {}, tls: { cert: pem('client.crt') } })).toThrow(/tls\.key.*go together/);
    expect(() => createClient({ env: { NOVACRON_CA_FILE: file('missing.crt') } })).toThrow(/NOVACRON_CA_FILE.*cannot read.*ENOENT/);
  });
});
