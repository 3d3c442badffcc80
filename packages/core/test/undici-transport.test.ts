import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TimeoutError } from '../src';
import { createUndiciTransport } from '../src/internal/undici-transport';

describe('the undici transport', () => {
  let server: Server;
  let origin: string;
  let received = 0;
  beforeAll(async () => {
    // Never answers: every request waits for the client's deadline.
    server = createServer(() => {
      received++;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => jest.useRealTimers());

  it.each([1_500, 4_000])('keeps a %i ms deadline within 50 ms or 10 %, however coarse undici’s own timers are', async (deadline) => {
    // Only timers are faked, so the clock moves exactly as far as the test says and no further.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance', 'hrtime', 'Date'] });
    const transport = createUndiciTransport();
    const before = received;
    let outcome: unknown;
    const call = transport({ method: 'GET', origin, path: '/slow', headers: {}, timeoutMs: deadline }).then(
      () => (outcome = 'answered'),
      (error: unknown) => (outcome = error),
    );
    while (received === before) await new Promise((resolve) => setImmediate(resolve));
    const tolerance = Math.max(50, deadline * 0.1);
    await jest.advanceTimersByTimeAsync(deadline + tolerance);
    for (let i = 0; i < 20 && outcome === undefined; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toBeInstanceOf(TimeoutError);
    await call;
    jest.useRealTimers();
    await transport.close();
  });
});

describe('the undici transport’s response headers', () => {
  it('hands over lower-case headers as they came, and joins a repeated header with ", "', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('X-Single', 'one');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('Content-Type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const transport = createUndiciTransport();
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await transport({ method: 'GET', origin, path: '/', headers: {}, maxResponseBytes: 1024 });
      expect(response.status).toBe(200);
      expect(response.text).toBe('{"ok":true}');
      expect(response.headers['x-single']).toBe('one');
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers['set-cookie']).toBe('a=1, b=2');
      expect(Object.values(response.headers).every((v) => typeof v === 'string')).toBe(true);
    } finally {
      await transport.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
