import { spawnSync } from 'node:child_process';
import { APIError, AuthenticationError, ConnectionError, NotFoundError, NovaCronError, RateLimitError, TimeoutError } from '../src';

describe('the error hierarchy', () => {
  it('maps statuses to classes with one factory', () => {
    expect(APIError.fromStatus('x', { status: 404 })).toBeInstanceOf(NotFoundError);
    expect(APIError.fromStatus('x', { status: 401 })).toBeInstanceOf(AuthenticationError);
    const limited = APIError.fromStatus('x', { status: 429, retryAfterMs: 1000 });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryable).toBe(true);
    expect(APIError.fromStatus('x', { status: 503 }).retryable).toBe(true);
    expect(APIError.fromStatus('x', { status: 400 }).retryable).toBe(false);
  });

  it('keeps subclass relations and names', () => {
    const timeout = new TimeoutError();
    expect(timeout).toBeInstanceOf(ConnectionError);
    expect(timeout).toBeInstanceOf(NovaCronError);
    expect(timeout).not.toBeInstanceOf(APIError);
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.code).toBe('timeout');
    expect(new NotFoundError('x', { status: 404 }).code).toBe('not_found');
  });

  it('recognises an error made by another copy of the package', () => {
    // A second module instance stands for a duplicate copy in node_modules (or the CJS build beside the ESM one).
    let Other: typeof import('../src');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second module instance is the point
      Other = require('../src');
    });
    const foreign = new Other!.NotFoundError('gone', { status: 404 });
    expect(Other!.NotFoundError).not.toBe(NotFoundError);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(APIError);
    expect(foreign).not.toBeInstanceOf(RateLimitError);
  });

  it('serialises without secrets or bodies', () => {
    const json = new APIError('500 boom', { status: 500, requestId: 'r1', body: { token: 'x' } }).toJSON();
    expect(json).toEqual(expect.objectContaining({ status: 500, requestId: 'r1', name: 'APIError' }));
    expect(JSON.stringify(json)).not.toContain('token');
  });

  it('works across two real copies loaded by node', () => {
    // The built CJS and ESM files are two real copies; checked only when a build exists.
    const script = `
      const path = require('node:path');
      const dist = path.join(${JSON.stringify(__dirname)}, '..', 'dist');
      const fs = require('node:fs');
      if (!fs.existsSync(path.join(dist, 'index.cjs'))) { console.log('nobuild'); process.exit(0); }
      const cjs = require(path.join(dist, 'index.cjs'));
      import(path.join(dist, 'index.js')).then((esm) => {
        console.log(esm.NotFoundError !== cjs.NotFoundError && new esm.NotFoundError('x', { status: 404 }) instanceof cjs.APIError);
      });`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout.trim();
    expect(['true', 'nobuild']).toContain(out);
  });
});
