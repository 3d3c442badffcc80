import type { MigrationPlan } from './migration-plan';
import type { Cluster } from './schemas/cluster-schema';

export type RiskLevel = 'low' | 'medium' | 'high';

export interface MoveRisk {
  vmId: string;
  score: number;
  level: RiskLevel;
  /** Why the score is what it is, one line per factor. */
  factors: string[];
  /** Transfer time at the slower interconnect of source and target, in seconds; null when unknown. */
  estimatedTransferSeconds: number | null;
}

export interface PlanRisk {
  level: RiskLevel;
  score: number;
  moves: MoveRisk[];
  /** The riskiest moves first, at most five. */
  hotspots: MoveRisk[];
  estimatedTransferSeconds: number | null;
}

/**
 * A risk score per move from what makes cross-cloud moves go wrong: leaving the provider or the
 * residency zone, a lot of data, many VMs depending on it, a live move across clouds, and a target
 * that is degraded or in a low tier. 0–1 is low, 2–3 medium, 4+ high; the plan takes its worst move.
 */
export function assessPlanRisk(plan: MigrationPlan, clusters: readonly Cluster[]): PlanRisk {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const dependents = new Map<string, number>();
  for (const move of Object.values(plan.moves)) for (const d of move.dependsOn) dependents.set(d, (dependents.get(d) ?? 0) + 1);
  const moves: MoveRisk[] = [];
  let totalSeconds: number | null = 0;
  for (const wave of plan.waves) {
    let waveSeconds: number | null = 0;
    for (const vmId of wave) {
      const move = plan.moves[vmId]!;
      const factors: string[] = [];
      let score = 0;
      const source = move.sourceCluster === null ? undefined : byId.get(move.sourceCluster);
      const target = byId.get(move.targetCluster);
      if (move.sourceProvider !== move.targetProvider) {
        score += 1;
        factors.push(`crosses providers (${move.sourceProvider || '?'} → ${move.targetProvider || '?'})`);
      }
      if (source && target && source.compliance.dataResidency !== target.compliance.dataResidency) {
        score += 1;
        factors.push(`leaves residency zone ${source.compliance.dataResidency} for ${target.compliance.dataResidency}`);
      }
      if (move.diskGb >= 500) {
        score += 2;
        factors.push(`${move.diskGb} GB to transfer`);
      } else if (move.diskGb >= 100) {
        score += 1;
        factors.push(`${move.diskGb} GB to transfer`);
      }
      const fanIn = dependents.get(vmId) ?? 0;
      if (fanIn >= 5) {
        score += 2;
        factors.push(`${fanIn} VMs depend on it`);
      } else if (fanIn >= 2) {
        score += 1;
        factors.push(`${fanIn} VMs depend on it`);
      }
      if (plan.type === 'live' && move.sourceProvider !== move.targetProvider) {
        score += 1;
        factors.push('live move across clouds');
      }
      if (target && (target.health !== 'healthy' || target.degraded)) {
        score += 2;
        factors.push(`target ${target.id} is ${target.health}${target.degraded ? ' (degraded)' : ''}`);
      } else if (target?.tier === 'bronze') {
        score += 1;
        factors.push(`target ${target.id} is bronze tier`);
      }
      const mbps = Math.min(source?.interconnectBandwidthMbps ?? Infinity, target?.interconnectBandwidthMbps ?? Infinity);
      const seconds = Number.isFinite(mbps) && mbps > 0 ? Math.round((move.diskGb * 8000) / mbps) : null;
      if (seconds === null) waveSeconds = null;
      else if (waveSeconds !== null) waveSeconds = Math.max(waveSeconds, seconds);
      moves.push({ vmId, score, level: level(score), factors, estimatedTransferSeconds: seconds });
    }
    totalSeconds = totalSeconds === null || waveSeconds === null ? null : totalSeconds + waveSeconds;
  }
  const worst = moves.reduce((max, m) => Math.max(max, m.score), 0);
  return {
    level: level(worst),
    score: worst,
    moves,
    hotspots: [...moves].sort((a, b) => b.score - a.score || a.vmId.localeCompare(b.vmId)).filter((m) => m.score > 0).slice(0, 5),
    estimatedTransferSeconds: totalSeconds,
  };
}

function level(score: number): RiskLevel {
  return score <= 1 ? 'low' : score <= 3 ? 'medium' : 'high';
}
