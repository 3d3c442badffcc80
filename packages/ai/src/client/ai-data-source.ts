import { requireId, TO_ARRAY_MAX, type CoreClient, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import {
  FleetNodeWireSchema,
  FleetVmWireSchema,
  MetricsHistoryWireSchema,
  type FleetNodeWire,
  type FleetVmWire,
  type MetricsHistoryWire,
} from '../schemas/fleet-wire';

/**
 * Where local mode gets the fleet: nodes, the caller's VMs and their metrics history. The default
 * reads them over the same CoreClient from the contract's `/nodes`, `/vms` and
 * `/vms/{id}/metrics/history` (what `@novacron/vm` calls); pass your own to run the engines on data
 * you already hold.
 */
export interface AiDataSource {
  nodes(options?: RequestOptions): Promise<FleetNodeWire[]>;
  vms(options?: RequestOptions): Promise<FleetVmWire[]>;
  vm(vmId: string, options?: RequestOptions): Promise<FleetVmWire>;
  metricsHistory(vmId: string, range: { from: Date; to: Date; stepSeconds: number }, options?: RequestOptions): Promise<MetricsHistoryWire>;
}

export function httpDataSource(core: CoreClient): AiDataSource {
  return {
    nodes: (options) => core.list({ method: 'GET', path: '/nodes', pageSize: 500, schema: z.array(FleetNodeWireSchema) }, (n) => n, options).toArray({ limit: TO_ARRAY_MAX }),
    vms: (options) => core.list({ method: 'GET', path: '/vms', pageSize: 500, schema: z.array(FleetVmWireSchema) }, (v) => v, options).toArray({ limit: TO_ARRAY_MAX }),
    vm: (vmId, options) => core.request({ method: 'GET', path: '/vms/{id}', params: { id: requireId(vmId, 'vm id') }, schema: FleetVmWireSchema }, options),
    metricsHistory: (vmId, range, options) =>
      core.request(
        {
          method: 'GET',
          path: '/vms/{id}/metrics/history',
          params: { id: requireId(vmId, 'vm id') },
          query: { from: range.from.toISOString(), to: range.to.toISOString(), step: range.stepSeconds },
          schema: MetricsHistoryWireSchema,
        },
        options,
      ),
  };
}
