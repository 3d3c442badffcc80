import {
  NotFoundError,
  requireId,
  validateInput,
  waitUntil,
  type CoreClient,
  type PagePromise,
  type RequestOptions,
  type WaitOptions,
} from '@novacron/core';
import * as z from 'zod/mini';
import { runBatch, type BatchItemResult, type BatchOptions } from './batch';
import {
  CreateVmInputSchema,
  UpdateVmInputSchema,
  VM_STATES,
  VmDeletionWireSchema,
  VmMetricsHistoryWireSchema,
  VmMetricsWireSchema,
  VmWireSchema,
  createVmInputToWire,
  updateVmInputToWire,
  vmFromWire,
  vmMetricsFromWire,
  vmMetricsHistoryFromWire,
  type CreateVmInput,
  type UpdateVmInput,
  type Vm,
  type VmMetrics,
  type VmMetricsHistory,
  type VmState,
} from './schemas';

export interface ListVmsParams {
  state?: VmState;
  nodeId?: string;
  /** Substring of the name. */
  name?: string;
  /** Only VMs that carry all these tags. */
  tags?: Record<string, string>;
  /** Items per page (1–500). */
  pageSize?: number;
  /** Start at this page (1-based). */
  page?: number;
}

const ListVmsParamsSchema = z.object({
  state: z.optional(z.enum(VM_STATES)),
  nodeId: z.optional(z.string().check(z.minLength(1))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(63))),
  tags: z.optional(z.record(z.string().check(z.minLength(1)), z.string())),
  pageSize: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  page: z.optional(z.int().check(z.minimum(1))),
});

export interface MetricsHistoryParams {
  from?: Date | string | number;
  to?: Date | string | number;
  /** Seconds between points. */
  stepSeconds?: number;
}

/** A time as a Date, an ISO string or epoch ms; anything else is a clear error, not an Invalid Date. */
const TimeSchema = z
  .pipe(
    z.union([z.date(), z.string(), z.number()]),
    z.transform((value) => (value instanceof Date ? value : new Date(value))),
  )
  .check(z.refine((date) => !Number.isNaN(date.getTime()), 'must be a Date, an ISO 8601 string or epoch milliseconds'));

const MetricsHistoryParamsSchema = z.object({
  from: z.optional(TimeSchema),
  to: z.optional(TimeSchema),
  stepSeconds: z.optional(z.int().check(z.positive())),
});

/** A lifecycle action's name. */
export type VmAction = 'start' | 'stop' | 'restart' | 'pause' | 'resume';

/** VMs: CRUD, lifecycle actions, metrics, waiters and batch operations. */
export class VmsResource {
  constructor(private readonly core: CoreClient) {}

  list(params: ListVmsParams = {}, options?: RequestOptions): PagePromise<Vm> {
    return this.core.list(
      () => {
        const p = validateInput(ListVmsParamsSchema, params, 'list parameters');
        const tag = p.tags ? Object.entries(p.tags).map(([k, v]) => `${k}:${v}`) : undefined;
        return {
          method: 'GET',
          path: '/vms',
          query: { state: p.state, node_id: p.nodeId, name: p.name, tag },
          pageSize: p.pageSize,
          startPage: p.page,
          schema: z.array(VmWireSchema),
        };
      },
      vmFromWire,
      options,
    );
  }

  async get(id: string, options?: RequestOptions): Promise<Vm> {
    const wire = await this.core.request({ method: 'GET', path: '/vms/{id}', params: { id: requireId(id, 'vm id') }, schema: VmWireSchema }, options);
    return vmFromWire(wire);
  }

  async create(input: CreateVmInput, options?: RequestOptions): Promise<Vm> {
    const body = createVmInputToWire(validateInput(CreateVmInputSchema, input, 'VM'));
    return vmFromWire(await this.core.request({ method: 'POST', path: '/vms', body, schema: VmWireSchema }, options));
  }

  async update(id: string, input: UpdateVmInput, options?: RequestOptions): Promise<Vm> {
    const body = updateVmInputToWire(validateInput(UpdateVmInputSchema, input, 'VM update'));
    return vmFromWire(
      await this.core.request({ method: 'PATCH', path: '/vms/{id}', params: { id: requireId(id, 'vm id') }, body, schema: VmWireSchema }, options),
    );
  }

