import type { FleetVmWire, MetricsHistoryWire, PriceTable } from '@novacron/ai';
import { aiMetricsPoint } from './ai-anomaly-injections';
import type { VmResource } from './vm-service';
import type { World } from './world';

/**
 * The simulator's rate card for its providers. Illustrative numbers of the right order (a general
 * purpose vCPU-hour and GiB-hour, USD), not a published price list: the AI routes need prices to
 * compare, and the simulator must not depend on a live catalogue.
 */
export const SIMULATOR_PRICES: PriceTable = {
  currency: 'USD',
  rates: [
    { provider: 'kvm', vcpuHour: 0.018, memoryGibHour: 0.0025 },
    { provider: 'aws', vcpuHour: 0.0336, memoryGibHour: 0.0045 },
    { provider: 'azure', vcpuHour: 0.0345, memoryGibHour: 0.0046 },
    { provider: 'gcp', vcpuHour: 0.0316, memoryGibHour: 0.0042 },
  ],
};

/** A tenant's VMs as the AI engines read them. */
export function tenantVms(world: World, tenantId: string): VmResource[] {
  return world.vms.all().map((r) => r.vm).filter((vm) => vm.tenant_id === tenantId);
}

export function fleetVm(vm: VmResource): FleetVmWire {
  return { ...vm, tags: { ...vm.tags } };
}

/** A VM's history from the generator plus injections, `points` samples of `stepSeconds` ending at the world's now. */
export function aiHistory(world: World, vm: VmResource, points: number, stepSeconds: number): MetricsHistoryWire {
  const last = Math.floor(world.nowMs() / 1000 / stepSeconds) * stepSeconds;
  const running = vm.state === 'running';
  const out: MetricsHistoryWire['points'] = [];
  for (let i = points - 1; i >= 0; i--) out.push(aiMetricsPoint(world, vm.id, last - i * stepSeconds, running));
  return { vm_id: vm.id, step_seconds: stepSeconds, points: out };
}
