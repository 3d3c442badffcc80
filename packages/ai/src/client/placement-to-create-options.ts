import type { PlacementResult } from '../placement/placement-types';
import type { PlacementRecommendation } from '../schemas/placement-wire';

/**
 * The part of `@novacron/vm`'s `vms.create(input)` a placement decides: its `nodeId` (sent as
 * `node_id`, which the server honours or answers 409 when the node has filled up meanwhile).
 * Spread it into the create input: `vms.create({ name, cpuShares, memoryMb, ...placementToCreateOptions(p) })`.
 */
export function placementToCreateOptions(placement: Pick<PlacementResult | PlacementRecommendation, 'nodeId'>): { nodeId: string } {
  return { nodeId: placement.nodeId };
}
