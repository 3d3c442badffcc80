import { createRemediator, type DetectedAnomaly, type RemediationRecord } from '../src/index';

const anomaly = (over: Partial<DetectedAnomaly> = {}): DetectedAnomaly => ({
  id: 'vm-1:cpu:0',
  vmId: 'vm-1',
  metric: 'cpu',
  kind: 'cpu_high',
  type: 'performance_degradation',
  severity: 'high',
  startedAt: '2024-01-01T00:00:00.000Z',
  endedAt: '2024-01-01T00:05:00.000Z',
  value: 97,
  expected: 40,
  lower: 30,
  upper: 50,
  score: 0.9,
  points: 5,
  description: 'CPU rose',
  metrics: { cpuUsage: 97, memoryUsage: 50 },
  ...over,
});

describe('createRemediator', () => {
  it('plans in dry run by default, records it and calls the audit callback', async () => {
    const audit: RemediationRecord[] = [];
    const calls: string[] = [];
    const remediator = createRemediator({
      rules: [{ match: 'memory_high', action: 'restart' }, { match: ['cpu_high'], action: 'scale', params: { factor: 1.5 } }],
      executor: { scale: async (vmId) => calls.push(`scale ${vmId}`), restart: async (vmId) => calls.push(`restart ${vmId}`) },
      audit: (r) => audit.push(r),
      clock: () => Date.UTC(2024, 0, 1),
    });
    const records = await remediator.handle(anomaly());
    expect(records).toEqual([
      {
        at: '2024-01-01T00:00:00.000Z',
        anomalyId: 'vm-1:cpu:0',
        vmId: 'vm-1',
        kind: 'cpu_high',
        severity: 'high',
        ruleIndex: 1,
        action: 'scale',
        params: { factor: 1.5 },
        dryRun: true,
        outcome: 'planned',
      },
    ]);
    expect(calls).toEqual([]);
    expect(audit).toEqual(records);
    expect(remediator.records).toEqual(records);
  });

  it('acts when dry run is off, honours severity, old-style types and the cooldown, and records failures', async () => {
    let now = 0;
    const calls: string[] = [];
    const remediator = createRemediator({
      dryRun: false,
      clock: () => now,
      rules: [
        { match: 'resource_exhaustion', minSeverity: 'critical', action: 'migrate', params: { targetNodeId: 'node-b' }, cooldownMs: 60_000 },
        { match: (a) => a.metric === 'memory', action: 'restart' },
      ],
      executor: {
        migrate: async (vmId, p) => calls.push(`migrate ${vmId} → ${p.targetNodeId}`),
        restart: async () => {
          throw new Error('VM is locked');
        },
      },
    });
    const exhausted = anomaly({ type: 'resource_exhaustion', severity: 'critical' });
    expect((await remediator.handle(exhausted))[0]!.outcome).toBe('done');
    expect(calls).toEqual(['migrate vm-1 → node-b']);
    now = 30_000;
    expect((await remediator.handle(exhausted))[0]!.outcome).toBe('cooldown');
    now = 61_000;
    expect((await remediator.handle(exhausted))[0]!.outcome).toBe('done');
    // not severe enough for the first rule, and not memory: nothing matches
    expect(await remediator.handle(anomaly({ type: 'resource_exhaustion', severity: 'high' }))).toEqual([]);
    const failed = await remediator.handle(anomaly({ metric: 'memory', kind: 'memory_high' }));
    expect(failed[0]).toMatchObject({ action: 'restart', outcome: 'failed', error: 'VM is locked', dryRun: false });
  });

  it('reports an action the executor cannot carry out as unsupported', async () => {
    const live = createRemediator({ dryRun: false, rules: [{ match: 'cpu_high', action: 'scale' }], executor: {} });
    expect((await live.handle(anomaly()))[0]!.outcome).toBe('unsupported');
    const noExecutor = createRemediator({ dryRun: false, rules: [{ match: 'cpu_high', action: 'restart' }] });
    expect((await noExecutor.handle(anomaly()))[0]!.outcome).toBe('unsupported');
  });
});
