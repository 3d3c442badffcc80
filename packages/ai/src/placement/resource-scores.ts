/**
 * kube-scheduler's resource scoring formulas (NodeResourcesFit strategies and
 * NodeResourcesBalancedAllocation), on plain arrays so they are testable by hand.
 *
 * `requested[i]` is what resource i would have reserved on the node *after* placing the VM
 * (already allocated + the VM's request), `capacity[i]` what the node has; a resource with capacity
 * 0 is skipped, as kube-scheduler skips it. With `integer: true` every division truncates where Go's
 * int64 arithmetic truncates, giving kube-scheduler's exact numbers; without it fractions are kept
 * so hosts that differ by less than a point are not tied.
 */

export const MAX_NODE_SCORE = 100;

/** LeastAllocated: per resource `(capacity − requested) · 100 / capacity`, then the weighted mean. Favours empty nodes (spread). */
export function leastAllocatedScore(requested: readonly number[], capacity: readonly number[], weights: readonly number[], integer = false): number {
  return weightedMean(requested, capacity, weights, integer, (req, cap) => (req > cap ? 0 : ((cap - req) * MAX_NODE_SCORE) / cap));
}

/** MostAllocated: per resource `requested · 100 / capacity` (requested capped at capacity), then the weighted mean. Favours full nodes (bin packing). */
export function mostAllocatedScore(requested: readonly number[], capacity: readonly number[], weights: readonly number[], integer = false): number {
  return weightedMean(requested, capacity, weights, integer, (req, cap) => (Math.min(req, cap) * MAX_NODE_SCORE) / cap);
}

/**
 * BalancedAllocation: the fractions requested/capacity (capped at 1); `std` is |f1 − f2| / 2 for two
 * resources and the population standard deviation otherwise (0 for one); score `(1 − std) · 100`.
 * Favours nodes whose resources would be used evenly.
 */
export function balancedAllocationScore(requested: readonly number[], capacity: readonly number[], integer = false): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = capacity[i]!;
    if (cap === 0) continue;
    const fraction = Math.min(1, requested[i]! / cap);
    fractions.push(fraction);
    total += fraction;
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(fractions[0]! - fractions[1]!) / 2;
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  const score = (1 - std) * MAX_NODE_SCORE;
  return integer ? Math.trunc(score) : score;
}

/** A point of a RequestedToCapacityRatio shape: at `utilization` percent the score is `score` (0..100). */
export interface UtilizationScorePoint {
  utilization: number;
  score: number;
}

/**
 * RequestedToCapacityRatio: per resource, the utilisation after placing (percent) mapped through a
 * piecewise-linear `shape` (flat before the first and after the last point), then the weighted
 * mean, rounded to nearest under `integer`. kube-scheduler's config gives scores 0..10 and multiplies
 * by 10; here the shape is on 0..100 directly.
 */
export function requestedToCapacityRatioScore(
  requested: readonly number[],
  capacity: readonly number[],
  weights: readonly number[],
  shape: readonly UtilizationScorePoint[],
  integer = false,
): number {
  let sum = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = capacity[i]!;
    if (cap === 0) continue;
    const req = requested[i]!;
    const utilization = req > cap ? 100 : integer ? Math.trunc((req * 100) / cap) : (req * 100) / cap;
    sum += interpolate(shape, utilization, integer) * weights[i]!;
    weightSum += weights[i]!;
  }
  if (weightSum === 0) return 0;
  return integer ? Math.round(sum / weightSum) : sum / weightSum;
}

function interpolate(shape: readonly UtilizationScorePoint[], p: number, integer: boolean): number {
  const first = shape[0]!;
  if (p <= first.utilization) return first.score;
  for (let i = 1; i < shape.length; i++) {
    const hi = shape[i]!;
    if (p <= hi.utilization) {
      const lo = shape[i - 1]!;
      const value = lo.score + ((hi.score - lo.score) * (p - lo.utilization)) / (hi.utilization - lo.utilization);
      return integer ? Math.trunc(value) : value;
    }
  }
  return shape[shape.length - 1]!.score;
}

function weightedMean(
  requested: readonly number[],
  capacity: readonly number[],
  weights: readonly number[],
  integer: boolean,
  perResource: (requested: number, capacity: number) => number,
): number {
  let sum = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = capacity[i]!;
    if (cap === 0) continue;
    const score = perResource(requested[i]!, cap);
    sum += (integer ? Math.trunc(score) : score) * weights[i]!;
    weightSum += weights[i]!;
  }
  if (weightSum === 0) return 0;
  return integer ? Math.trunc(sum / weightSum) : sum / weightSum;
}
