import { simulatorSession } from './support/simulator-session';
import { AbortError, ValidationError } from '../src';
import type { BatchProgress } from '@novacron/vm';

describe('batch operations', () => {
  const session = simulatorSession();

  it('creates many under a concurrency limit; a failure does not stop the rest; progress counts both', async () => {
    session.sim.controls.faults.inject({ route: 'POST /vms', latencyMs: 30 });
    let inFlight = 0;
    let peak = 0;
    session.client.pipeline.add({ name: 'count-in-flight', async send(req, next) {
      if (req.route !== 'POST /vms') return next(req); // the login the first call triggers is not a batch item
      inFlight++;
      peak = Math.max(peak, inFlight);
      try { return await next(req); } finally { inFlight--; }
    } }, { phase: 'perCall' });
    const progress: BatchProgress[] = [];
    const inputs = Array.from({ length: 10 }, (_, i) => ({ name: i === 4 ? 'bad name' : `batch-${i}`, memoryMb: 256 }));
    const results = await session.client.vms.createMany(inputs, { concurrency: 3, onProgress: (p) => progress.push(p) });
    session.client.pipeline.remove('count-in-flight');
    session.sim.controls.faults.clear();
    expect(peak).toBeLessThanOrEqual(3);
    expect(results.map((r) => r.status)).toEqual(inputs.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    expect((results[4] as { error: unknown }).error).toBeInstanceOf(ValidationError);
    expect(progress.at(-1)).toEqual({ done: 9, failed: 1, total: 10 });
    expect(progress).toHaveLength(10);
  });

  it('acts on many and can be cancelled: unstarted items end as aborted, none is lost', async () => {
    const created = await session.client.vms.createMany(Array.from({ length: 6 }, (_, i) => ({ name: `act-${i}`, memoryMb: 256 })));
    const ids = created.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    await Promise.all(ids.map((id) => session.client.vms.waitUntilRunning(id)));
    const controller = new AbortController();
    session.sim.controls.faults.inject({ route: 'POST /vms/{id}/stop', latencyMs: 200 });
    const pending = session.client.vms.actOnMany(ids, 'stop', { concurrency: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const results = await pending;
    session.sim.controls.faults.clear();
    expect(results).toHaveLength(ids.length);
    const aborted = results.filter((r) => r.status === 'rejected' && r.error instanceof AbortError);
    expect(aborted.length).toBeGreaterThanOrEqual(4);
  });
});
