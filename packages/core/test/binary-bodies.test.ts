import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, CoreClient, createFetchTransport, NotFoundError, ResponseTooLargeError, type Transport } from '../src';
import { createUndiciTransport } from '../src/internal/undici-transport';

/** Bytes no UTF-8 decoding survives (a lone 0x89, 0xff, NULs), 3000 of them, the same on every run. */
const BODY = Uint8Array.from({ length: 3000 }, (_, i) => [0x89, 0x50, 0xff, 0x00, 0xc3][i % 5]! ^ (i & 0x0f));

describe.each([
  ['undici', () => createUndiciTransport()],
  ['fetch', () => createFetchTransport(globalThis.fetch)],
] as [string, () => Transport & { close?(): Promise<void> }][])('the %s transport with responseType: bytes', (_name, make) => {
  let server: Server;
  let origin: string;
  let transport: Transport & { close?(): Promise<void> };
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.endsWith('/declared')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BODY.byteLength) }).end(BODY);
      } else if (req.url?.endsWith('/chunked')) {
        // No content-length: the transport can only count the bytes as they come.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(BODY.subarray(0, 1000));
        res.end(BODY.subarray(1000));
      } else if (req.url?.endsWith('/empty')) {
        res.writeHead(204).end();
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'no such image' } }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = make();
  });
  afterAll(async () => {
    await transport.close?.();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (path: string, extra: { maxResponseBytes?: number; responseType?: 'text' | 'bytes' } = {}) =>
    transport({ method: 'GET', origin, path, headers: {}, responseType: 'bytes', ...extra });

  it.each(['/declared', '/chunked'])('%s: hands back the exact bytes as a plain Uint8Array, with and without a limit', async (path) => {
    for (const maxResponseBytes of [undefined, BODY.byteLength, 1 << 20]) {
      const answer = await get(path, { maxResponseBytes });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
      expect(answer.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.isBuffer(answer.bytes)).toBe(false);
      expect(answer.bytes).toEqual(BODY);
    }
  });

  it.each(['/declared', '/chunked'])('%s: fails with ResponseTooLargeError one byte past maxResponseBytes', async (path) => {
    const error = await get(path, { maxResponseBytes: BODY.byteLength - 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limitBytes).toBe(BODY.byteLength - 1);
    // The connection is still usable afterwards.
    expect((await get(path)).bytes).toEqual(BODY);
  });

  it('without the flag, a declared body past the limit fails the same way, and leaves no stray error behind', async () => {
    // Jest fails the test on an unhandled 'error' event, as Node would crash the process on one.
    const error = await get('/declared', { responseType: undefined, maxResponseBytes: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await get('/chunked', { responseType: undefined })).text).toBe(new TextDecoder().decode(BODY));
  });

  it('an empty body is an empty Uint8Array; an error answer, and any answer without the flag, is text as before', async () => {
    expect((await get('/empty', { maxResponseBytes: 10 })).bytes).toEqual(new Uint8Array(0));
    for (const responseType of ['bytes', undefined] as const) {
      const error = await get('/missing', { responseType });
      expect(error.status).toBe(404);
      expect(error.bytes).toBeUndefined();
      expect(JSON.parse(error.text)).toEqual({ error: { code: 'not_found', message: 'no such image' } });
    }
    expect((await get('/declared', { responseType: 'text' })).bytes).toBeUndefined();
  });

  it('through CoreClient: the body is the bytes, and an error answer is still a typed error from its JSON', async () => {
    const core = new CoreClient({ baseUrl: origin, env: {}, transport, maxRetries: 0 });
    const ok = await core.send({ method: 'GET', path: '/api/declared', responseType: 'bytes', authenticate: false });
    expect(ok.body).toEqual(BODY);
    const tooLarge = await core.send({ method: 'GET', path: '/api/chunked', responseType: 'bytes', authenticate: false }, { maxResponseBytes: 100 }).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(ResponseTooLargeError);
    const missing = await core.send({ method: 'GET', path: '/api/missing', responseType: 'bytes', authenticate: false }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found', message: '404 no such image' });
  });
});

describe('CoreClient with a transport that knows nothing of bytes', () => {
  it('fails a bytes call with a ConfigError instead of handing back decoded text', async () => {
    const textOnly: Transport = async () => ({ status: 200, headers: { 'content-type': 'image/png' }, text: '\uFFFDPNG' });
    const core = new CoreClient({ baseUrl: 'http://127.0.0.1:9', env: {}, transport: textOnly });
    const error = await core.send({ method: 'GET', path: '/api/image', responseType: 'bytes', authenticate: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe('transport');
    // Text calls through the same transport are unchanged.
    expect((await core.send({ method: 'GET', path: '/api/image', authenticate: false })).body).toBe('\uFFFDPNG');
  });
});
