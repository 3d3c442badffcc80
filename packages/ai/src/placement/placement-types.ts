import type { PriceTable } from '../cost/price-table';
import type { UtilizationScorePoint } from './resource-scores';

/** Resource amounts: vCPUs (fractions allowed), MiB of memory, GB of disk, whole GPUs. */
export interface ResourceAmounts {
  cpu: number;
  memoryMb: number;
  diskGb?: number;
  gpu?: number;
}

/** The VM to place. */
export interface PlacementRequest {
  name?: string;
  cpu: number;
  memoryMb: number;
  diskGb?: number;
  gpu?: number;
  /** The VM's own labels: what other VMs' affinity rules and topology spread select on. */
  labels?: Record<string, string>;
  constraints?: PlacementConstraints;
}

/**
 * Which VMs a rule is about, and how far "together" reaches: `node` (the default), `zone`, `region`,
 * `provider`, or any node label key.
 */
export interface AffinityTerm {
  /** Every label here must match a VM's labels for the VM to count. */
  selector: Record<string, string>;
  topologyKey?: string;
  /** Hard rules filter nodes out; soft ones (the default) add `weight` to the affinity score. */
  hard?: boolean;
  /** Soft rules only: 1..100 as in Kubernetes preferred terms. Default 1. */
  weight?: number;
}

/** Kubernetes-style PodTopologySpread over VMs that match `selector`. */
export interface TopologySpreadRule {
  topologyKey: string;
  /** Largest allowed difference between the fullest and emptiest domain after placing. */
  maxSkew: number;
  /** `DoNotSchedule` is a filter, `ScheduleAnyway` (the default) only a score. */
  whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
  /** Default: the request's own labels. */
  selector?: Record<string, string>;
}

export interface PlacementConstraints {
  /** Allowed regions; empty or missing means any. */
  regions?: string[];
  providers?: string[];
  /** Compliance labels a node must carry, all of them, with these values (e.g. `{ pci: 'true' }`). */
  requiredLabels?: Record<string, string>;
  /** Node labels preferred but not required; each satisfied entry adds to the affinity score. */
  preferredLabels?: Record<string, string>;
  /** Nodes with no known latency are rejected when this is set. */
  maxLatencyMs?: number;
  affinity?: AffinityTerm[];
  antiAffinity?: AffinityTerm[];
  topologySpread?: TopologySpreadRule[];
  /** Never place on these. */
  excludedNodes?: string[];
  /** A soft preference, scored under `affinity`. */
  preferredNodes?: string[];
}

/** A VM already on a candidate node, as far as affinity and spread need to know it. */
export interface PlacedVm {
  id?: string;
  labels: Record<string, string>;
}

/** One host the VM could go to. */
export interface PlacementCandidate {
  id: string;
  provider?: string;
  region?: string;
  /** Falls back to `labels.zone`. */
  zone?: string;
  labels?: Record<string, string>;
  capacity: ResourceAmounts;
  /** What is already reserved on the node. Default nothing. */
  allocated?: ResourceAmounts;
  /** `false`, or a status other than `online`, keeps the node out. Default schedulable and online. */
  schedulable?: boolean;
  status?: string;
  /** Round-trip latency from the workload's users, for `maxLatencyMs` and the latency scorer. */
  latencyMs?: number;
  vms?: PlacedVm[];
}

/** What every filter and scorer sees: the request, all candidates and shared, memoised lookups. */
export interface PlacementContext {
  readonly request: PlacementRequest;
  readonly candidates: readonly PlacementCandidate[];
  readonly prices: PriceTable | undefined;
  /** The topology domain of a node under a key (`node`, `zone`, `region`, `provider` or a label); undefined when it has none. */
  domainOf(node: PlacementCandidate, topologyKey: string): string | undefined;
  /** How many VMs matching `selector` each domain of `topologyKey` holds, over every candidate; computed once per call. */
  countsByDomain(selector: Record<string, string>, topologyKey: string): ReadonlyMap<string, number>;
  /** Any per-call value, computed once: plugins use it to precompute over the candidate list. */
  memo<T>(key: string, compute: () => T): T;
}

/**
 * A hard constraint. Return a reason (a sentence a person can act on) to reject the node, or
 * `undefined` to keep it. Filters run in order and a node stops at the first that rejects it.
 */
