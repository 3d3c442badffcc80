import { AbortError, BadRequestError, CircuitOpenError, InternalServerError } from '@novacron/core';
import { FallbackPolicy, ResilienceEvents } from '../src/index';

describe('FallbackPolicy', () => {
  it('serves the fallback value on a server failure or an open circuit, and says so', async () => {
    const events = new ResilienceEvents();
    const cached = { vms: ['vm-1'] };
    const fallback = new FallbackPolicy(() => cached, { events });
    await expect(fallback.execute(() => Promise.reject(new InternalServerError('500', { status: 500 })))).resolves.toBe(cached);
    await expect(fallback.execute(() => Promise.reject(new CircuitOpenError('open')))).resolves.toBe(cached);
    expect(events.count('fallback')).toBe(2);
  });

  it('never hides a caller mistake or an abort', async () => {
    const fallback = new FallbackPolicy(() => 'stale');
    await expect(fallback.execute(() => Promise.reject(new BadRequestError('400', { status: 400 })))).rejects.toBeInstanceOf(BadRequestError);
    await expect(fallback.execute(() => Promise.reject(new AbortError()))).rejects.toBeInstanceOf(AbortError);
  });

  it('in a pipeline the response is marked x-novacron-fallback', async () => {
    const fallback = new FallbackPolicy(async (_error, request) => `cached ${request.route}`);
    const request = { method: 'GET' as const, path: '/x', route: 'GET /x', headers: {}, authenticate: false, attempt: 1, requestId: 'r', context: {} };
    const response = await fallback.send(request, () => Promise.reject(new InternalServerError('503', { status: 503 })));
    expect(response).toMatchObject({ body: 'cached GET /x', headers: { 'x-novacron-fallback': 'true' } });
  });
});
