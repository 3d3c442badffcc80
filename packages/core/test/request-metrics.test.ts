import { RequestMetrics } from '../src';

describe('RequestMetrics', () => {
  it('counts per route template and estimates percentiles from the histogram', () => {
    const metrics = new RequestMetrics();
    for (let i = 1; i <= 100; i++) metrics.record('GET /vms/{id}', i, i % 10 === 0 ? '5xx' : '2xx', i % 10 === 0);
    metrics.record('POST /vms', 3, '2xx', false);
    const [get] = metrics.snapshot();
    expect(get!.count).toBe(100);
    expect(get!.errors).toBe(10);
    expect(get!.outcomes).toEqual({ '2xx': 90, '5xx': 10 });
    expect(get!.p50Ms).toBeGreaterThan(40);
    expect(get!.p50Ms).toBeLessThan(61);
    expect(get!.p99Ms).toBeGreaterThan(get!.p95Ms - 1);
    expect(get!.p99Ms).toBeLessThanOrEqual(100);
    expect(metrics.snapshot().find((r) => r.route === 'POST /vms')).toMatchObject({ count: 1, errors: 0, outcomes: { '2xx': 1 }, meanMs: 3 });
  });

  it('records nothing while disabled, and reset() forgets every route', () => {
    const metrics = new RequestMetrics();
    metrics.enabled = false;
    metrics.record('GET /vms', 5, '2xx', false);
    expect(metrics.snapshot()).toEqual([]);
    metrics.enabled = true;
    metrics.record('GET /vms', 5, '2xx', false);
    expect(metrics.snapshot().map((r) => [r.route, r.count])).toEqual([['GET /vms', 1]]);
    metrics.reset();
    expect(metrics.snapshot()).toEqual([]);
  });

  it('has no Prometheus text renderer any more (@novacron/sdk/prometheus exposes the metrics)', () => {
    expect('toPrometheus' in new RequestMetrics()).toBe(false);
  });
});