export interface PlacementFilter {
  name: string;
  /** When present and false for this call, the filter is skipped (e.g. no region constraint given). */
  applies?(context: PlacementContext): boolean;
  test(node: PlacementCandidate, context: PlacementContext): string | undefined;
}

/**
 * A soft preference. `score` returns a raw number per feasible node (or `null`: unknown, scored 0 and
 * listed as a con). `normalize: 'fixed'` means raw is already on 0..100 (clamped); `'minmax'` maps
 * the feasible nodes' range onto 0..100 (Nova's `normalize()`; all equal → all 100), reversed when
 * `direction` is `'lower'`.
 */
export interface PlacementScorer {
  name: string;
  /** Default 1; 0 leaves the scorer out. Overridden by `options.weights[name]`. */
  weight?: number;
  normalize?: 'fixed' | 'minmax';
  /** Which raw values are better. Default `'higher'`. */
  direction?: 'higher' | 'lower';
  /** A short phrase for explanations, e.g. `'free capacity after placing'`. */
  describe?: string;
  /** When present and false for this call, the scorer is left out (a constant score would only inflate totals). */
  applies?(context: PlacementContext): boolean;
  score(node: PlacementCandidate, context: PlacementContext): number | null;
}

/** `spread` (LeastAllocated, the Kubernetes default) or `pack` (MostAllocated, bin packing). */
export type PlacementStrategy = 'spread' | 'pack';

export interface PlacementOptions {
  strategy?: PlacementStrategy;
  /** Per-scorer weights by name; 0 disables a built-in scorer. */
  weights?: Record<string, number>;
  /** Extra filters, run after the built-in ones. */
  filters?: PlacementFilter[];
  /** Extra scorers, added to the built-in ones. */
  scorers?: PlacementScorer[];
  /** For the `cost` scorer: without it cost is not scored. */
  prices?: PriceTable;
  /** Resources LeastAllocated/MostAllocated/BalancedAllocation look at, with weights. Default cpu 1, memory 1. */
  resources?: Partial<Record<ResourceName, number>>;
  /** Turns on the `requested-to-capacity-ratio` scorer with this piecewise-linear utilisation → score shape (0..100 each). */
  utilizationShape?: UtilizationScorePoint[];
  /** `kubernetes` truncates per-resource and mean scores to integers exactly as kube-scheduler does; default keeps fractions. */
  rounding?: 'none' | 'kubernetes';
  /** How many runner-ups to explain. Default 3. */
  alternatives?: number;
  /**
   * Margin, in points of the 0..100 scale, at which confidence reaches 0.5 (see `placementConfidence`).
   * Default 5.
   */
  confidenceScale?: number;
  /** Nova's `host_subset_size`: pick among the best N at random (seeded) to spread concurrent schedulers. Default 1. */
  subsetSize?: number;
  /** Seed for `subsetSize` draws. Default 0. */
  seed?: number;
}

export type ResourceName = 'cpu' | 'memory' | 'disk' | 'gpu';

/** One scorer's view of one node. */
export interface ScorerScore {
  raw: number | null;
  /** 0..100 */
  normalized: number;
  /** `normalized × weight` */
  weighted: number;
}

export interface NodeScore {
  nodeId: string;
  /** Sum of the weighted scores. */
  total: number;
  /** `total / Σ weights`: 0..100, comparable across calls with different weights. */
  normalizedTotal: number;
  rank: number;
  byScorer: Record<string, ScorerScore>;
}

export interface PlacementAlternative {
  nodeId: string;
  score: number;
  normalizedScore: number;
  rank: number;
  /** Where this node beats the chosen one, largest weighted difference first. */
  pros: string[];
  /** Where it loses to the chosen one. */
  cons: string[];
}

export interface RejectedNode {
  nodeId: string;
  filter: string;
  reason: string;
}

export interface PlacementResult {
  nodeId: string;
  /** 0..1: 0 on an exact tie with the runner-up, rising with the lead; 1 when only one node is feasible. */
  confidence: number;
  /** Lead over the runner-up in points of the 0..100 scale (`Infinity` when only one node is feasible). */
  margin: number;
  /** One sentence: why this node. */
  reasoning: string;
  alternatives: PlacementAlternative[];
  /** Every feasible node, best first. */
  scores: NodeScore[];
  rejected: RejectedNode[];
  /** Name and weight of every scorer that ran. */
  weights: Record<string, number>;
}
