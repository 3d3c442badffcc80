import { matchesSelector } from './placement-context';
import type { AffinityTerm, PlacementContext, PlacementFilter, TopologySpreadRule } from './placement-types';

/** Offline, maintenance or cordoned nodes. */
export const nodeStatusFilter: PlacementFilter = {
  name: 'node-status',
  test: (node) => {
    if (node.schedulable === false) return 'node is not schedulable';
    if (node.status !== undefined && node.status !== 'online') return `node is ${node.status}`;
    return undefined;
  },
};

export const excludedNodesFilter: PlacementFilter = {
  name: 'excluded',
  applies: (ctx) => (ctx.request.constraints?.excludedNodes?.length ?? 0) > 0,
  test: (node, ctx) => (ctx.memo('excluded', () => new Set(ctx.request.constraints?.excludedNodes)).has(node.id) ? 'node is excluded by the request' : undefined),
};

export const regionFilter: PlacementFilter = {
  name: 'region',
  applies: (ctx) => (ctx.request.constraints?.regions?.length ?? 0) > 0,
  test: (node, ctx) => {
    const allowed = ctx.request.constraints!.regions!;
    return node.region !== undefined && allowed.includes(node.region)
      ? undefined
      : `region ${node.region ?? '(none)'} is not one of ${allowed.join(', ')}`;
  },
};

export const providerFilter: PlacementFilter = {
  name: 'provider',
  applies: (ctx) => (ctx.request.constraints?.providers?.length ?? 0) > 0,
  test: (node, ctx) => {
    const allowed = ctx.request.constraints!.providers!;
    return node.provider !== undefined && allowed.includes(node.provider)
      ? undefined
      : `provider ${node.provider ?? '(none)'} is not one of ${allowed.join(', ')}`;
  },
};

/** Compliance and other required node labels. */
export const requiredLabelsFilter: PlacementFilter = {
  name: 'compliance-labels',
  applies: (ctx) => Object.keys(ctx.request.constraints?.requiredLabels ?? {}).length > 0,
  test: (node, ctx) => {
    const missing: string[] = [];
    for (const [key, value] of Object.entries(ctx.request.constraints!.requiredLabels!)) {
      if (node.labels?.[key] !== value) missing.push(`${key}=${value}`);
    }
    return missing.length ? `node lacks label ${missing.join(', ')}` : undefined;
  },
};

export const capacityFilter: PlacementFilter = {
  name: 'capacity',
  test: (node, ctx) => {
    const r = ctx.request;
    const short: string[] = [];
    check(short, 'vCPU', r.cpu, node.capacity.cpu, node.allocated?.cpu);
    check(short, 'MiB memory', r.memoryMb, node.capacity.memoryMb, node.allocated?.memoryMb);
    check(short, 'GB disk', r.diskGb ?? 0, node.capacity.diskGb, node.allocated?.diskGb);
    check(short, 'GPU', r.gpu ?? 0, node.capacity.gpu, node.allocated?.gpu);
    return short.length ? `insufficient ${short.join('; ')}` : undefined;
  },
};

