import { seededRandom } from '../internal/seeded-random';
import { createPlacementContext } from './placement-context';
import { NoFeasibleNodeError } from './placement-error';
import { BUILT_IN_FILTERS } from './placement-filters';
import { checkCandidates, checkPlacementOptions, checkPlacementRequest } from './placement-input';
import {
  balancedAllocationScorer,
  costScorer,
  latencyScorer,
  leastAllocatedScorer,
  mostAllocatedScorer,
  nodeAffinityScorer,
  requestedToCapacityRatioScorer,
  topologySpreadScorer,
  vmAffinityScorer,
  type ResourceScoringSettings,
} from './placement-scorers';
import type {
  NodeScore,
  PlacementAlternative,
  PlacementCandidate,
  PlacementContext,
  PlacementOptions,
  PlacementRequest,
  PlacementResult,
  PlacementScorer,
  RejectedNode,
  ResourceName,
  ScorerScore,
} from './placement-types';

const DEFAULT_CONFIDENCE_SCALE = 5;
const DEFAULT_ALTERNATIVES = 3;

/**
 * Chooses a node for one VM: filters, then scorers, then the best total.
 *
 * 1. Every candidate runs through the filters in order (built-in, then `options.filters`); the first
 *    that returns a reason rejects it, and the node lands in `rejected` with the filter's name.
 * 2. Each applicable scorer with a weight above 0 scores every feasible node. Scores are put on
 *    0..100 — as they are for the Kubernetes resource formulas, by Nova's min-max otherwise — and
 *    multiplied by the weight; a node's total is the sum.
 * 3. Nodes rank by total, ties by node id (string order), so the same input always gives the same
 *    answer. With `subsetSize` N the choice is drawn (seeded) from the best N.
 *
 * Confidence: with d the lead of rank 1 over rank 2 in points of the 0..100 scale
 * (`(total₁ − total₂) / Σ weights`), `confidence = d / (d + confidenceScale)`: 0 on an exact tie, 0.5
 * at a lead of `confidenceScale` points (default 5), approaching 1 as the lead grows; exactly 1 when
 * only one node is feasible.
 *
 * No feasible node throws NoFeasibleNodeError (with every rejection), never a null node. Bad input
 * throws ValidationError before anything is scored.
 */
export function placeVm(request: PlacementRequest, candidates: readonly PlacementCandidate[], options: PlacementOptions = {}): PlacementResult {
  const req = checkPlacementRequest(request);
  const nodes = checkCandidates(candidates);
  checkPlacementOptions(options);
  const context = createPlacementContext(req, nodes, options.prices);

  const filters = [...BUILT_IN_FILTERS, ...(options.filters ?? [])].filter((f) => !f.applies || f.applies(context));
  const feasible: PlacementCandidate[] = [];
  const rejected: RejectedNode[] = [];
  for (const node of nodes) {
    let reason: string | undefined;
    let by = '';
    for (const filter of filters) {
      reason = filter.test(node, context);
      if (reason !== undefined) {
        by = filter.name;
        break;
      }
    }
    if (reason === undefined) feasible.push(node);
    else rejected.push({ nodeId: node.id, filter: by, reason });
  }
  if (feasible.length === 0) throw new NoFeasibleNodeError(rejected);

  const scorers = activeScorers(options, context);
  const n = feasible.length;
  const totals = new Float64Array(n);
  const raws = scorers.map(() => new Float64Array(n));
  const norms = scorers.map(() => new Float64Array(n));
  let weightSum = 0;
  scorers.forEach(({ scorer, weight }, s) => {
    weightSum += weight;
    const raw = raws[s]!;
    for (let i = 0; i < n; i++) {
      const value = scorer.score(feasible[i]!, context);
      raw[i] = value === null || !Number.isFinite(value) ? NaN : value;
    }
    normalize(raw, norms[s]!, scorer);
    const norm = norms[s]!;
    for (let i = 0; i < n; i++) totals[i]! += norm[i]! * weight;
  });

  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => totals[b]! - totals[a]! || compareIds(feasible[a]!.id, feasible[b]!.id));

  const pick = options.subsetSize && options.subsetSize > 1 ? Math.floor(seededRandom(options.seed ?? 0)() * Math.min(options.subsetSize, n)) : 0;
  const chosen = order[pick]!;
  const bestOther = order[pick === 0 ? 1 : 0];
  const perPoint = weightSum > 0 ? 1 / weightSum : 0;
  const margin = bestOther === undefined ? Infinity : (totals[chosen]! - totals[bestOther]!) * perPoint;
  const scale = options.confidenceScale ?? DEFAULT_CONFIDENCE_SCALE;
  const confidence = bestOther === undefined ? 1 : margin <= 0 ? 0 : margin / (margin + scale);

  const scores: NodeScore[] = new Array(n);
  for (let rank = 0; rank < n; rank++) {
    const i = order[rank]!;
    const byScorer: Record<string, ScorerScore> = {};
    for (let s = 0; s < scorers.length; s++) {
      const raw = raws[s]![i]!;
      const normalized = norms[s]![i]!;
      byScorer[scorers[s]!.scorer.name] = { raw: Number.isNaN(raw) ? null : raw, normalized, weighted: normalized * scorers[s]!.weight };
    }
    scores[rank] = { nodeId: feasible[i]!.id, total: totals[i]!, normalizedTotal: totals[i]! * perPoint, rank: rank + 1, byScorer };
  }

  const chosenScore = scores[pick]!;
  const alternatives: PlacementAlternative[] = [];
  const wanted = options.alternatives ?? DEFAULT_ALTERNATIVES;
  for (let rank = 0; rank < n && alternatives.length < wanted; rank++) {
    if (rank === pick) continue;
    alternatives.push(explainAlternative(scores[rank]!, chosenScore));
  }

  return {
    nodeId: chosenScore.nodeId,
    confidence,
    margin,
    reasoning: reasoning(chosenScore, bestOther === undefined ? undefined : feasible[bestOther]!.id, margin, n, rejected.length),
    alternatives,
    scores,
    rejected,
    weights: Object.fromEntries(scorers.map(({ scorer, weight }) => [scorer.name, weight])),
  };
}