  /** Starts the deletion; `waitUntilDeleted` waits for it to finish. */
  async delete(id: string, options?: RequestOptions): Promise<{ id: string; status: string }> {
    return this.core.request({ method: 'DELETE', path: '/vms/{id}', params: { id: requireId(id, 'vm id') }, schema: VmDeletionWireSchema }, options);
  }

  start(id: string, options?: RequestOptions): Promise<Vm> {
    return this.action(id, 'start', undefined, options);
  }

  /** `force` powers off without a guest shutdown. */
  stop(id: string, params: { force?: boolean } = {}, options?: RequestOptions): Promise<Vm> {
    return this.action(id, 'stop', params.force === undefined ? {} : { force: params.force === true }, options);
  }

  restart(id: string, options?: RequestOptions): Promise<Vm> {
    return this.action(id, 'restart', undefined, options);
  }

  pause(id: string, options?: RequestOptions): Promise<Vm> {
    return this.action(id, 'pause', undefined, options);
  }

  resume(id: string, options?: RequestOptions): Promise<Vm> {
    return this.action(id, 'resume', undefined, options);
  }

  async metrics(id: string, options?: RequestOptions): Promise<VmMetrics> {
    const wire = await this.core.request({ method: 'GET', path: '/vms/{id}/metrics', params: { id: requireId(id, 'vm id') }, schema: VmMetricsWireSchema }, options);
    return vmMetricsFromWire(wire);
  }

  async metricsHistory(id: string, params: MetricsHistoryParams = {}, options?: RequestOptions): Promise<VmMetricsHistory> {
    const { from, to, stepSeconds: step } = validateInput(MetricsHistoryParamsSchema, params, 'metrics history parameters');
    const wire = await this.core.request(
      {
        method: 'GET',
        path: '/vms/{id}/metrics/history',
        params: { id: requireId(id, 'vm id') },
        query: { from: from?.toISOString(), to: to?.toISOString(), step },
        schema: VmMetricsHistoryWireSchema,
      },
      options,
    );
    return vmMetricsHistoryFromWire(wire);
  }

  /** Poll until the VM reaches `state`; a VM that lands in `failed` instead ends the wait with OperationFailedError. */
  waitForState(id: string, state: VmState, options: WaitOptions<Vm> = {}): Promise<Vm> {
    // A waiter reads through any cache: a cached state would never change under it.
    return waitUntil(
      (signal) => this.get(id, { signal, cache: 'no-cache' }),
      (vm) => {
        if (vm.state === state) return 'done';
        if (vm.state === 'failed' && state !== 'failed') return { failed: vm.errorMessage ?? `VM ${id} failed` };
        return 'pending';
      },
      { intervalMs: 250, ...options, what: `VM ${id} to be ${state}` },
    );
  }

  waitUntilRunning(id: string, options?: WaitOptions<Vm>): Promise<Vm> {
    return this.waitForState(id, 'running', options);
  }

  waitUntilStopped(id: string, options?: WaitOptions<Vm>): Promise<Vm> {
    return this.waitForState(id, 'stopped', options);
  }

  /** Resolves once the VM is gone (GET answers 404). */
  async waitUntilDeleted(id: string, options: WaitOptions<Vm | null> = {}): Promise<void> {
    await waitUntil(
      async (signal) => {
        try {
          return await this.get(id, { signal, cache: 'no-cache' });
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      },
      (vm) => (vm === null ? 'done' : 'pending'),
      { intervalMs: 250, ...options, what: `VM ${id} to be deleted` },
    );
  }

  /** Create many VMs with a concurrency limit; each input gets its own result. */
  createMany(inputs: readonly CreateVmInput[], options: BatchOptions & { request?: RequestOptions } = {}): Promise<BatchItemResult<CreateVmInput, Vm>[]> {
    return runBatch(inputs, (input, signal) => this.create(input, { ...options.request, signal }), options);
  }

  /** Apply one lifecycle action to many VMs. */
  actOnMany(ids: readonly string[], action: VmAction, options: BatchOptions & { request?: RequestOptions } = {}): Promise<BatchItemResult<string, Vm>[]> {
    return runBatch(ids, (id, signal) => this.action(id, action, undefined, { ...options.request, signal }), options);
  }

  private async action(id: string, action: VmAction, body: unknown, options?: RequestOptions): Promise<Vm> {
    const wire = await this.core.request(
      { method: 'POST', path: `/vms/{id}/${action}`, params: { id: requireId(id, 'vm id') }, body, schema: VmWireSchema, context: { vmId: id } },
      options,
    );
    return vmFromWire(wire);
  }
}
