import { AbortError, createClient, NotFoundError, TimeoutError, type NovaCronClientOptions } from '../src';
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
    const rule = session.sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 2_000 });
    const started = Date.now();
    const error = await c.nodes.list({ timeout: 300 }).catch((e) => e);
    session.sim.controls.faults.remove(rule);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_500);
    await c.close();
  });

  it("ends a call at once with an AbortError when the caller's signal fires", async () => {
    const c = client();
    await c.nodes.list();
    const rule = session.sim.controls.faults.inject({ route: 'GET /nodes', latencyMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await c.nodes.list({ signal: controller.signal }).catch((e) => e);
    session.sim.controls.faults.remove(rule);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_500);
    await c.close();
  });
});
