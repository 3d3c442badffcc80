import { ValidationError } from '@novacron/core';
import * as z from 'zod/mini';
import { PlanCycleError } from './errors';
import { checkInput } from './internal/check-input';
import type { Cluster } from './schemas/cluster-schema';
import type { FederatedVm } from './schemas/inventory-schema';
import { MIGRATION_TYPES, type CrossCloudMigrationType } from './schemas/migration-schema';

/** One VM to move, and the VMs that must have moved before it. */
export interface PlanMoveInput {
  vmId: string;
  targetCluster: string;
  /** VMs of this plan that move in an earlier wave. A VM not in the plan stays put and is no constraint. */
  dependsOn?: string[];
}

export interface PlanInput {
  /** Default: a random id. Reusing an id resumes that plan's execution state in a store. */
  id?: string;
  name?: string;
  moves: PlanMoveInput[];
  /** Split a wave into several when it holds more VMs than this. */
  maxWaveSize?: number;
  type?: CrossCloudMigrationType;
}

export const PlanInputSchema = z.object({
  id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'id may contain letters, digits, ".", "_", ":" and "-"'))),
  name: z.optional(z.string().check(z.maxLength(200))),
  moves: z
    .array(
      z.object({
        vmId: z.string().check(z.minLength(1)),
        targetCluster: z.string().check(z.minLength(1)),
        dependsOn: z.optional(z.array(z.string().check(z.minLength(1)))),
      }),
    )
    .check(z.minLength(1, 'a plan needs at least one move')),
  maxWaveSize: z.optional(z.number().check(z.int(), z.minimum(1))),
  type: z.optional(z.enum(MIGRATION_TYPES)),
});

/** A VM's move as planned: where from, where to, what it needs, which wave. */
export interface PlannedMove {
  vmId: string;
  vmName: string;
  sourceCluster: string | null;
  sourceProvider: string;
  sourceRegion: string;
  targetCluster: string;
  targetProvider: string;
  targetRegion: string;
  dependsOn: string[];
  wave: number;
  vcpu: number;
  memoryGib: number;
  diskGb: number;
  tags: Record<string, string>;
}

/** A migration plan: plain data, JSON round-trips unchanged, so any process can execute or resume it. */
export interface MigrationPlan {
  version: 1;
  id: string;
  name: string;
  createdAt: string;
  type: CrossCloudMigrationType;
  /** VM ids per wave, in the order they start. */
  waves: string[][];
  moves: Record<string, PlannedMove>;
}

/**
 * Topological waves: a VM's wave is one more than the latest wave of the VMs it depends on
 * (Kahn's algorithm, level by level, O(VMs + dependencies)). Within a wave VMs keep input order.
 * A cycle is a PlanCycleError that names it.
 */
export function buildWaves(moves: readonly { vmId: string; dependsOn?: readonly string[] }[], maxWaveSize = Number.POSITIVE_INFINITY): string[][] {
  const index = new Map<string, number>();
  moves.forEach((m, i) => {
    if (index.has(m.vmId)) throw new ValidationError(`VM ${m.vmId} appears twice in the plan.`, [{ path: ['moves', i, 'vmId'], message: 'duplicate' }]);
    index.set(m.vmId, i);
  });
  const n = moves.length;
  const indegree = new Int32Array(n);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const deps = moves[i]!.dependsOn;
    if (!deps) continue;
    const seen = new Set<number>();
    for (const dep of deps) {
      const j = index.get(dep);
      if (j === undefined || seen.has(j)) continue;
      if (j === i) throw new PlanCycleError([moves[i]!.vmId, moves[i]!.vmId]);
      seen.add(j);
      indegree[i]!++;
      dependents[j]!.push(i);
    }
  }
  const levels: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) current.push(i);
  let placed = 0;
  while (current.length > 0) {
    levels.push(current);
    placed += current.length;
    const next: number[] = [];
    for (const i of current) for (const d of dependents[i]!) if (--indegree[d]! === 0) next.push(d);
    next.sort((a, b) => a - b);
    current = next;
  }
  if (placed < n) throw new PlanCycleError(findCycle(moves, index, indegree));
  const waves: string[][] = [];
  for (const level of levels) {
    for (let start = 0; start < level.length; start += maxWaveSize) waves.push(level.slice(start, start + maxWaveSize).map((i) => moves[i]!.vmId));
  }
  return waves;
}

