import type { NovaCron } from '@novacron/example-shared';
import type { Vm } from '@novacron/sdk';
import { createRemediator, type DetectedAnomaly, type RemediationRecord, type RemediationRule } from '@novacron/sdk/ai';

export interface InjectedAnomaly {
  vmId: string;
  vmName: string;
  kind: 'spike' | 'level_shift' | 'drift';
  metric: 'cpu' | 'memory';
  magnitude: number;
  /** Epoch ms. */
  start: number;
  durationSeconds: number | undefined;
}

/**
 * What to do about what: memory stuck high is a leak until proven otherwise (restart); CPU high is
 * contention on the node (move the VM to the node the AI placement likes best). Lows need nothing.
 */
export const REMEDIATION_RULES: RemediationRule[] = [
  { match: 'memory_high', minSeverity: 'high', action: 'restart' },
  { match: 'cpu_high', minSeverity: 'high', action: 'migrate' },
];

/**
 * The simulator's admin control lays anomalies over the metrics its AI routes read: a CPU spike, a
 * memory level shift and a CPU drift, each on a different replica, within the last hour.
 */
export async function injectAnomalies({ client }: NovaCron, replicas: Vm[], now: number): Promise<InjectedAnomaly[]> {
  const plan: Array<Omit<InjectedAnomaly, 'vmId' | 'vmName'>> = [
    { kind: 'spike', metric: 'cpu', magnitude: 45, start: now - 40 * 60_000, durationSeconds: 600 },
    { kind: 'level_shift', metric: 'memory', magnitude: 40, start: now - 40 * 60_000, durationSeconds: undefined },
    { kind: 'drift', metric: 'cpu', magnitude: 45, start: now - 40 * 60_000, durationSeconds: 1800 },
  ];
  const injected: InjectedAnomaly[] = [];
  for (const [i, p] of plan.entries()) {
    const vm = replicas[i % replicas.length]!;
    await client.core.request({
      method: 'POST',
      path: '/ai/anomaly-injections',
      body: { vm_id: vm.id, kind: p.kind, metric: p.metric, magnitude: p.magnitude, start: new Date(p.start).toISOString(), ...(p.durationSeconds !== undefined && { duration_seconds: p.durationSeconds }) },
    });
    injected.push({ ...p, vmId: vm.id, vmName: vm.name });
  }
  return injected;
}

export interface AnomalyResponse {
  anomalies: DetectedAnomaly[];
  remediations: RemediationRecord[];
}

/** Asks the AI service for the last hour's anomaly episodes and acts on each by the rules. */
export async function detectAndRemediate({ client, ai }: NovaCron, clock: () => number): Promise<AnomalyResponse> {
  const anomalies = await ai.anomalies({ timeWindow: 3600 });
  anomalies.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.vmId.localeCompare(b.vmId));
  const remediator = createRemediator({
    rules: REMEDIATION_RULES,
    dryRun: false,
    clock,
    executor: {
      restart: async (vmId) => {
        await client.vms.restart(vmId);
        return client.vms.waitUntilRunning(vmId, { intervalMs: 50, timeoutMs: 120_000 });
      },
      migrate: async (vmId) => {
        const vm = await client.vms.get(vmId);
        const placement = await ai.placement({
          cpu: vm.cpuShares ?? 1,
          memoryMb: vm.memoryMb ?? 1024,
          constraints: { excludedNodes: vm.nodeId ? [vm.nodeId] : [] },
        });
        const migration = await client.migrations.start(vmId, { targetNodeId: placement.nodeId, type: 'live' });
        return client.migrations.wait(migration.id, { intervalMs: 50, timeoutMs: 120_000 });
      },
    },
  });
  for (const anomaly of anomalies) await remediator.handle(anomaly);
  return { anomalies, remediations: [...remediator.records] };
}
