import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TimeoutError } from '../src';
import { useSilentServer } from './fixtures/silent-server';
import { createUndiciTransport } from '../src/internal/undici-transport';

describe('the undici transport', () => {
  // Never answers: every request waits for the client's deadline.
  const silent = useSilentServer();
  afterEach(() => jest.useRealTimers());

  it.each([1_500, 4_000])('keeps a %i ms deadline within 50 ms or 10 %, however coarse undici’s own timers are', async (deadline) => {
    // Only timers are faked, so the clock moves exactly as far as the test says and no further.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance', 'hrtime', 'Date'] });
    const transport = createUndiciTransport();
    const before = silent.received();
    let outcome: unknown;
    const call = transport({ method: 'GET', origin: silent.origin, path: '/slow', headers: {}, timeoutMs: deadline }).then(
      () => (outcome = 'answered'),
      (error: unknown) => (outcome = error),
    );
    while (silent.received() === before) await new Promise((resolve) => setImmediate(resolve));
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
