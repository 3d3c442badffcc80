/**
 * Upstream's runtime cluster tiers (`backend/core/cmd/novacron` runtime store): the first tier whose
 * latency ceiling and bandwidth floor a cluster's interconnect meets wins; none met is bronze and degraded.
 */
export const CLUSTER_TIERS = [
  { tier: 'platinum', maxLatencyMs: 2, minBandwidthMbps: 5000 },
  { tier: 'gold', maxLatencyMs: 10, minBandwidthMbps: 1000 },
  { tier: 'silver', maxLatencyMs: 30, minBandwidthMbps: 250 },
  { tier: 'bronze', maxLatencyMs: 80, minBandwidthMbps: 50 },
] as const;

export type ClusterTier = (typeof CLUSTER_TIERS)[number]['tier'];

/** What adding one node costs the interconnect, as upstream's growth model assumes. */
const GROWTH_LATENCY_MS = 0.5;
const GROWTH_BANDWIDTH_MBPS = 250;
/** Never report more headroom than this many extra nodes. */
const MAX_GROWTH = 64;

export interface TierEvaluation {
  tier: ClusterTier;
  performanceScore: number;
  degraded: boolean;
  maxSupportedNodeCount: number;
  growthState: 'expandable' | 'at_capacity';
}

export function evaluateTier(latencyMs: number, bandwidthMbps: number, currentNodeCount: number): TierEvaluation {
  const match = CLUSTER_TIERS.find((t) => latencyMs <= t.maxLatencyMs && bandwidthMbps >= t.minBandwidthMbps);
  const tier = match ?? CLUSTER_TIERS[CLUSTER_TIERS.length - 1]!;
  const performanceScore = Math.round((((tier.maxLatencyMs - latencyMs) * 10 + bandwidthMbps / 100) / 10) * 100) / 100;
  // Headroom: how many more nodes fit before the interconnect falls out of the tier.
  let extra = 0;
  if (match) {
    while (
      extra < MAX_GROWTH &&
      latencyMs + GROWTH_LATENCY_MS * (extra + 1) <= tier.maxLatencyMs &&
      bandwidthMbps - GROWTH_BANDWIDTH_MBPS * (extra + 1) >= tier.minBandwidthMbps
    ) {
      extra++;
    }
  }
  return {
    tier: tier.tier,
    performanceScore,
    degraded: match === undefined,
    maxSupportedNodeCount: currentNodeCount + extra,
    growthState: extra > 0 ? 'expandable' : 'at_capacity',
  };
}
