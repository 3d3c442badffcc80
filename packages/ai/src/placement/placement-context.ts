import type { PriceTable } from '../cost/price-table';
import type { PlacementCandidate, PlacementContext, PlacementRequest } from './placement-types';

/** The domain a node belongs to under a topology key; the well-known keys read fields, others read labels. */
export function domainOf(node: PlacementCandidate, topologyKey: string): string | undefined {
  switch (topologyKey) {
    case 'node':
      return node.id;
    case 'zone':
      return node.zone ?? node.labels?.zone;
    case 'region':
      return node.region ?? node.labels?.region;
    case 'provider':
      return node.provider ?? node.labels?.provider;
    default:
      return node.labels?.[topologyKey];
  }
}

export function matchesSelector(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  for (const key in selector) {
    if (labels?.[key] !== selector[key]) return false;
  }
  return true;
}

export function createPlacementContext(request: PlacementRequest, candidates: readonly PlacementCandidate[], prices: PriceTable | undefined): PlacementContext {
  const memos = new Map<string, { value: unknown }>();
  const memo = <T>(key: string, compute: () => T): T => {
    let entry = memos.get(key);
    if (entry === undefined) {
      entry = { value: compute() };
      memos.set(key, entry);
    }
    return entry.value as T;
  };
  // Built-in rules pass the same selector object for every node: look it up by identity before hashing it.
  const byIdentity = new Map<string, WeakMap<object, ReadonlyMap<string, number>>>();
  return {
    request,
    candidates,
    prices,
    domainOf,
    memo,
    countsByDomain: (selector, topologyKey) => {
      let known = byIdentity.get(topologyKey);
      const hit = known?.get(selector);
      if (hit) return hit;
      const counts = memo(`counts:${topologyKey}:${selectorKey(selector)}`, () => {
        const tally = new Map<string, number>();
        for (const node of candidates) {
          if (!node.vms || node.vms.length === 0) continue;
          const domain = domainOf(node, topologyKey);
          if (domain === undefined) continue;
          let matched = 0;
          for (const vm of node.vms) if (matchesSelector(vm.labels, selector)) matched++;
          if (matched > 0) tally.set(domain, (tally.get(domain) ?? 0) + matched);
        }
        return tally;
      });
      if (!known) byIdentity.set(topologyKey, (known = new WeakMap()));
      known.set(selector, counts);
      return counts;
    },
  };
}

function selectorKey(selector: Record<string, string>): string {
  return JSON.stringify(Object.keys(selector).sort().map((k) => [k, selector[k]]));
}
