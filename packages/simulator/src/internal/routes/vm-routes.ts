import {
  CreateVmWireSchema,
  MetricsHistoryQueryWireSchema,
  StopVmWireSchema,
  UpdateVmWireSchema,
  VmDeletionWireSchema,
  VmMetricsHistoryWireSchema,
  VmMetricsWireSchema,
  VmStateSchema,
  VmWireSchema,
  type UpdateVmWire,
} from '@novacron/vm';
import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { HttpError } from '../http/http-error';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteContext, type RouteDefinition } from '../http/route-definition';
import { metricsPoint } from '../world/metrics-generator';
import { assertIfMatch, wasRunningAt, type VmAction } from '../world/vm-service';
import { parseTime, resourceReply } from './resource-headers';

const MAX_HISTORY_POINTS = 10_000;

const VmListQuerySchema = z.object({
  state: z.optional(VmStateSchema),
  node_id: z.string().optional(),
  name: z.string().optional().describe('case-insensitive substring of the name'),
  tag: z
    .union([z.string(), z.array(z.string())])
    .transform((tag) => (Array.isArray(tag) ? tag : [tag]))
    .pipe(z.array(z.string().regex(/^[^:]+:.*$/, 'tag must be key:value')))
    .optional()
    .describe('key:value, repeatable; the VM must carry every such tag'),
  ...paginationQuery,
});

const conflict = { description: 'invalid state or no capacity', schema: ErrorWireSchema };

function updateRoute(method: 'PATCH' | 'PUT') {
  return defineRoute<UpdateVmWire>({
    method,
    path: '/vms/{id}',
    mount: 'api',
    access: 'operator',
    operationId: method === 'PATCH' ? 'updateVm' : 'replaceVm',
    summary: 'Rename a VM or replace its tags (If-Match makes it conditional)',
    tag: 'vms',
    body: UpdateVmWireSchema,
    responses: {
      200: { description: 'the updated VM', schema: VmWireSchema, headers: ['ETag'] },
      412: { description: 'If-Match does not name the current resource_version', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params, body, headers }) => {
      const record = world.vms.get(principal.tenantId, params.id!);
      assertIfMatch(record.vm, single(headers['if-match']));
      return resourceReply(200, world.vms.update(record, body));
    },
  });
}

