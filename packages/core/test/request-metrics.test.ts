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
    const text = metrics.toPrometheus();
    expect(text).toContain('novacron_client_requests_total{route="GET /vms/{id}",outcome="5xx"} 10');
    expect(text).toContain('novacron_client_request_duration_seconds_count{route="POST /vms"} 1');
    expect(text).toMatch(/_bucket\{route="GET \/vms\/\{id\}",le="\+Inf"\} 100/);
  });
});
