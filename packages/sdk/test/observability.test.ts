import type { AuditRecord } from '@novacron/core';
import { simulatorSession } from './support/simulator-session';

describe('request ids, trace context, User-Agent, audit and metrics', () => {
  const audit: AuditRecord[] = [];
  const session = simulatorSession({ client: { audit: (r) => audit.push(r), appInfo: 'observability-test/1.0' } });
  const sent: Record<string, string>[] = [];

  beforeAll(() => {
    // The headers object a policy sees last is exactly what the transport puts on the wire.
    session.client.pipeline.add({ name: 'capture', send: (req, next) => (sent.push({ ...req.headers }), next(req)) }, { after: 'metrics' });
  });
  beforeEach(() => {
    sent.length = 0;
    audit.length = 0;
  });

  it('sends one request id per call on every attempt, and the server echoes it', async () => {
    session.sim.controls.faults.inject({ route: 'GET /nodes', status: 503, retryAfter: 0, times: 1 });
    const response = await session.client.core.send({ method: 'GET', path: '/nodes' });
    const attempts = sent.filter((h) => h['x-request-id'] === response.requestId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!['x-novacron-retry-count']).toBe('1');
    expect(attempts[0]!['user-agent']).toMatch(/^novacron-sdk-js\/\S+ node\/\d+\.\d+\.\d+ \w+-\w+ observability-test\/1\.0$/);
  });

  it("carries the caller's trace with a new span per attempt, and invents none without one", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    session.sim.controls.faults.inject({ route: 'GET /nodes', status: 503, retryAfter: 0, times: 1 });
    await session.client.nodes.list({ headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const spans = sent.filter((h) => h['traceparent']).map((h) => h['traceparent']!.split('-'));
    expect(spans).toHaveLength(2);
    for (const [version, trace, span, flags] of spans) {
      expect([version, trace, flags]).toEqual(['00', traceId, '01']);
      expect(span).toMatch(/^[0-9a-f]{16}$/);
      expect(span).not.toBe('00f067aa0ba902b7');
    }
    expect(spans[0]![2]).not.toBe(spans[1]![2]);
    sent.length = 0;
    await session.client.nodes.list();
    expect(sent.some((h) => 'traceparent' in h)).toBe(false);
  });

  it('audits every mutating call once, with its outcome, and no read', async () => {
    const vm = await session.client.vms.create({ name: 'audited', memoryMb: 256 });
    await session.client.vms.get(vm.id);
    await session.client.vms.update(vm.id, { tags: { audited: 'yes' } });
    await session.client.vms.pause('vm-missing').catch(() => undefined);
    expect(audit.map((r) => [r.method, r.route, r.outcome, r.status])).toEqual([
      ['POST', 'POST /vms', 'success', 201],
      ['PATCH', 'PATCH /vms/{id}', 'success', 200],
      ['POST', 'POST /vms/{id}/pause', 'failure', 404],
    ]);
    expect(audit[0]!.idempotencyKey).toMatch(/^novacron-js-/);
    expect(audit[1]!.path).toBe(`/api/v1/vms/${vm.id}`);
  });

  it('keeps metrics per route template, not per URL', async () => {
    const a = await session.client.vms.create({ name: 'm-a', memoryMb: 256 });
    const b = await session.client.vms.create({ name: 'm-b', memoryMb: 256 });
    await session.client.vms.get(a.id);
    await session.client.vms.get(b.id);
    const routes = session.client.metrics.snapshot().map((r) => r.route);
    expect(routes).toContain('GET /vms/{id}');
    expect(routes.some((r) => r.includes(a.id))).toBe(false);
    expect(session.client.metrics.snapshot().find((r) => r.route === 'GET /vms/{id}')!.count).toBeGreaterThanOrEqual(2);
  });
});
