import * as z from 'zod/mini';
import type { PlacementConstraints, PlacementOptions, PlacementRequest, PlacementResult, PlacementStrategy } from '../placement/placement-types';

/**
 * `POST /api/v1/ai/placement`. The body is a superset of what the old EnhancedNovaCronClient sends
 * (`{vm_specs, constraints, cloud_provider, region}`, upstream-api §7.1): its camelCase constraint
 * names (`maxLatency`, `complianceRegions`, `preferred_node`) are read too, so that client works
 * unchanged; the answer keeps its `PlacementRecommendation` fields and adds scores and rejections.
 */
const labels = z.record(z.string(), z.string());
const strings = z.array(z.string());
const AffinityTermWire = z.looseObject({
  selector: labels,
  topology_key: z.optional(z.string()),
  hard: z.optional(z.boolean()),
  weight: z.optional(z.number()),
});

export const PlacementConstraintsWireSchema = z.looseObject({
  regions: z.optional(strings),
  providers: z.optional(strings),
  required_labels: z.optional(labels),
  preferred_labels: z.optional(labels),
  max_latency_ms: z.optional(z.number()),
  affinity: z.optional(z.array(AffinityTermWire)),
  anti_affinity: z.optional(z.array(AffinityTermWire)),
  topology_spread: z.optional(
    z.array(z.looseObject({ topology_key: z.string(), max_skew: z.number(), when_unsatisfiable: z.optional(z.string()), selector: z.optional(labels) })),
  ),
  excluded_nodes: z.optional(strings),
  preferred_nodes: z.optional(strings),
  // The old client's names.
  maxLatency: z.optional(z.number()),
  complianceRegions: z.optional(strings),
  preferred_node: z.optional(z.string()),
});
export type PlacementConstraintsWire = z.infer<typeof PlacementConstraintsWireSchema>;

export const PlacementRequestWireSchema = z.looseObject({
  vm_specs: z.looseObject({
    name: z.optional(z.string()),
    cpu_shares: z.number().check(z.positive('must be more than 0')),
    memory_mb: z.number().check(z.positive('must be more than 0')),
    disk_size_gb: z.optional(z.number().check(z.nonnegative('must be 0 or more'))),
    gpu_count: z.optional(z.int().check(z.nonnegative('must be 0 or more'))),
    labels: z.optional(labels),
    tags: z.optional(z.record(z.string(), z.unknown())),
  }),
  constraints: z.optional(z.nullable(PlacementConstraintsWireSchema)),
  cloud_provider: z.optional(z.nullable(z.string())),
  region: z.optional(z.nullable(z.string())),
  strategy: z.optional(z.enum(['spread', 'pack'])),
  weights: z.optional(z.record(z.string(), z.number().check(z.nonnegative('must be 0 or more')))),
  alternatives: z.optional(z.int().check(z.nonnegative('must be 0 or more'))),
});
export type PlacementRequestWire = z.infer<typeof PlacementRequestWireSchema>;

const ScorerScoreWire = z.object({ raw: z.nullable(z.number()), normalized: z.number(), weighted: z.number() });

export const PlacementRecommendationWireSchema = z.looseObject({
  recommended_node: z.string(),
  confidence_score: z.number(),
  reasoning: z.string(),
  alternative_nodes: z.array(z.looseObject({ node_id: z.string(), score: z.number(), pros: strings, cons: strings, rank: z.optional(z.number()) })),
  margin: z.optional(z.nullable(z.number())),
  weights: z.optional(z.record(z.string(), z.number())),
  scores: z.optional(z.array(z.looseObject({ node_id: z.string(), total: z.number(), rank: z.number(), by_scorer: z.record(z.string(), ScorerScoreWire) }))),
  rejected: z.optional(z.array(z.looseObject({ node_id: z.string(), filter: z.string(), reason: z.string() }))),
});
export type PlacementRecommendationWire = z.infer<typeof PlacementRecommendationWireSchema>;

/** What `AiClient.placement` takes: the VM, its constraints and how to score. */
export interface PlacementInput extends PlacementRequest {
  /** The provider and region a caller would rather use; soft preferences, as the old client's config was. */
  cloudProvider?: string;
  region?: string;
  strategy?: PlacementStrategy;
  weights?: Record<string, number>;
  alternatives?: number;
}

