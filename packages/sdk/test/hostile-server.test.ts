import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, InternalServerError, ResponseTooLargeError, ResponseValidationError, type NovaCronClient } from '../src';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A tiny HTTP server that answers what each test tells it to, the way a broken or hostile server would. */
async function hostileServer(routes: Record<string, Handler>): Promise<{ url: string; server: Server; written: () => number }> {
  let written = 0;
  const server = createServer((req, res) => {
    const handler = routes[req.url ?? ''];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer | string, ...rest: never[]) => {
      written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return write(chunk, ...rest);
    }) as typeof res.write;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, written: () => written };
}

const json = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
};

describe('the default client against a misbehaving server', () => {
  let server: Server;
  let url: string;
  let written: () => number;
  const clients: NovaCronClient[] = [];
  const client = (options: Parameters<typeof createClient>[0] = {}) => {
    const c = createClient({ baseUrl: url, token: 'static', maxRetries: 0, resilience: false, env: {}, ...options });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    ({ server, url, written } = await hostileServer({
      '/api/v1/vms/nested': json('[[[[[[[[[[]]]]]]]]]]'),
      '/api/v1/vms/wrong-types': json('{"id": 42, "state": ["running"], "memory_mb": "lots"}'),
      '/api/v1/vms/extra-fields': json(
        '{"id":"vm-1","name":"one","state":"running","node_id":"n","cpu_shares":1,"memory_mb":512,"disk_size_gb":10,"owner_id":"u","tenant_id":"t","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","resource_version":1,"a_field_from_the_future":{"x":1}}',
      ),
      '/api/v1/vms/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        // 50 MB unless the client hangs up first; each write waits for the socket to drain.
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      },
      '/api/v1/nodes/html': (_req, res) => {
        res
          .writeHead(500, { 'content-type': 'text/html' })
          .end('<!DOCTYPE html>\n<html>\n<head>\n  <title>502 Bad Gateway</title>\n</head>\n<body>\n<h1>Bad Gateway</h1>\n<p>nginx</p>\n</body>\n</html>\n');
      },
    }));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a 200 of the wrong shape is a ResponseValidationError with the raw body attached, by default', async () => {
    const c = client();
    for (const id of ['nested', 'wrong-types']) {
      const error = (await c.vms.get(id).catch((e: unknown) => e)) as ResponseValidationError;
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.code).toBe('response_validation');
      expect(error.body).toEqual(id === 'nested' ? [[[[[[[[[[]]]]]]]]]] : { id: 42, state: ['running'], memory_mb: 'lots' });
    }
  });

  it('unknown and extra fields are tolerated; warn and off stay available on request', async () => {
    await expect(client().vms.get('extra-fields')).resolves.toEqual(expect.objectContaining({ id: 'vm-1', memoryMb: 512 }));
    const logger = { error() {}, info() {}, debug() {}, warn() {} };
    await expect(client({ responseValidation: 'warn', logger }).vms.get('wrong-types')).resolves.toBeDefined();
    await expect(client({ responseValidation: 'off' }).vms.get('wrong-types')).resolves.toBeDefined();
  });

  it('a body over maxResponseBytes ends with a typed error without being read whole', async () => {
    const c = client();
    const error = (await c.vms.get('huge').catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.code).toBe('response_too_large');
    expect(error.limitBytes).toBe(16 * 1024 * 1024);
    // The client hung up after the limit: the server could not push the whole 50 MB.
    expect(written()).toBeLessThan(40 * 1024 * 1024);

    const small = (await c.vms.get('huge', { maxResponseBytes: 1024 * 1024 }).catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(small).toBeInstanceOf(ResponseTooLargeError);
    expect(small.limitBytes).toBe(1024 * 1024);
  });

  it('an HTML error page makes a one-line message (status and title); the page stays on the error', async () => {
    const error = (await client().nodes.get('html').catch((e: unknown) => e)) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('500 502 Bad Gateway (an HTML page)');
    expect(error.message).not.toContain('\n');
    expect(String(error.body)).toContain('<h1>Bad Gateway</h1>');
  });
});