function check(short: string[], unit: string, need: number, capacity: number | undefined, allocated: number | undefined): void {
  if (need <= 0) return;
  const free = (capacity ?? 0) - (allocated ?? 0);
  if (need > free) short.push(`${unit}: needs ${round(need)}, ${round(Math.max(0, free))} free`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Unknown latency fails a latency bound: a hard constraint is never assumed met. */
export const maxLatencyFilter: PlacementFilter = {
  name: 'max-latency',
  applies: (ctx) => ctx.request.constraints?.maxLatencyMs !== undefined,
  test: (node, ctx) => {
    const max = ctx.request.constraints!.maxLatencyMs!;
    if (node.latencyMs === undefined) return `latency unknown (limit ${max} ms)`;
    return node.latencyMs > max ? `latency ${node.latencyMs} ms exceeds ${max} ms` : undefined;
  },
};

function hardTerms(terms: AffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).filter((t) => t.hard === true);
}

/**
 * Required VM affinity: the node's domain must already hold a matching VM. As in Kubernetes, the
 * first VM of a group that matches its own selector may go anywhere when no match exists yet.
 */
export const affinityFilter: PlacementFilter = {
  name: 'affinity',
  applies: (ctx) => hardTerms(ctx.request.constraints?.affinity).length > 0,
  test: (node, ctx) => {
    for (const term of hardTerms(ctx.request.constraints?.affinity)) {
      const key = term.topologyKey ?? 'node';
      const counts = ctx.countsByDomain(term.selector, key);
      if (counts.size === 0 && matchesSelector(ctx.request.labels, term.selector)) continue;
      const domain = ctx.domainOf(node, key);
      if (domain === undefined) return `node has no ${key} for affinity to ${describeSelector(term.selector)}`;
      if (!counts.get(domain)) return `no VM matching ${describeSelector(term.selector)} in ${key} ${domain}`;
    }
    return undefined;
  },
};

/** Required VM anti-affinity: the node's domain must hold no matching VM. */
export const antiAffinityFilter: PlacementFilter = {
  name: 'anti-affinity',
  applies: (ctx) => hardTerms(ctx.request.constraints?.antiAffinity).length > 0,
  test: (node, ctx) => {
    for (const term of hardTerms(ctx.request.constraints?.antiAffinity)) {
      const key = term.topologyKey ?? 'node';
      const domain = ctx.domainOf(node, key);
      if (domain === undefined) continue;
      const count = ctx.countsByDomain(term.selector, key).get(domain) ?? 0;
      if (count > 0) return `${count} VM(s) matching ${describeSelector(term.selector)} already in ${key} ${domain}`;
    }
    return undefined;
  },
};

function spreadRules(ctx: PlacementContext, mode: 'DoNotSchedule' | 'ScheduleAnyway'): TopologySpreadRule[] {
  return (ctx.request.constraints?.topologySpread ?? []).filter((rule) => (rule.whenUnsatisfiable ?? 'ScheduleAnyway') === mode);
}

/** The spread selector, defaulting to the VM's own labels. */
export function spreadSelector(rule: TopologySpreadRule, ctx: PlacementContext): Record<string, string> {
  return rule.selector ?? ctx.request.labels ?? {};
}

/**
 * The smallest matching-VM count over every domain of `key` among schedulable candidates (empty
 * domains count as 0): the baseline the skew is measured from.
 */
export function minDomainCount(ctx: PlacementContext, rule: TopologySpreadRule): number {
  const selector = spreadSelector(rule, ctx);
  return ctx.memo(`min-count:${rule.topologyKey}:${JSON.stringify(selector)}`, () => {
    const counts = ctx.countsByDomain(selector, rule.topologyKey);
    let min = Infinity;
    for (const node of ctx.candidates) {
      if (nodeStatusFilter.test(node, ctx) !== undefined) continue;
      const domain = ctx.domainOf(node, rule.topologyKey);
      if (domain !== undefined) min = Math.min(min, counts.get(domain) ?? 0);
    }
    return min === Infinity ? 0 : min;
  });
}

/** PodTopologySpread with `DoNotSchedule`: placing here must keep the domain within `maxSkew` of the emptiest one. */
export const topologySpreadFilter: PlacementFilter = {
  name: 'topology-spread',
  applies: (ctx) => spreadRules(ctx, 'DoNotSchedule').length > 0,
  test: (node, ctx) => {
    for (const rule of spreadRules(ctx, 'DoNotSchedule')) {
      const domain = ctx.domainOf(node, rule.topologyKey);
      if (domain === undefined) return `node has no ${rule.topologyKey} for topology spread`;
      const selector = spreadSelector(rule, ctx);
      const self = matchesSelector(ctx.request.labels, selector) ? 1 : 0;
      const skew = (ctx.countsByDomain(selector, rule.topologyKey).get(domain) ?? 0) + self - minDomainCount(ctx, rule);
      if (skew > rule.maxSkew) return `${rule.topologyKey} ${domain} would have skew ${skew} > maxSkew ${rule.maxSkew}`;
    }
    return undefined;
  },
};

export function describeSelector(selector: Record<string, string>): string {
  const parts = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `{${parts.join(',')}}` : '{}';
}

/** The built-in filters in the order they run: cheap and most telling first. */
export const BUILT_IN_FILTERS: readonly PlacementFilter[] = [
  nodeStatusFilter,
  excludedNodesFilter,
  regionFilter,
  providerFilter,
  requiredLabelsFilter,
  capacityFilter,
  maxLatencyFilter,
  affinityFilter,
  antiAffinityFilter,
  topologySpreadFilter,
];