/** A cycle among the VMs Kahn's algorithm could not place (each has a dependency left). */
function findCycle(moves: readonly { vmId: string; dependsOn?: readonly string[] }[], index: Map<string, number>, indegree: Int32Array): string[] {
  const stuck = (i: number) => indegree[i]! > 0;
  const start = indegree.findIndex((d) => d > 0);
  // Walk dependency edges inside the stuck set until a VM repeats: every stuck VM has such an edge.
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  let at = start;
  while (!seenAt.has(at)) {
    seenAt.set(at, path.length);
    path.push(at);
    const next = (moves[at]!.dependsOn ?? []).map((d) => index.get(d)).find((j): j is number => j !== undefined && stuck(j));
    at = next!;
  }
  // The path runs from a VM to what it depends on: "a → b → a" reads "a depends on b depends on a".
  const cycle = path.slice(seenAt.get(at)!).map((i) => moves[i]!.vmId);
  return [...cycle, cycle[0]!];
}

export interface PlanContext {
  inventory: readonly FederatedVm[];
  clusters: readonly Cluster[];
  now?: () => Date;
  newId?: () => string;
}

/**
 * Builds a plan from moves, the inventory (where each VM is now, what it needs) and the clusters
 * (where each target is). Unknown VMs or clusters are left for validation to refuse with a reason.
 */
export function buildMigrationPlan(input: PlanInput, context: PlanContext): MigrationPlan {
  const p = checkInput(PlanInputSchema, input, 'migration plan');
  const waves = buildWaves(p.moves, p.maxWaveSize);
  const waveOf = new Map<string, number>();
  waves.forEach((wave, w) => wave.forEach((vmId) => waveOf.set(vmId, w)));
  const vms = new Map(context.inventory.map((vm) => [vm.vmId, vm]));
  const clusters = new Map(context.clusters.map((c) => [c.id, c]));
  const inPlan = new Set(p.moves.map((m) => m.vmId));
  const moves: Record<string, PlannedMove> = {};
  for (const m of p.moves) {
    const vm = vms.get(m.vmId);
    const target = clusters.get(m.targetCluster);
    moves[m.vmId] = {
      vmId: m.vmId,
      vmName: vm?.name ?? m.vmId,
      sourceCluster: vm?.clusterId ?? null,
      sourceProvider: vm?.provider ?? '',
      sourceRegion: vm?.region ?? '',
      targetCluster: m.targetCluster,
      targetProvider: target?.provider ?? '',
      targetRegion: target?.region ?? '',
      dependsOn: (m.dependsOn ?? []).filter((d) => inPlan.has(d)),
      wave: waveOf.get(m.vmId)!,
      vcpu: vm?.vcpu ?? 0,
      memoryGib: vm?.memoryGib ?? 0,
      diskGb: vm?.diskGb ?? 0,
      tags: { ...vm?.tags },
    };
  }
  return {
    version: 1,
    id: p.id ?? context.newId?.() ?? randomPlanId(),
    name: p.name ?? 'migration plan',
    createdAt: (context.now?.() ?? new Date()).toISOString(),
    type: p.type ?? 'cold',
    waves,
    moves,
  };
}

const PlannedMoveSchema = z.object({
  vmId: z.string(),
  vmName: z.string(),
  sourceCluster: z.nullable(z.string()),
  sourceProvider: z.string(),
  sourceRegion: z.string(),
  targetCluster: z.string(),
  targetProvider: z.string(),
  targetRegion: z.string(),
  dependsOn: z.array(z.string()),
  wave: z.number(),
  vcpu: z.number(),
  memoryGib: z.number(),
  diskGb: z.number(),
  tags: z.record(z.string(), z.string()),
});

export const MigrationPlanSchema = z.object({
  version: z.literal(1),
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  createdAt: z.string(),
  type: z.enum(MIGRATION_TYPES),
  waves: z.array(z.array(z.string())),
  moves: z.record(z.string(), PlannedMoveSchema),
});

/** A plan read back from JSON (a file, Redis, another process), checked before it is trusted. */
export function parseMigrationPlan(value: unknown): MigrationPlan {
  const plan = checkInput(MigrationPlanSchema, typeof value === 'string' ? JSON.parse(value) : value, 'migration plan');
  for (const wave of plan.waves) for (const vmId of wave) if (!plan.moves[vmId]) throw new ValidationError(`Plan wave lists ${vmId} with no move.`, [{ path: ['waves'], message: vmId }]);
  return plan as MigrationPlan;
}

function randomPlanId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `plan-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
