import { getEventListeners } from 'node:events';
import { CoreClient, type Policy, type TransportRequest } from '../src';
import { useSilentServer } from './fixtures/silent-server';

/** A policy that puts every call on `signal`, as the sdk's lifecycle does with its close signal. */
const onSignal = (signal: AbortSignal): Policy => ({
  name: 'close-signal',
  send: (request, next) => {
    request.signal = signal;
    return next(request);
  },
});

describe('abortTransportWith(signal)', () => {
  const silent = useSilentServer();

  it('with the undici Agent the client owns: undici never gets the signal, and aborting it ends every call in flight', async () => {
    const core = new CoreClient({ baseUrl: silent.origin, token: 'token', maxRetries: 0, timeout: 600_000, env: {} });
    const close = new AbortController();
    expect(core.abortTransportWith(close.signal)).toBe(true);
    core.pipeline.add(onSignal(close.signal), { phase: 'perCall' });

    const before = silent.received();
    const calls = [1, 2, 3].map((n) => core.request({ method: 'GET', path: `/vms/vm-${n}` }).then(() => 'answered', (error: unknown) => error));
    while (silent.received() < before + 3) await new Promise((resolve) => setImmediate(resolve));
    // Three calls in flight, and the only listener on the signal is the client's own one.
    expect(getEventListeners(close.signal, 'abort')).toHaveLength(1);

    const reason = new Error('closing');
    close.abort(reason);
    const outcomes = await Promise.all(calls);
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(Error);
    // The pool is already gone: close() has nothing left to wait for, and does not throw.
    await expect(core.close()).resolves.toBeUndefined();
  });

  it('with a transport that cannot end its calls itself: false, and the signal goes with each request as before', async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const transport = async (request: TransportRequest) => {
      seen.push(request.signal);
      return { status: 200, headers: { 'content-type': 'application/json' }, text: '{}' };
    };
    const core = new CoreClient({ baseUrl: silent.origin, token: 'token', transport, env: {} });
    const close = new AbortController();
    expect(core.abortTransportWith(close.signal)).toBe(false);
    core.pipeline.add(onSignal(close.signal), { phase: 'perCall' });
    await core.request({ method: 'GET', path: '/vms/vm-1' });
    expect(seen).toEqual([close.signal]);
  });
});