/** What `AiClient.placement` answers, from the server or the local engine alike. */
export interface PlacementRecommendation {
  nodeId: string;
  confidence: number;
  /** Lead over the runner-up in points of 0..100; null when only one node was feasible. */
  margin: number | null;
  reasoning: string;
  alternatives: Array<{ nodeId: string; score: number; pros: string[]; cons: string[] }>;
  weights: Record<string, number>;
  scores: Array<{ nodeId: string; total: number; rank: number; byScorer: PlacementResult['scores'][number]['byScorer'] }>;
  rejected: Array<{ nodeId: string; filter: string; reason: string }>;
  /** Where the answer was computed. */
  source: 'server' | 'local';
}

/**
 * The old client's `cpu_shares` is a vCPU count in the canonical contract (1..128) but its examples
 * send cgroup-style shares (2048 for two CPUs); above 128 it is read as shares, 1024 per vCPU.
 */
export function vcpusFromCpuShares(cpuShares: number): number {
  return cpuShares > 128 ? cpuShares / 1024 : cpuShares;
}

export function placementInputToWire(input: PlacementInput): PlacementRequestWire {
  const c = input.constraints ?? {};
  const constraints: PlacementConstraintsWire = {
    ...(c.regions && { regions: [...c.regions] }),
    ...(c.providers && { providers: [...c.providers] }),
    ...(c.requiredLabels && { required_labels: { ...c.requiredLabels } }),
    ...(c.preferredLabels && { preferred_labels: { ...c.preferredLabels } }),
    ...(c.maxLatencyMs !== undefined && { max_latency_ms: c.maxLatencyMs }),
    ...(c.affinity && { affinity: c.affinity.map(termToWire) }),
    ...(c.antiAffinity && { anti_affinity: c.antiAffinity.map(termToWire) }),
    ...(c.topologySpread && {
      topology_spread: c.topologySpread.map((r) => ({
        topology_key: r.topologyKey,
        max_skew: r.maxSkew,
        ...(r.whenUnsatisfiable && { when_unsatisfiable: r.whenUnsatisfiable }),
        ...(r.selector && { selector: { ...r.selector } }),
      })),
    }),
    ...(c.excludedNodes && { excluded_nodes: [...c.excludedNodes] }),
    ...(c.preferredNodes && { preferred_nodes: [...c.preferredNodes] }),
  };
  return {
    vm_specs: {
      ...(input.name !== undefined && { name: input.name }),
      cpu_shares: input.cpu,
      memory_mb: input.memoryMb,
      ...(input.diskGb !== undefined && { disk_size_gb: input.diskGb }),
      ...(input.gpu !== undefined && { gpu_count: input.gpu }),
      ...(input.labels && { labels: { ...input.labels } }),
    },
    constraints,
    ...(input.cloudProvider !== undefined && { cloud_provider: input.cloudProvider }),
    ...(input.region !== undefined && { region: input.region }),
    ...(input.strategy !== undefined && { strategy: input.strategy }),
    ...(input.weights !== undefined && { weights: { ...input.weights } }),
    ...(input.alternatives !== undefined && { alternatives: input.alternatives }),
  };
}

function termToWire(t: NonNullable<PlacementConstraints['affinity']>[number]) {
  return { selector: { ...t.selector }, ...(t.topologyKey && { topology_key: t.topologyKey }), ...(t.hard !== undefined && { hard: t.hard }), ...(t.weight !== undefined && { weight: t.weight }) };
}

/**
 * The engine's request and options from a wire body, old or new. The top-level `cloud_provider` and
 * `region` become soft preferences on node labels `provider` and `region` (a caller's home, not a
 * hard rule — the old client always sent its configured provider, `local` by default).
 */