function actionRoute(action: VmAction): RouteDefinition {
  return defineRoute<{ force?: boolean | undefined } | undefined>({
    method: 'POST',
    path: `/vms/{id}/${action}`,
    mount: 'api',
    access: 'operator',
    operationId: `${action}Vm`,
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} a VM; answers at once with the VM in its transitional state`,
    tag: 'vms',
    ...(action === 'stop' && { body: StopVmWireSchema }),
    responses: {
      202: { description: 'accepted: the VM in its transitional (or unchanged, for a no-op) state', schema: VmWireSchema },
      409: { description: 'the action is not valid in the current state', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params, body }: RouteContext<{ force?: boolean | undefined } | undefined>) => {
      const record = world.vms.get(principal.tenantId, params.id!);
      const vm = world.vms.act(record, action, { force: body?.force });
      return resourceReply(202, vm);
    },
  });
}

export const vmRoutes: RouteDefinition[] = [
  defineRoute<undefined, z.infer<typeof VmListQuerySchema>>({
    method: 'GET',
    path: '/vms',
    mount: 'api',
    access: 'viewer',
    operationId: 'listVms',
    summary: "List the tenant's VMs, oldest first",
    tag: 'vms',
    query: VmListQuerySchema,
    responses: { 200: { description: 'a page of VMs', schema: VmWireSchema, paginated: true } },
    handle: ({ world, principal, query }) => {
      const tags = query.tag?.map((t) => ({ key: t.slice(0, t.indexOf(':')), value: t.slice(t.indexOf(':') + 1) }));
      const vms = world.vms.list(principal.tenantId, { state: query.state, nodeId: query.node_id, name: query.name, tags });
      return paginatedReply(vms, query);
    },
  }),
  defineRoute<z.infer<typeof CreateVmWireSchema>>({
    method: 'POST',
    path: '/vms',
    mount: 'api',
    access: 'operator',
    operationId: 'createVm',
    summary: 'Create a VM; it starts in `creating` and becomes `running` by itself',
    tag: 'vms',
    body: CreateVmWireSchema,
    responses: {
      201: { description: 'the new VM', schema: VmWireSchema, headers: ['ETag', 'Location'] },
      409: { description: 'insufficient_capacity: no node fits the VM', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => {
      const vm = world.vms.create({ tenantId: principal.tenantId, userId: principal.userId }, body);
      world.stats.vmsCreated++;
      const reply = resourceReply(201, vm);
      reply.headers!.Location = `/api/v1/vms/${vm.id}`;
      return reply;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/vms/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getVm',
    summary: 'Get a VM (ETag is its resource_version; If-None-Match answers 304)',
    tag: 'vms',
    responses: {
      200: { description: 'the VM', schema: VmWireSchema, headers: ['ETag'] },
      304: { description: 'unchanged since the given ETag' },
    },
    handle: ({ world, principal, params, headers }) =>
      resourceReply(200, world.vms.get(principal.tenantId, params.id!).vm, headers['if-none-match']),
  }),
  updateRoute('PATCH'),
  updateRoute('PUT'),
  defineRoute({
    method: 'DELETE',
    path: '/vms/{id}',
    mount: 'api',
    access: 'operator',
    operationId: 'deleteVm',
    summary: 'Delete a VM: it goes `deleting`, then disappears (GET → 404)',
    tag: 'vms',
    responses: {
      202: { description: 'deletion accepted', schema: VmDeletionWireSchema },
      409: conflict,
      412: { description: 'If-Match does not name the current resource_version', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params, headers }) => {
      const record = world.vms.get(principal.tenantId, params.id!);
      assertIfMatch(record.vm, single(headers['if-match']));
      const vm = world.vms.delete(record);
      return { status: 202, body: { id: vm.id, status: 'deleting' } };
    },
  }),
  actionRoute('start'),
  actionRoute('stop'),
  actionRoute('restart'),
  actionRoute('pause'),
  actionRoute('resume'),
  defineRoute({
    method: 'GET',
    path: '/vms/{id}/metrics',
    mount: 'api',
    access: 'viewer',
    operationId: 'getVmMetrics',
    summary: 'Current metrics of a VM (zero CPU, memory, network and IOPS unless it is running)',
    tag: 'metrics',
    responses: { 200: { description: 'current metrics', schema: VmMetricsWireSchema } },
    handle: ({ world, principal, params }) => {
      const { vm } = world.vms.get(principal.tenantId, params.id!);
      const point = metricsPoint(world.seed, vm.id, world.nowMs() / 1000, vm.state === 'running');
      return { status: 200, body: { vm_id: vm.id, ...point } };
    },
  }),
  defineRoute<undefined, z.infer<typeof MetricsHistoryQueryWireSchema>>({
    method: 'GET',
    path: '/vms/{id}/metrics/history',
    mount: 'api',
    access: 'viewer',
    operationId: 'getVmMetricsHistory',
    summary: 'Metrics history: deterministic for (seed, VM id, time); default the last hour at 60 s steps; nothing before the VM was created, zero utilisation while it was not running',
    tag: 'metrics',
    query: MetricsHistoryQueryWireSchema,
    responses: { 200: { description: 'points aligned to multiples of step', schema: VmMetricsHistoryWireSchema } },
    handle: ({ world, principal, params, query }) => {
      const record = world.vms.get(principal.tenantId, params.id!);
      const { vm } = record;
      const now = world.nowMs();
      const to = parseTime(query.to, 'to', now);
      const from = parseTime(query.from, 'from', to - 3_600_000);
      const step = query.step === undefined ? 60 : Number(query.step);
      if (step < 1) throw new HttpError(400, 'validation_error', 'step: must be at least 1 second');
      if (from > to) throw new HttpError(400, 'validation_error', 'from: must not be after to');
      const first = Math.ceil(from / 1000 / step) * step;
      const last = Math.floor(to / 1000);
      if ((last - first) / step + 1 > MAX_HISTORY_POINTS) {
        throw new HttpError(400, 'validation_error', `step: the range would give more than ${MAX_HISTORY_POINTS} points`);
      }
      // Nothing before the VM existed; zero utilisation while it was not running (as the current metrics read).
      const points = [];
      for (let t = Math.max(first, Math.ceil(record.createdAtMs / 1000 / step) * step); t <= last; t += step) {
        points.push(metricsPoint(world.seed, vm.id, t, wasRunningAt(record, t * 1000)));
      }
      return { status: 200, body: { vm_id: vm.id, step_seconds: step, points } };
    },
  }),
];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
