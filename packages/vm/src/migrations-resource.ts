import { requireId, validateInput, waitUntil, type CoreClient, type PagePromise, type RequestOptions, type WaitOptions } from '@novacron/core';
import * as z from 'zod/mini';
import {
  MIGRATION_STATES,
  MigrationWireSchema,
  StartMigrationInputSchema,
  migrationFromWire,
  startMigrationInputToWire,
  type Migration,
  type MigrationState,
  type StartMigrationInput,
} from './schemas';

export interface ListMigrationsParams {
  vmId?: string;
  state?: MigrationState;
  pageSize?: number;
}

const ListMigrationsParamsSchema = z.object({
  vmId: z.optional(z.string().check(z.minLength(1))),
  state: z.optional(z.enum(MIGRATION_STATES)),
  pageSize: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
});

/** Cold, warm and live migrations of a VM to another node. */
export class MigrationsResource {
  constructor(private readonly core: CoreClient) {}

  /** Start moving a VM; the answer is the pending migration. */
  async start(vmId: string, input: StartMigrationInput, options?: RequestOptions): Promise<Migration> {
    const body = startMigrationInputToWire(validateInput(StartMigrationInputSchema, input, 'migration'));
    const wire = await this.core.request(
      { method: 'POST', path: '/vms/{id}/migrate', params: { id: requireId(vmId, 'vm id') }, body, schema: MigrationWireSchema, context: { vmId } },
      options,
    );
    return migrationFromWire(wire);
  }

  async get(id: string, options?: RequestOptions): Promise<Migration> {
    const wire = await this.core.request({ method: 'GET', path: '/migrations/{id}', params: { id: requireId(id, 'migration id') }, schema: MigrationWireSchema }, options);
    return migrationFromWire(wire);
  }

  list(params: ListMigrationsParams = {}, options?: RequestOptions): PagePromise<Migration> {
    return this.core.list(
      () => {
        const p = validateInput(ListMigrationsParamsSchema, params, 'list parameters');
        return { method: 'GET', path: '/migrations', query: { vm_id: p.vmId, state: p.state }, pageSize: p.pageSize, schema: z.array(MigrationWireSchema) };
      },
      migrationFromWire,
      options,
    );
  }

  async cancel(id: string, options?: RequestOptions): Promise<Migration> {
    const wire = await this.core.request(
      { method: 'POST', path: '/migrations/{id}/cancel', params: { id: requireId(id, 'migration id') }, schema: MigrationWireSchema },
      options,
    );
    return migrationFromWire(wire);
  }

  /**
   * Poll until the migration completes; `onProgress` sees every state (progress, bytes, rate).
   * A failed or cancelled migration ends the wait with OperationFailedError.
   */
  wait(id: string, options: WaitOptions<Migration> = {}): Promise<Migration> {
    return waitUntil(
      (signal) => this.get(id, { signal, cache: 'no-cache' }),
      (m) => {
        if (m.state === 'completed') return 'done';
        if (m.state === 'failed' || m.state === 'cancelled') return { failed: m.errorMessage ?? `migration ${m.state}` };
        return 'pending';
      },
      { intervalMs: 250, ...options, what: `migration ${id}` },
    );
  }
}