/** Plain code-unit order, not locale order: the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalize(raw: Float64Array, out: Float64Array, scorer: PlacementScorer): void {
  const n = raw.length;
  if ((scorer.normalize ?? 'fixed') === 'fixed') {
    for (let i = 0; i < n; i++) {
      const v = raw[i]!;
      out[i] = Number.isNaN(v) ? 0 : v < 0 ? 0 : v > 100 ? 100 : v;
    }
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const lower = scorer.direction === 'lower';
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    // Unknown (NaN) scores 0; when every known value is equal they all score 100.
    out[i] = Number.isNaN(v) ? 0 : span === 0 ? 100 : lower ? ((max - v) * 100) / span : ((v - min) * 100) / span;
  }
}

const RESOURCE_ORDER: readonly ResourceName[] = ['cpu', 'memory', 'disk', 'gpu'];

/** Built-in scorers with their default weights (Kubernetes' defaults where it has them), then plugins; a plugin with a built-in's name replaces it. */
function activeScorers(options: PlacementOptions, context: PlacementContext): Array<{ scorer: PlacementScorer; weight: number }> {
  const resources = options.resources ?? { cpu: 1, memory: 1 };
  const settings: ResourceScoringSettings = {
    resources: RESOURCE_ORDER.filter((r) => (resources[r] ?? 0) > 0).map((r) => [r, resources[r]!] as const),
    integer: options.rounding === 'kubernetes',
  };
  const pack = options.strategy === 'pack';
  const builtIn: Array<[PlacementScorer, number]> = [
    [leastAllocatedScorer(settings), pack ? 0 : 1],
    [mostAllocatedScorer(settings), pack ? 1 : 0],
    [balancedAllocationScorer(settings), 1],
    [topologySpreadScorer, 2],
    [vmAffinityScorer, 2],
    [nodeAffinityScorer, 2],
    [costScorer, 1],
    [latencyScorer, 1],
  ];
  if (options.utilizationShape) builtIn.push([requestedToCapacityRatioScorer(settings, options.utilizationShape), 1]);
  const plugins = new Map((options.scorers ?? []).map((s) => [s.name, s]));
  const all: Array<[PlacementScorer, number]> = builtIn.filter(([s]) => !plugins.has(s.name));
  for (const plugin of plugins.values()) all.push([plugin, plugin.weight ?? 1]);
  const active: Array<{ scorer: PlacementScorer; weight: number }> = [];
  for (const [scorer, fallback] of all) {
    const weight = options.weights?.[scorer.name] ?? fallback;
    if (weight > 0 && (!scorer.applies || scorer.applies(context))) active.push({ scorer, weight });
  }
  return active;
}

function explainAlternative(alt: NodeScore, chosen: NodeScore): PlacementAlternative {
  const diffs = Object.keys(alt.byScorer)
    .map((name) => ({ name, a: alt.byScorer[name]!, c: chosen.byScorer[name]!, diff: alt.byScorer[name]!.weighted - chosen.byScorer[name]!.weighted }))
    .filter((d) => Math.abs(d.diff) >= 0.05)
    .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || compareIds(x.name, y.name));
  const line = (d: (typeof diffs)[number]) =>
    `${d.name}: ${d.a.normalized.toFixed(1)} vs ${d.c.normalized.toFixed(1)} on ${chosen.nodeId}${d.a.raw === null ? ' (unknown)' : ''}`;
  return {
    nodeId: alt.nodeId,
    score: alt.total,
    normalizedScore: alt.normalizedTotal,
    rank: alt.rank,
    pros: diffs.filter((d) => d.diff > 0).map(line),
    cons: diffs.filter((d) => d.diff < 0).map(line),
  };
}

function reasoning(chosen: NodeScore, runnerUp: string | undefined, margin: number, feasible: number, rejected: number): string {
  const strongest = Object.entries(chosen.byScorer)
    .sort((a, b) => b[1].weighted - a[1].weighted || compareIds(a[0], b[0]))
    .slice(0, 2)
    .map(([name, s]) => `${name} ${s.normalized.toFixed(1)}`);
  const lead =
    runnerUp === undefined
      ? 'the only feasible node'
      : margin > 0
        ? `${margin.toFixed(2)} points ahead of ${runnerUp}`
        : margin === 0
          ? `tied with ${runnerUp}, chosen by node id`
          : `${(-margin).toFixed(2)} points behind ${runnerUp}, drawn from the top subset`;
  return `${chosen.nodeId}: rank ${chosen.rank} of ${feasible} feasible (${rejected} rejected), ${lead}${strongest.length ? `; strongest: ${strongest.join(', ')}` : ''}.`;
}
