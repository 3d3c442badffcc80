import * as z from 'zod/mini';

/** Upstream runtime's ClusterSummary (camelCase on the wire, `/api/cluster/*`). */
export const ClusterSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  performanceScore: z.number(),
  interconnectLatencyMs: z.number(),
  interconnectBandwidthMbps: z.number(),
  currentNodeCount: z.number(),
  maxSupportedNodeCount: z.number(),
  growthState: z.string(),
  federationState: z.string(),
  degraded: z.boolean(),
  lastEvaluatedAt: z.string(),
});
export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;

export const AdmissionSchema = z.looseObject({
  admitted: z.boolean(),
  state: z.string(),
  clusterId: z.string(),
  role: z.optional(z.string()),
  selected: z.optional(z.boolean()),
  cluster: z.optional(ClusterSummarySchema),
});
export type Admission = z.infer<typeof AdmissionSchema>;

/** `/api/cluster/health`: snake_case top level, camelCase federation block (as upstream). */
export const RuntimeHealthSchema = z.looseObject({
  status: z.string(),
  total_nodes: z.number(),
  healthy_nodes: z.number(),
  has_quorum: z.boolean(),
  leader: z.string(),
  last_updated: z.string(),
  federation: z.optional(
    z.looseObject({
      enabled: z.boolean(),
      totalClusters: z.number(),
      selectedClusterId: z.optional(z.string()),
      highestTier: z.optional(z.nullable(z.string())),
      clusters: z.array(ClusterSummarySchema),
    }),
  ),
});

export interface RuntimeHealth {
  status: string;
  totalNodes: number;
  healthyNodes: number;
  hasQuorum: boolean;
  leader: string;
  lastUpdated: string;
  selectedClusterId: string | null;
  highestTier: string | null;
  clusters: ClusterSummary[];
}

export function runtimeHealthFromWire(w: z.infer<typeof RuntimeHealthSchema>): RuntimeHealth {
  return {
    status: w.status,
    totalNodes: w.total_nodes,
    healthyNodes: w.healthy_nodes,
    hasQuorum: w.has_quorum,
    leader: w.leader,
    lastUpdated: w.last_updated,
    selectedClusterId: w.federation?.selectedClusterId ?? null,
    highestTier: w.federation?.highestTier ?? null,
    clusters: w.federation?.clusters ?? [],
  };
}
