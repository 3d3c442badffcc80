import { AbortError } from '@novacron/core';
import { BulkheadPolicy, BulkheadRejectedError, ResilienceEvents, routeGroup } from '../src/index';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('BulkheadPolicy', () => {
  it('runs at most maxConcurrent per group, queues up to maxQueue, rejects the rest with BulkheadRejectedError', async () => {
    const events = new ResilienceEvents();
    const bulkhead = new BulkheadPolicy({ maxConcurrent: 2, maxQueue: 1, events });
    const g = gate();
    let running = 0;
    let peak = 0;
    const work = async () => {
      peak = Math.max(peak, ++running);
      await g.opened;
      running--;
      return 'done';
    };
    const calls = Array.from({ length: 5 }, () => bulkhead.execute(work, { route: 'GET /vms/{id}' }).catch((e: unknown) => e));
    await new Promise((r) => setImmediate(r));
    expect(bulkhead.usage()).toEqual([{ group: 'vms', running: 2, queued: 1 }]);
    g.open();
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === 'done')).toHaveLength(3);
    const rejected = results.filter((r) => r instanceof BulkheadRejectedError) as BulkheadRejectedError[];
    expect(rejected).toHaveLength(2);
    expect(rejected[0]!.group).toBe('vms');
    expect(peak).toBe(2);
    expect(events.count('bulkheadRejected')).toBe(2);
    expect(bulkhead.usage()).toEqual([]);
  });

  it('groups are independent: a full `vms` group does not block `nodes`', async () => {
    const bulkhead = new BulkheadPolicy({ maxConcurrent: 1, maxQueue: 0 });
    const g = gate();
    const busy = bulkhead.execute(() => g.opened, { route: 'GET /vms' });
    await expect(bulkhead.execute(() => 'x', { route: 'GET /vms/{id}' })).rejects.toBeInstanceOf(BulkheadRejectedError);
    await expect(bulkhead.execute(() => 'n', { route: 'GET /nodes' })).resolves.toBe('n');
    g.open();
    await busy;
  });

  it('a queued call aborted by its caller leaves the queue at once', async () => {
    const bulkhead = new BulkheadPolicy({ maxConcurrent: 1, maxQueue: 5 });
    const g = gate();
    const busy = bulkhead.execute(() => g.opened, { route: 'GET /vms' });
    const controller = new AbortController();
    const queued = bulkhead.execute(() => 'never', { route: 'GET /vms', signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(AbortError);
    expect(bulkhead.usage()).toEqual([{ group: 'vms', running: 1, queued: 0 }]);
    g.open();
    await busy;
  });

  it('derives the group from the route template', () => {
    expect(routeGroup({ route: 'GET /vms/{id}/metrics' })).toBe('vms');
    expect(routeGroup({ route: 'POST /api/v1/migrations' })).toBe('migrations');
    expect(routeGroup({ route: 'GET /api/auth/me' })).toBe('auth');
  });
});
