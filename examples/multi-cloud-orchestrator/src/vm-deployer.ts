import { untilRunning, type NovaCron } from '@novacron/example-shared';
import type { PlacementRecommendation } from '@novacron/sdk/ai';
import { APP_NAME, PROVIDERS, type TierSpec } from './app-topology';

export interface DeployedVm {
  vmId: string;
  name: string;
  tier: TierSpec['tier'];
  nodeId: string;
  provider: string;
  region: string;
  /** How sure the placement was of its choice (0..1) and why. */
  confidence: number;
  reasoning: string;
  startedAt: number;
  runningAt: number;
}

/**
 * Asks the AI placement where a VM of `tier` goes (the server's engine, or the SDK's own when the
 * server has none), creates it there and waits until it runs. `avoidNodes` keeps a replacement off
 * a failed node; a replacement spreads softly, since the failed VM still counts in its domain.
 */
export async function deployVm(
  { client, ai }: NovaCron,
  spec: TierSpec,
  name: string,
  options: { replacement?: boolean; avoidNodes?: string[] } = {},
): Promise<DeployedVm> {
  const startedAt = Date.now();
  const labels = { app: APP_NAME, tier: spec.tier };
  const spread = spec.spreadAcrossProviders
    ? [{ selector: labels, topologyKey: 'provider', ...(options.replacement ? { weight: 100 } : { hard: true }) }]
    : [];
  const placement: PlacementRecommendation = await ai.placement({
    name,
    cpu: spec.cpu,
    memoryMb: spec.memoryMb,
    diskGb: spec.diskGb,
    labels,
    constraints: {
      providers: PROVIDERS,
      antiAffinity: spread,
      ...(options.avoidNodes?.length && { excludedNodes: options.avoidNodes }),
      // The database prefers the gold-tier hardware.
      ...(spec.tier === 'db' && { preferredLabels: { tier: 'gold' } }),
    },
  });
  const created = await client.vms.create({
    name,
    cpuShares: spec.cpu,
    memoryMb: spec.memoryMb,
    diskSizeGb: spec.diskGb,
    image: 'ubuntu-24.04',
    tags: labels,
    nodeId: placement.nodeId,
  });
  const vm = await untilRunning(client, created.id, { intervalMs: 100 });
  return {
    vmId: vm.id,
    name,
    tier: spec.tier,
    nodeId: vm.nodeId ?? placement.nodeId,
    provider: vm.cloudProvider ?? '?',
    region: vm.region ?? '?',
    confidence: placement.confidence,
    reasoning: placement.reasoning,
    startedAt,
    runningAt: Date.now(),
  };
}
