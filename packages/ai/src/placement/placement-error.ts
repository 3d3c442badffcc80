import { NovaCronError } from '@novacron/core';
import type { RejectedNode } from './placement-types';

/**
 * No candidate passed the filters. `placeVm` throws this rather than returning a null node, so a
 * caller can never create a VM on "no node" by accident; `rejected` says why each node was ruled out
 * and `reasons` how many nodes each filter removed.
 */
export class NoFeasibleNodeError extends NovaCronError {
  static override readonly kind: string = 'NoFeasibleNodeError';
  readonly rejected: RejectedNode[];
  readonly reasons: Record<string, number>;

  constructor(rejected: RejectedNode[]) {
    const reasons: Record<string, number> = {};
    for (const r of rejected) reasons[r.filter] = (reasons[r.filter] ?? 0) + 1;
    const summary = Object.entries(reasons)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([filter, count]) => `${filter}: ${count}`)
      .join(', ');
    super(
      rejected.length === 0 ? 'No candidate nodes were given.' : `No node can take the VM (${rejected.length} rejected — ${summary}).`,
      { code: 'no_feasible_node', retryable: false },
    );
    this.rejected = rejected;
    this.reasons = reasons;
  }
}
