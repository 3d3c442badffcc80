import { EventCorrelator, type CorrelationGroup, type NovaEvent } from '@novacron/events';

let n = 0;
function ev(type: string, correlationId: string | null, at: number, resourceId = 'vm-1'): NovaEvent {
  n++;
  return {
    id: `e:${n}`, seq: n, epoch: 'e', type, resourceType: type.split('.')[0]!, resourceId, resourceVersion: n, tenantId: 'a',
    cloudProvider: 'aws', region: 'eu', timestamp: new Date(at).toISOString(), correlationId, data: {},
  };
}

describe('EventCorrelator', () => {
  const T0 = Date.UTC(2026, 0, 1);

  it('groups a migration’s whole lifecycle by correlation id and closes it on completion', () => {
    const correlator = new EventCorrelator();
    const closed: CorrelationGroup[] = [];
    correlator.onGroup((g) => closed.push(g));
    correlator.add(ev('migration.started', 'mig-1', T0, 'mig-1'));
    correlator.add(ev('migration.progress', 'mig-1', T0 + 1_000, 'mig-1'));
    correlator.add(ev('vm.state_changed', 'mig-1', T0 + 1_500, 'vm-1'));
    correlator.add(ev('vm.created', null, T0 + 1_600, 'vm-2'));
    correlator.add(ev('migration.started', 'mig-2', T0 + 1_700, 'mig-2'));
    correlator.add(ev('vm.migrated', 'mig-1', T0 + 2_000, 'vm-1'));
    correlator.add(ev('migration.completed', 'mig-1', T0 + 2_500, 'mig-1'));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ correlationId: 'mig-1', status: 'completed', resourceIds: ['mig-1', 'vm-1'], durationMs: 2_500 });
    expect(closed[0]!.events.map((e) => e.type)).toEqual(['migration.started', 'migration.progress', 'vm.state_changed', 'vm.migrated', 'migration.completed']);
    expect(correlator.openGroups().map((g) => g.correlationId)).toEqual(['mig-2']);
    correlator.add(ev('migration.failed', 'mig-2', T0 + 3_000, 'mig-2'));
    expect(closed[1]).toMatchObject({ correlationId: 'mig-2', status: 'failed' });
  });

  it('is deterministic under replay: duplicates are ignored and an ended group is not reopened', () => {
    const events = [
      ev('migration.started', 'm', T0, 'm'),
      ev('migration.progress', 'm', T0 + 10, 'm'),
      ev('migration.completed', 'm', T0 + 20, 'm'),
    ];
    const run = (input: NovaEvent[]) => {
      const c = new EventCorrelator();
      return { closed: input.flatMap((e) => c.add(e)), open: c.openGroups() };
    };
    const once = run(events);
    expect(run([events[0]!, events[1]!, events[0]!, events[1]!, events[2]!, events[1]!, events[2]!])).toEqual(once);
    expect(once.open).toEqual([]);
  });

  it('times out idle groups by event time and evicts beyond the bound', () => {
    const c = new EventCorrelator({ idleTimeoutMs: 1_000, maxOpenGroups: 2 });
    c.add(ev('migration.started', 'a', T0));
    c.add(ev('migration.started', 'b', T0 + 100));
    const evicted = c.add(ev('migration.started', 'c', T0 + 200));
    expect(evicted.map((g) => [g.correlationId, g.status])).toEqual([['a', 'evicted']]);
    const timedOut = c.add(ev('vm.created', null, T0 + 5_000));
    expect(timedOut.map((g) => [g.correlationId, g.status]).sort()).toEqual([['b', 'timed_out'], ['c', 'timed_out']]);
    expect(c.evicted).toBe(1);
  });
});
