import { hourlyPrice } from '../cost/price-table';
import { spreadRules } from './placement-filters';
import type { PlacementCandidate, PlacementContext, PlacementScorer, ResourceName } from './placement-types';
import {
  balancedAllocationScore,
  leastAllocatedScore,
  mostAllocatedScore,
  requestedToCapacityRatioScore,
  type UtilizationScorePoint,
} from './resource-scores';

export interface ResourceScoringSettings {
  /** Resources and their weights, in a fixed order. */
  resources: ReadonlyArray<readonly [ResourceName, number]>;
  integer: boolean;
}

/** Allocated-after-placing and capacity per configured resource, into reusable buffers (no allocation per node). */
function fillResources(node: PlacementCandidate, ctx: PlacementContext, settings: ResourceScoringSettings, requested: number[], capacity: number[]): void {
  const r = ctx.request;
  for (let i = 0; i < settings.resources.length; i++) {
    const name = settings.resources[i]![0];
    switch (name) {
      case 'cpu':
        requested[i] = (node.allocated?.cpu ?? 0) + r.cpu;
        capacity[i] = node.capacity.cpu;
        break;
      case 'memory':
        requested[i] = (node.allocated?.memoryMb ?? 0) + r.memoryMb;
        capacity[i] = node.capacity.memoryMb;
        break;
      case 'disk':
        requested[i] = (node.allocated?.diskGb ?? 0) + (r.diskGb ?? 0);
        capacity[i] = node.capacity.diskGb ?? 0;
        break;
      case 'gpu':
        requested[i] = (node.allocated?.gpu ?? 0) + (r.gpu ?? 0);
        capacity[i] = node.capacity.gpu ?? 0;
        break;
    }
  }
}

function resourceScorer(
  name: string,
  describe: string,
  settings: ResourceScoringSettings,
  formula: (requested: number[], capacity: number[], weights: number[]) => number,
): PlacementScorer {
  const requested = new Array<number>(settings.resources.length).fill(0);
  const capacity = new Array<number>(settings.resources.length).fill(0);
  const weights = settings.resources.map(([, w]) => w);
  return {
    name,
    describe,
    normalize: 'fixed',
    score: (node, ctx) => {
      fillResources(node, ctx, settings, requested, capacity);
      return formula(requested, capacity, weights);
    },
  };
}

export function leastAllocatedScorer(settings: ResourceScoringSettings): PlacementScorer {
  return resourceScorer('least-allocated', 'free capacity left after placing', settings, (req, cap, w) => leastAllocatedScore(req, cap, w, settings.integer));
}

export function mostAllocatedScorer(settings: ResourceScoringSettings): PlacementScorer {
  return resourceScorer('most-allocated', 'how full the node would be (bin packing)', settings, (req, cap, w) => mostAllocatedScore(req, cap, w, settings.integer));
}

export function balancedAllocationScorer(settings: ResourceScoringSettings): PlacementScorer {
  return resourceScorer('balanced-allocation', 'how evenly resources would be used', settings, (req, cap) => balancedAllocationScore(req, cap, settings.integer));
}

export function requestedToCapacityRatioScorer(settings: ResourceScoringSettings, shape: readonly UtilizationScorePoint[]): PlacementScorer {
  return resourceScorer('requested-to-capacity-ratio', 'utilisation mapped through the configured shape', settings, (req, cap, w) =>
    requestedToCapacityRatioScore(req, cap, w, shape, settings.integer),
  );
}

/** ScheduleAnyway topology spread: the skew this node's domain would reach, summed over rules; lower is better. */
export const topologySpreadScorer: PlacementScorer = {
  name: 'topology-spread',
  describe: 'how evenly matching VMs would spread across domains',
  normalize: 'minmax',
  direction: 'lower',
  applies: (ctx) => spreadRules(ctx, 'ScheduleAnyway').length > 0,
  score: (node, ctx) => {
    let skew = 0;
    for (const rule of spreadRules(ctx, 'ScheduleAnyway')) {
      const domain = ctx.domainOf(node, rule.key);
      if (domain === undefined) return null;
      skew += (rule.counts.get(domain) ?? 0) + rule.self - rule.min;
    }
    return skew;
  },
};

