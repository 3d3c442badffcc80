import { EventWindowAggregator, type EventWindow, type NovaEvent } from '@novacron/events';

let n = 0;
function ev(type: string, at: number, extra: Partial<NovaEvent> = {}): NovaEvent {
  n++;
  return {
    id: `e:${n}`, seq: n, epoch: 'e', type, resourceType: type.split('.')[0]!, resourceId: `r${n % 3}`, resourceVersion: n,
    tenantId: 'a', cloudProvider: n % 2 ? 'aws' : 'gcp', region: 'eu', timestamp: new Date(at).toISOString(), correlationId: null, data: {}, ...extra,
  };
}

describe('EventWindowAggregator', () => {
  const T0 = Date.UTC(2026, 0, 1);

  it('counts, rates and groups per tumbling window of event time', () => {
    const agg = new EventWindowAggregator({ windowMs: 10_000, groupBy: ['type', 'cloudProvider'] });
    const closed: EventWindow[] = [];
    agg.onWindow((w) => closed.push(w));
    agg.add(ev('vm.created', T0 + 1_000, { cloudProvider: 'aws' }));
    agg.add(ev('vm.created', T0 + 2_000, { cloudProvider: 'aws' }));
    agg.add(ev('node.failure', T0 + 9_999, { cloudProvider: 'gcp' }));
    expect(closed).toHaveLength(0);
    agg.add(ev('vm.deleted', T0 + 10_000, { cloudProvider: 'aws' }));
    expect(closed).toEqual([
      { start: new Date(T0).toISOString(), end: new Date(T0 + 10_000).toISOString(), count: 3, ratePerSecond: 0.3, groups: { 'node.failure|gcp': 1, 'vm.created|aws': 2 } },
    ]);
    expect(agg.flush()[0]).toMatchObject({ count: 1, groups: { 'vm.deleted|aws': 1 } });
  });

  it('gives the same windows when the same events are replayed, duplicates included', () => {
    const events = Array.from({ length: 500 }, (_, i) => ev(['vm.created', 'vm.deleted', 'node.failure'][i % 3]!, T0 + i * 137));
    const run = (input: NovaEvent[]) => {
      const agg = new EventWindowAggregator({ windowMs: 5_000, groupBy: ['type', 'resourceId'] });
      const out = input.flatMap((e) => agg.add(e));
      return [...out, ...agg.flush()];
    };
    const once = run(events);
    // A reconnect that replays a stretch of events the aggregator already saw.
    const replayed = run([...events.slice(0, 300), ...events.slice(280, 300), ...events.slice(300)]);
    expect(replayed).toEqual(once);
    expect(once.reduce((s, w) => s + w.count, 0)).toBe(500);
  });

  it('leaves resync events and late events out of the counts', () => {
    const agg = new EventWindowAggregator({ windowMs: 1_000 });
    agg.add(ev('vm.created', T0 + 10, { resync: true }));
    agg.add(ev('vm.created', T0 + 1_500));
    agg.add(ev('vm.created', T0 + 20)); // its window closed when the watermark passed T0+1000
    expect(agg.lateEvents).toBe(1);
    expect(agg.flush().map((w) => w.count)).toEqual([1]);
  });
});
