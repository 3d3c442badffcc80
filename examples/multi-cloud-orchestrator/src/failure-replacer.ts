import { NotFoundError } from '@novacron/sdk';
import { waitFor, type NovaCron } from '@novacron/example-shared';
import type { EventStream, NovaEvent } from '@novacron/sdk/events';
import { APP_NAME, THREE_TIER_APP, type TierSpec } from './app-topology';
import { deployVm, type DeployedVm } from './vm-deployer';

export interface Replacement {
  failedVmId: string;
  failedVmName: string;
  tier: TierSpec['tier'];
  failedNodeId: string;
  /** The event that told us: its type and stream sequence number. */
  detectedBy: { type: string; seq: number };
  detectedAt: number;
  replacement: DeployedVm;
  /** The failed VM was deleted once its replacement ran. */
  failedVmDeleted: boolean;
}

/**
 * Watches the event stream for this application's VMs failing and replaces each: a new VM of the
 * same tier placed away from the failed node, started, and only then the failed one deleted. One
 * replacement per failed VM, however many events name it.
 */
export class FailureReplacer {
  readonly replacements: Replacement[] = [];
  readonly nodeFailures: Array<{ nodeId: string; seq: number }> = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly errors: unknown[] = [];
  /** Replacement names go on from the tier's last number: web-4 replaces one of web-1..3. */
  private readonly lastNumber = new Map<string, number>();

  constructor(
    private readonly nc: NovaCron,
    stream: EventStream,
    private readonly onReplaced: (r: Replacement) => void = () => undefined,
  ) {
    stream.on('vm.failed', (event) => this.onFailed(event));
    stream.on('node.failure', (event) => {
      this.nodeFailures.push({ nodeId: event.resourceId, seq: event.seq });
    });
  }

  /** Replacements started so far (finished or not). */
  get started(): number {
    return this.inFlight.size;
  }

  /** Waits for every replacement started so far; rethrows the first that failed. */
  async settled(): Promise<Replacement[]> {
    await Promise.all(this.inFlight.values());
    if (this.errors.length) throw this.errors[0];
    return this.replacements;
  }

  private async deleteAndWaitGone(vmId: string): Promise<boolean> {
    try {
      await this.nc.client.vms.delete(vmId);
      await waitFor(
        `${vmId} to be deleted`,
        () => this.nc.client.vms.get(vmId, { cache: 'no-cache' }).then(() => false, (error: unknown) => error instanceof NotFoundError),
        (gone) => gone,
      );
      return true;
    } catch {
      return false;
    }
  }

  private onFailed(event: NovaEvent): void {
    const vm = event.data['vm'] as { id?: string; name?: string; node_id?: string; tags?: Record<string, string> } | undefined;
    if (vm?.tags?.['app'] !== APP_NAME || !vm.id || this.inFlight.has(vm.id)) return;
    const spec = THREE_TIER_APP.find((t) => t.tier === vm.tags?.['tier']);
    if (!spec) return;
    const failedVmId = vm.id;
    const failedNodeId = vm.node_id ?? '';
    const detectedAt = Date.now();
    const work = (async () => {
      const number = (this.lastNumber.get(spec.tier) ?? spec.count) + 1;
      this.lastNumber.set(spec.tier, number);
      const replacement = await deployVm(this.nc, spec, `${spec.tier}-${number}`, { replacement: true, avoidNodes: failedNodeId ? [failedNodeId] : [] });
      const failedVmDeleted = await this.deleteAndWaitGone(failedVmId);
      const record: Replacement = {
        failedVmId,
        failedVmName: vm.name ?? failedVmId,
        tier: spec.tier,
        failedNodeId,
        detectedBy: { type: event.type, seq: event.seq },
        detectedAt,
        replacement,
        failedVmDeleted,
      };
      this.replacements.push(record);
      this.onReplaced(record);
    })().catch((error: unknown) => {
      this.errors.push(error);
    });
    this.inFlight.set(failedVmId, work);
  }
}