interface PreparedSoftTerm {
  key: string;
  /** +weight for affinity, −weight for anti-affinity. */
  factor: number;
  counts: ReadonlyMap<string, number>;
}

function softTerms(ctx: PlacementContext): PreparedSoftTerm[] {
  return ctx.memo('soft-vm-terms', () => {
    const c = ctx.request.constraints;
    const prepared: PreparedSoftTerm[] = [];
    for (const [terms, sign] of [
      [c?.affinity, 1],
      [c?.antiAffinity, -1],
    ] as const) {
      for (const t of terms ?? []) {
        if (t.hard === true) continue;
        const key = t.topologyKey ?? 'node';
        prepared.push({ key, factor: sign * (t.weight ?? 1), counts: ctx.countsByDomain(t.selector, key) });
      }
    }
    return prepared;
  });
}

/** Preferred VM affinity/anti-affinity: weight × matching VMs in the node's domain, added or subtracted (Kubernetes InterPodAffinity scoring). */
export const vmAffinityScorer: PlacementScorer = {
  name: 'vm-affinity',
  describe: 'preferred closeness to (or distance from) other VMs',
  normalize: 'minmax',
  applies: (ctx) => softTerms(ctx).length > 0,
  score: (node, ctx) => {
    let raw = 0;
    for (const term of softTerms(ctx)) {
      const domain = ctx.domainOf(node, term.key);
      if (domain !== undefined) raw += term.factor * (term.counts.get(domain) ?? 0);
    }
    return raw;
  },
};

/** Preferred node labels and preferred nodes: how many of the preferences this node meets. */
export const nodeAffinityScorer: PlacementScorer = {
  name: 'node-affinity',
  describe: 'preferred node labels and nodes met',
  normalize: 'minmax',
  applies: (ctx) => Object.keys(ctx.request.constraints?.preferredLabels ?? {}).length + (ctx.request.constraints?.preferredNodes?.length ?? 0) > 0,
  score: (node, ctx) => {
    const { labels, nodes } = ctx.memo('node-preferences', () => ({
      labels: Object.entries(ctx.request.constraints?.preferredLabels ?? {}),
      nodes: new Set(ctx.request.constraints?.preferredNodes ?? []),
    }));
    let met = nodes.has(node.id) ? 1 : 0;
    for (const [key, value] of labels) if (node.labels?.[key] === value) met++;
    return met;
  },
};

/** What the VM would cost per hour on this node's provider and region, from the price table passed in; lower is better. */
export const costScorer: PlacementScorer = {
  name: 'cost',
  describe: 'hourly price of the VM there',
  normalize: 'minmax',
  direction: 'lower',
  applies: (ctx) => ctx.prices !== undefined,
  score: (node, ctx) => {
    if (node.provider === undefined) return null;
    const where = `${node.provider}\u0000${node.region ?? ''}`;
    const cache = ctx.memo('cost-by-location', () => new Map<string, number | null>());
    let hourly = cache.get(where);
    if (hourly === undefined) {
      hourly = hourlyPrice(ctx.prices!, { cpu: ctx.request.cpu, memoryMb: ctx.request.memoryMb, gpu: ctx.request.gpu }, node.provider, node.region)?.hourly ?? null;
      cache.set(where, hourly);
    }
    return hourly;
  },
};

/** Round-trip latency to the node; lower is better. */
export const latencyScorer: PlacementScorer = {
  name: 'latency',
  describe: 'round-trip latency',
  normalize: 'minmax',
  direction: 'lower',
  applies: (ctx) => ctx.memo('any-latency', () => ctx.candidates.some((n) => n.latencyMs !== undefined)),
  score: (node) => node.latencyMs ?? null,
};
