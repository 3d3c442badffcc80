import type { NovaCron } from '@novacron/example-shared';
import type { NovaCronClient, Vm } from '@novacron/sdk';
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
  const vm = await untilRunning(client, created.id);
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

/** A new VM settles in `stopped` or `running`; start it if it stopped, then wait for `running`. */
async function untilRunning(client: NovaCronClient, id: string): Promise<Vm> {
  let vm = await client.vms.get(id);
  while (vm.state === 'creating' || vm.state === 'starting') {
    await new Promise((r) => setTimeout(r, 100));
    vm = await client.vms.get(id, { cache: 'no-cache' });
  }
  if (vm.state === 'running') return vm;
  await client.vms.start(id);
  return client.vms.waitUntilRunning(id, { intervalMs: 100, timeoutMs: 120_000 });
}
