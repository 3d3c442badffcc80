import type { EpisodeSeverity, DetectedAnomaly } from './anomaly-episodes';

export type RemediationAction = 'restart' | 'migrate' | 'scale';

export interface RemediationRule {
  /** Anomaly kinds (`cpu_high`, `memory_high`, …) or old-style types (`resource_exhaustion`), or a predicate. */
  match: string | string[] | ((anomaly: DetectedAnomaly) => boolean);
  /** Only anomalies at least this severe. Default `low` (all). */
  minSeverity?: EpisodeSeverity;
  action: RemediationAction;
  /** For `migrate`: the target node; for `scale`: the new size or a factor of the current one. */
  params?: { targetNodeId?: string; cpu?: number; memoryMb?: number; factor?: number };
  /** The same rule does not act on the same VM again within this long. Default 10 minutes. */
  cooldownMs?: number;
}

/** What carries an action out, e.g. the vm package's `vms.restart` and `migrations.start`. A missing method makes that action unsupported. */
export interface RemediationExecutor {
  restart?(vmId: string): Promise<unknown>;
  migrate?(vmId: string, params: { targetNodeId?: string }): Promise<unknown>;
  scale?(vmId: string, params: { cpu?: number; memoryMb?: number; factor?: number }): Promise<unknown>;
}

export interface RemediationRecord {
  /** ISO 8601, from the injected clock. */
  at: string;
  anomalyId: string;
  vmId: string;
  kind: string;
  severity: EpisodeSeverity;
  ruleIndex: number;
  action: RemediationAction;
  params: RemediationRule['params'];
  dryRun: boolean;
  /** `planned`: dry run, would have acted; `done`/`failed`: acted; `cooldown` and `unsupported` did not act. */
  outcome: 'planned' | 'done' | 'failed' | 'cooldown' | 'unsupported';
  error?: string;
}

export interface RemediatorOptions {
  rules: RemediationRule[];
  /** Default true: nothing runs until a caller turns it off on purpose. */
  dryRun?: boolean;
  executor?: RemediationExecutor;
  /** Called with every record as it is made (log it, store it, alert on it). */
  audit?: (record: RemediationRecord) => void;
  /** Epoch ms; injectable so cooldowns are testable. Default Date.now. */
  clock?: () => number;
}

export interface Remediator {
  /** Applies the first matching rule per anomaly; resolves with the records made. Never rejects for a failed action: that is a `failed` record. */
  handle(anomaly: DetectedAnomaly): Promise<RemediationRecord[]>;
  /** Every record so far, oldest first. */
  readonly records: readonly RemediationRecord[];
}

const RANK: Record<EpisodeSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * Maps anomalies to actions. Rules are tried in order and the first that matches (kind and
 * severity) decides; a dry run records what would be done, a live run calls the executor and
 * records the outcome. Each (rule, VM) pair has a cooldown so one incident does not restart a VM
 * in a loop.
 */
export function createRemediator(options: RemediatorOptions): Remediator {
  const dryRun = options.dryRun ?? true;
  const clock = options.clock ?? Date.now;
  const records: RemediationRecord[] = [];
  const lastRun = new Map<string, number>();
  const record = (r: RemediationRecord) => {
    records.push(r);
    options.audit?.(r);
    return r;
  };
  return {
    records,
    async handle(anomaly) {
      const index = options.rules.findIndex((rule) => matches(rule, anomaly));
      if (index < 0) return [];
      const rule = options.rules[index]!;
      const now = clock();
      const base = {
        at: new Date(now).toISOString(),
        anomalyId: anomaly.id,
        vmId: anomaly.vmId,
        kind: anomaly.kind,
        severity: anomaly.severity,
        ruleIndex: index,
        action: rule.action,
        params: rule.params,
        dryRun,
      };
      const key = `${index}:${anomaly.vmId}`;
      const previous = lastRun.get(key);
      if (previous !== undefined && now - previous < (rule.cooldownMs ?? 600_000)) return [record({ ...base, outcome: 'cooldown' })];
      const run = runner(options.executor, rule, anomaly.vmId);
      // A dry run without an executor only plans; with one, it also says whether the live run could act.
      if (!run && (!dryRun || options.executor)) return [record({ ...base, outcome: 'unsupported' })];
      lastRun.set(key, now);
      if (dryRun || !run) return [record({ ...base, outcome: 'planned' })];
      try {
        await run();
        return [record({ ...base, outcome: 'done' })];
      } catch (error) {
        return [record({ ...base, outcome: 'failed', error: error instanceof Error ? error.message : String(error) })];
      }
    },
  };
}

function matches(rule: RemediationRule, anomaly: DetectedAnomaly): boolean {
  if (RANK[anomaly.severity] < RANK[rule.minSeverity ?? 'low']) return false;
  if (typeof rule.match === 'function') return rule.match(anomaly);
  const names = typeof rule.match === 'string' ? [rule.match] : rule.match;
  return names.includes(anomaly.kind) || names.includes(anomaly.type);
}

/** The call that carries the rule out, or undefined when the executor cannot. */
function runner(executor: RemediationExecutor | undefined, rule: RemediationRule, vmId: string): (() => Promise<unknown>) | undefined {
  const p = rule.params ?? {};
  switch (rule.action) {
    case 'restart':
      return executor?.restart ? () => executor.restart!(vmId) : undefined;
    case 'migrate':
      return executor?.migrate ? () => executor.migrate!(vmId, { ...(p.targetNodeId !== undefined && { targetNodeId: p.targetNodeId }) }) : undefined;
    case 'scale':
      return executor?.scale
        ? () => executor.scale!(vmId, { ...(p.cpu !== undefined && { cpu: p.cpu }), ...(p.memoryMb !== undefined && { memoryMb: p.memoryMb }), ...(p.factor !== undefined && { factor: p.factor }) })
        : undefined;
  }
}
