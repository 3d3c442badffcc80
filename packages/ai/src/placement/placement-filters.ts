import { matchesSelector } from './placement-context';
import type { AffinityTerm, PlacementContext, PlacementFilter } from './placement-types';

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
      : `region ${node.region ?? '(none)'} is not one of ${ctx.memo('regions-text', () => allowed.join(', '))}`;
  },
};

export const providerFilter: PlacementFilter = {
  name: 'provider',
  applies: (ctx) => (ctx.request.constraints?.providers?.length ?? 0) > 0,
  test: (node, ctx) => {
    const allowed = ctx.request.constraints!.providers!;
    return node.provider !== undefined && allowed.includes(node.provider)
      ? undefined
      : `provider ${node.provider ?? '(none)'} is not one of ${ctx.memo('providers-text', () => allowed.join(', '))}`;
  },
};

/** Compliance and other required node labels. */
export const requiredLabelsFilter: PlacementFilter = {
  name: 'compliance-labels',
  applies: (ctx) => Object.keys(ctx.request.constraints?.requiredLabels ?? {}).length > 0,
  test: (node, ctx) => {
    const required = ctx.memo('required-labels', () => Object.entries(ctx.request.constraints!.requiredLabels!));
    let missing: string[] | undefined;
    for (const [key, value] of required) {
      if (node.labels?.[key] !== value) (missing ??= []).push(`${key}=${value}`);
    }
    return missing ? `node lacks label ${missing.join(', ')}` : undefined;
  },
};

export const capacityFilter: PlacementFilter = {
  name: 'capacity',
  test: (node, ctx) => {
    const r = ctx.request;
    const cap = node.capacity;
    const used = node.allocated;
    const disk = r.diskGb ?? 0;
    const gpu = r.gpu ?? 0;
    // The common case allocates nothing; the message is only built for a node that is short.
    if (
      r.cpu <= cap.cpu - (used?.cpu ?? 0) &&
      r.memoryMb <= cap.memoryMb - (used?.memoryMb ?? 0) &&
      (disk <= 0 || disk <= (cap.diskGb ?? 0) - (used?.diskGb ?? 0)) &&
      (gpu <= 0 || gpu <= (cap.gpu ?? 0) - (used?.gpu ?? 0))
    ) {
      return undefined;
    }
    const short: string[] = [];
    check(short, 'vCPU', r.cpu, cap.cpu, used?.cpu);
    check(short, 'MiB memory', r.memoryMb, cap.memoryMb, used?.memoryMb);
    check(short, 'GB disk', disk, cap.diskGb, used?.diskGb);
    check(short, 'GPU', gpu, cap.gpu, used?.gpu);
    return `insufficient ${short.join('; ')}`;
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

interface PreparedTerm {
  key: string;
  selector: Record<string, string>;
  counts: ReadonlyMap<string, number>;
}

/** The hard terms of one kind, each with its domain counts, worked out once per call. */
function hardTerms(ctx: PlacementContext, kind: 'affinity' | 'antiAffinity'): PreparedTerm[] {
  return ctx.memo(`hard:${kind}`, () =>
    (ctx.request.constraints?.[kind] ?? [])
      .filter((t: AffinityTerm) => t.hard === true)
      .map((t) => ({ key: t.topologyKey ?? 'node', selector: t.selector, counts: ctx.countsByDomain(t.selector, t.topologyKey ?? 'node') })),
  );
}

/**
 * Required VM affinity: the node's domain must already hold a matching VM. As in Kubernetes, the
 * first VM of a group that matches its own selector may go anywhere when no match exists yet.
 */
export const affinityFilter: PlacementFilter = {
  name: 'affinity',
  applies: (ctx) => hardTerms(ctx, 'affinity').length > 0,
  test: (node, ctx) => {
    for (const term of hardTerms(ctx, 'affinity')) {
      if (term.counts.size === 0 && matchesSelector(ctx.request.labels, term.selector)) continue;
      const domain = ctx.domainOf(node, term.key);
      if (domain === undefined) return `node has no ${term.key} for affinity to ${describeSelector(term.selector)}`;
      if (!term.counts.get(domain)) return `no VM matching ${describeSelector(term.selector)} in ${term.key} ${domain}`;
    }
    return undefined;
  },
};

/** Required VM anti-affinity: the node's domain must hold no matching VM. */
export const antiAffinityFilter: PlacementFilter = {
  name: 'anti-affinity',
  applies: (ctx) => hardTerms(ctx, 'antiAffinity').length > 0,
  test: (node, ctx) => {
    for (const term of hardTerms(ctx, 'antiAffinity')) {
      const domain = ctx.domainOf(node, term.key);
      if (domain === undefined) continue;
      const count = term.counts.get(domain) ?? 0;
      if (count > 0) return `${count} VM(s) matching ${describeSelector(term.selector)} already in ${term.key} ${domain}`;
    }
    return undefined;
  },
};

export interface PreparedSpreadRule {
  key: string;
  maxSkew: number;
  /** 1 when the VM itself matches the selector, so placing it raises its domain's count. */
  self: number;
  counts: ReadonlyMap<string, number>;
  /** The smallest count over the domains of schedulable candidates (empty domains count 0): the baseline skew is measured from. */
  min: number;
}

/** Topology spread rules of one mode, each with its counts and baseline, worked out once per call. */
export function spreadRules(ctx: PlacementContext, mode: 'DoNotSchedule' | 'ScheduleAnyway'): PreparedSpreadRule[] {
  return ctx.memo(`spread:${mode}`, () =>
    (ctx.request.constraints?.topologySpread ?? [])
      .filter((rule) => (rule.whenUnsatisfiable ?? 'ScheduleAnyway') === mode)
      .map((rule) => {
        const selector = rule.selector ?? ctx.request.labels ?? {};
        const counts = ctx.countsByDomain(selector, rule.topologyKey);
        let min = Infinity;
        for (const node of ctx.candidates) {
          if (nodeStatusFilter.test(node, ctx) !== undefined) continue;
          const domain = ctx.domainOf(node, rule.topologyKey);
          if (domain !== undefined) min = Math.min(min, counts.get(domain) ?? 0);
        }
        return { key: rule.topologyKey, maxSkew: rule.maxSkew, self: matchesSelector(ctx.request.labels, selector) ? 1 : 0, counts, min: min === Infinity ? 0 : min };
      }),
  );
}

/** PodTopologySpread with `DoNotSchedule`: placing here must keep the domain within `maxSkew` of the emptiest one. */
export const topologySpreadFilter: PlacementFilter = {
  name: 'topology-spread',
  applies: (ctx) => spreadRules(ctx, 'DoNotSchedule').length > 0,
  test: (node, ctx) => {
    for (const rule of spreadRules(ctx, 'DoNotSchedule')) {
      const domain = ctx.domainOf(node, rule.key);
      if (domain === undefined) return `node has no ${rule.key} for topology spread`;
      const skew = (rule.counts.get(domain) ?? 0) + rule.self - rule.min;
      if (skew > rule.maxSkew) return `${rule.key} ${domain} would have skew ${skew} > maxSkew ${rule.maxSkew}`;
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