export function placementInputFromWire(wire: PlacementRequestWire): { request: PlacementRequest; options: Pick<PlacementOptions, 'strategy' | 'weights' | 'alternatives'> } {
  const c = wire.constraints ?? {};
  const specs = wire.vm_specs;
  const preferredLabels: Record<string, string> = { ...c.preferred_labels };
  if (wire.cloud_provider) preferredLabels.provider ??= wire.cloud_provider;
  if (wire.region) preferredLabels.region ??= wire.region;
  const preferredNodes = [...(c.preferred_nodes ?? []), ...(c.preferred_node ? [c.preferred_node] : [])];
  const regions = c.regions ?? c.complianceRegions;
  const maxLatency = c.max_latency_ms ?? c.maxLatency;
  const constraints: PlacementConstraints = {
    ...(regions && { regions }),
    ...(c.providers && { providers: c.providers }),
    ...(c.required_labels && { requiredLabels: c.required_labels }),
    ...(Object.keys(preferredLabels).length > 0 && { preferredLabels }),
    ...(maxLatency !== undefined && { maxLatencyMs: maxLatency }),
    ...(c.affinity && { affinity: c.affinity.map(termFromWire) }),
    ...(c.anti_affinity && { antiAffinity: c.anti_affinity.map(termFromWire) }),
    ...(c.topology_spread && {
      topologySpread: c.topology_spread.map((r) => ({
        topologyKey: r.topology_key,
        maxSkew: r.max_skew,
        ...(r.when_unsatisfiable === 'DoNotSchedule' || r.when_unsatisfiable === 'ScheduleAnyway' ? { whenUnsatisfiable: r.when_unsatisfiable } : {}),
        ...(r.selector && { selector: r.selector }),
      })),
    }),
    ...(c.excluded_nodes && { excludedNodes: c.excluded_nodes }),
    ...(preferredNodes.length > 0 && { preferredNodes }),
  };
  const tagLabels = Object.fromEntries(Object.entries(specs.tags ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const vmLabels = { ...tagLabels, ...specs.labels };
  return {
    request: {
      ...(specs.name !== undefined && { name: specs.name }),
      cpu: vcpusFromCpuShares(specs.cpu_shares),
      memoryMb: specs.memory_mb,
      ...(specs.disk_size_gb !== undefined && { diskGb: specs.disk_size_gb }),
      ...(specs.gpu_count !== undefined && { gpu: specs.gpu_count }),
      ...(Object.keys(vmLabels).length > 0 && { labels: vmLabels }),
      constraints,
    },
    options: {
      ...(wire.strategy && { strategy: wire.strategy }),
      ...(wire.weights && { weights: wire.weights }),
      ...(wire.alternatives !== undefined && { alternatives: wire.alternatives }),
    },
  };
}

function termFromWire(t: { selector: Record<string, string>; topology_key?: string | undefined; hard?: boolean | undefined; weight?: number | undefined }) {
  return { selector: t.selector, ...(t.topology_key && { topologyKey: t.topology_key }), ...(t.hard !== undefined && { hard: t.hard }), ...(t.weight !== undefined && { weight: t.weight }) };
}

export function placementResultToWire(result: PlacementResult): PlacementRecommendationWire {
  return {
    recommended_node: result.nodeId,
    confidence_score: result.confidence,
    reasoning: result.reasoning,
    alternative_nodes: result.alternatives.map((a) => ({ node_id: a.nodeId, score: a.normalizedScore, rank: a.rank, pros: a.pros, cons: a.cons })),
    // JSON has no Infinity: a lone feasible node has no runner-up to lead.
    margin: Number.isFinite(result.margin) ? result.margin : null,
    weights: result.weights,
    scores: result.scores.map((s) => ({ node_id: s.nodeId, total: s.normalizedTotal, rank: s.rank, by_scorer: s.byScorer })),
    rejected: result.rejected.map((r) => ({ node_id: r.nodeId, filter: r.filter, reason: r.reason })),
  };
}

export function placementResultToRecommendation(result: PlacementResult, source: 'server' | 'local'): PlacementRecommendation {
  return placementRecommendationFromWire(placementResultToWire(result), source);
}

export function placementRecommendationFromWire(wire: PlacementRecommendationWire, source: 'server' | 'local' = 'server'): PlacementRecommendation {
  return {
    nodeId: wire.recommended_node,
    confidence: wire.confidence_score,
    margin: wire.margin ?? null,
    reasoning: wire.reasoning,
    alternatives: wire.alternative_nodes.map((a) => ({ nodeId: a.node_id, score: a.score, pros: [...a.pros], cons: [...a.cons] })),
    weights: { ...wire.weights },
    scores: (wire.scores ?? []).map((s) => ({ nodeId: s.node_id, total: s.total, rank: s.rank, byScorer: s.by_scorer })),
    rejected: (wire.rejected ?? []).map((r) => ({ nodeId: r.node_id, filter: r.filter, reason: r.reason })),
    source,
  };
}
