import { startSimulator, type Simulator } from '@novacron/simulator';
import { AbortError, createClient, ValidationError, type NovaCronClient } from '../src';
import type { BatchProgress } from '@novacron/vm';

describe('batch operations', () => {
  let sim: Simulator;
  let client: NovaCronClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0.05 });
    client = createClient({ baseUrl: sim.url, email: 'admin@novacron.local', password: 'admin123', env: {} });
    await client.nodes.list();
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('creates many under a concurrency limit; a failure does not stop the rest; progress counts both', async () => {
    sim.controls.faults.inject({ route: 'POST /vms', latencyMs: 30 });
    let inFlight = 0;
    let peak = 0;
    client.pipeline.add({ name: 'count-in-flight', async send(req, next) {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try { return await next(req); } finally { inFlight--; }
    } }, { phase: 'perCall' });
    const progress: BatchProgress[] = [];
    const inputs = Array.from({ length: 10 }, (_, i) => ({ name: i === 4 ? 'bad name' : `batch-${i}`, memoryMb: 256 }));
    const results = await client.vms.createMany(inputs, { concurrency: 3, onProgress: (p) => progress.push(p) });
    client.pipeline.remove('count-in-flight');
    sim.controls.faults.clear();
    expect(peak).toBeLessThanOrEqual(3);
    expect(results.map((r) => r.status)).toEqual(inputs.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    expect((results[4] as { error: unknown }).error).toBeInstanceOf(ValidationError);
    expect(progress.at(-1)).toEqual({ done: 9, failed: 1, total: 10 });
    expect(progress).toHaveLength(10);
  });

  it('acts on many and can be cancelled: unstarted items end as aborted, none is lost', async () => {
    const created = await client.vms.createMany(Array.from({ length: 6 }, (_, i) => ({ name: `act-${i}`, memoryMb: 256 })));
    const ids = created.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    await Promise.all(ids.map((id) => client.vms.waitUntilRunning(id)));
    const controller = new AbortController();
    sim.controls.faults.inject({ route: 'POST /vms/{id}/stop', latencyMs: 200 });
    const pending = client.vms.actOnMany(ids, 'stop', { concurrency: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const results = await pending;
    sim.controls.faults.clear();
    expect(results).toHaveLength(ids.length);
    const aborted = results.filter((r) => r.status === 'rejected' && r.error instanceof AbortError);
    expect(aborted.length).toBeGreaterThanOrEqual(4);
  });
});
