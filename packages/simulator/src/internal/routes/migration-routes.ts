import { MIGRATION_STATES, MigrationWireSchema, StartMigrationWireSchema, type StartMigrationWire } from '@novacron/vm';
import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { resourceReply } from './resource-headers';

/** The old SDKs' `status=` (MigrationStatus: pending, running, completed, failed, cancelled); `running` is any state in flight. */
const OLD_STATUS_STATES: Record<string, readonly string[]> = { running: ['preparing', 'transferring', 'activating'] };

const MigrationListQuerySchema = z.object({
  vm_id: z.string().optional(),
  state: z.enum(MIGRATION_STATES).optional(),
  status: z
    .enum([...MIGRATION_STATES, 'running'])
    .optional()
    .describe('older SDKs\' name for state; `running` means preparing, transferring or activating'),
  ...paginationQuery,
});

/** Upstream's default migration type (`DefaultMigrationOptions`) when an old client sends none. */
const DEFAULT_MIGRATION_TYPE = 'cold';

const StartMigrationRequestSchema = z.preprocess(
  (body) => (typeof body === 'object' && body !== null && !('type' in body) ? { ...body, type: DEFAULT_MIGRATION_TYPE } : body),
  StartMigrationWireSchema,
);

export const migrationRoutes: RouteDefinition[] = [
  defineRoute<StartMigrationWire>({
    method: 'POST',
    path: '/vms/{id}/migrate',
    mount: 'api',
    access: 'operator',
    operationId: 'migrateVm',
    summary: 'Start migrating a VM to another node (`type` defaults to cold, as upstream); follow it with GET /migrations/{id} or the events',
    tag: 'migrations',
    body: StartMigrationRequestSchema,
    responses: {
      202: { description: 'the migration, `pending`', schema: MigrationWireSchema, headers: ['ETag', 'Location'] },
      409: { description: 'VM state, same node, node offline or no capacity on the target', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params, body }) => {
      const record = world.vms.get(principal.tenantId, params.id!);
      const migration = world.migrations.start(record, body);
      const reply = resourceReply(202, migration);
      reply.headers!.Location = `/api/v1/migrations/${migration.id}`;
      return reply;
    },
  }),
  defineRoute<undefined, z.infer<typeof MigrationListQuerySchema>>({
    method: 'GET',
    path: '/migrations',
    mount: 'api',
    access: 'viewer',
    operationId: 'listMigrations',
    summary: "List the tenant's migrations, oldest first",
    tag: 'migrations',
    query: MigrationListQuerySchema,
    responses: { 200: { description: 'a page of migrations', schema: MigrationWireSchema, paginated: true } },
    handle: ({ world, principal, query }) => {
      const wanted = query.state ?? query.status;
      const states = wanted === undefined ? undefined : (OLD_STATUS_STATES[wanted] ?? [wanted]);
      const all = world.migrations.list(principal.tenantId, { vmId: query.vm_id });
      return paginatedReply(states ? all.filter((m) => states.includes(m.state)) : all, query);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/migrations/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getMigration',
    summary: 'Get a migration',
    tag: 'migrations',
    responses: { 200: { description: 'the migration', schema: MigrationWireSchema, headers: ['ETag'] } },
    handle: ({ world, principal, params, headers }) =>
      resourceReply(200, world.migrations.get(principal.tenantId, params.id!), headers['if-none-match']),
  }),
  defineRoute({
    method: 'POST',
    path: '/migrations/{id}/cancel',
    mount: 'api',
    access: 'operator',
    operationId: 'cancelMigration',
    summary: 'Cancel a migration that has not reached `activating`; the VM stays on its source',
    tag: 'migrations',
    responses: {
      200: { description: 'the cancelled migration', schema: MigrationWireSchema },
      409: { description: 'too late to cancel', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, params }) => resourceReply(200, world.migrations.cancel(principal.tenantId, params.id!)),
  }),
];
