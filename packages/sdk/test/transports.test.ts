import { AbortError, createClient, NotFoundError, TimeoutError, type NovaCronClientOptions } from '../src';
import { eventually } from '@novacron/simulator';
import { ADMIN, simulatorSession } from './support/simulator-session';

/** The same behaviour over undici (Node's default) and over an injected WHATWG fetch (browsers, edge). */
describe.each([
  ['undici', {}],
  ['fetch', { fetch: globalThis.fetch }],
] as [string, NovaCronClientOptions][])('the %s transport', (_name, transportOptions) => {
  const session = simulatorSession();
  const client = () => createClient({ baseUrl: session.sim.url, ...ADMIN, env: {}, ...transportOptions });

  it('sends, parses and maps errors', async () => {
    const c = client();
    expect((await c.nodes.list()).items.length).toBeGreaterThan(0);
    await expect(c.vms.get('vm-nope')).rejects.toBeInstanceOf(NotFoundError);
    await c.close();
  });

  it('ends a call that runs past its timeout with a TimeoutError', async () => {
    const c = client();
    await c.nodes.list();
    // The server would answer after 10 minutes, far past Jest's 60 s limit: only the timeout can end
    // this call, so the test needs no stopwatch (which a loaded machine would make flaky).
    const rule = session.sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 600_000 });
    const error = await c.nodes.list({ timeout: 300 }).catch((e) => e);
    session.sim.controls.faults.remove(rule);
    expect(error).toBeInstanceOf(TimeoutError);
    await c.close();
  });

  it("ends a call at once with an AbortError when the caller's signal fires", async () => {
    const c = client();
    await c.nodes.list();
    const rule = session.sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 600_000 });
    const controller = new AbortController();
    const reached = () => session.sim.controls.stats().byRoute['GET /nodes'] ?? 0;
    const before = reached();
    const call = c.nodes.list({ signal: controller.signal }).catch((e) => e);
    // Abort once the request has reached the server (a condition, not a delay); only the abort can end it.
    await eventually(() => (reached() > before ? true : undefined));
    controller.abort();
    const error = await call;
    session.sim.controls.faults.remove(rule);
    expect(error).toBeInstanceOf(AbortError);
    await c.close();
  });
});
