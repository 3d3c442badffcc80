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
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (memos.has(key)) return memos.get(key) as T;
    const value = compute();
    memos.set(key, value);
    return value;
  };
  return {
    request,
    candidates,
    prices,
    domainOf,
    memo,
    countsByDomain: (selector, topologyKey) =>
      memo(`counts:${topologyKey}:${selectorKey(selector)}`, () => {
        const counts = new Map<string, number>();
        for (const node of candidates) {
          if (!node.vms || node.vms.length === 0) continue;
          const domain = domainOf(node, topologyKey);
          if (domain === undefined) continue;
          let matched = 0;
          for (const vm of node.vms) if (matchesSelector(vm.labels, selector)) matched++;
          if (matched > 0) counts.set(domain, (counts.get(domain) ?? 0) + matched);
        }
        return counts;
      }),
  };
}

function selectorKey(selector: Record<string, string>): string {
  return JSON.stringify(Object.keys(selector).sort().map((k) => [k, selector[k]]));
}
