import { requireId, waitUntil, type CoreClient, type PagePromise, type RequestOptions, type WaitOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { checkInput } from './internal/check-input';
import { wireSchema } from './internal/wire-schema';
import type { ProviderRegistry } from './provider-registry';
import {
  FEDERATION_MIGRATION_STATES,
  FederationMigrationWireSchema,
  StartCrossCloudMigrationInputSchema,
  crossCloudMigrationFromWire,
  startMigrationToWire,
  type CrossCloudMigration,
  type FederationMigrationState,
  type StartCrossCloudMigrationInput,
} from './schemas/migration-schema';

export interface ListCrossCloudMigrationsParams {
  vmId?: string;
  state?: FederationMigrationState;
  planId?: string;
  pageSize?: number;
}

const ListParamsSchema = z.object({
  vmId: z.optional(z.string().check(z.minLength(1))),
  state: z.optional(z.enum(FEDERATION_MIGRATION_STATES)),
  planId: z.optional(z.string().check(z.minLength(1))),
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
});

const MigrationSchema = wireSchema(FederationMigrationWireSchema);
const MigrationListSchema = wireSchema(z.array(FederationMigrationWireSchema));

export function isTerminalMigration(state: FederationMigrationState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled';
}

/** Cross-cloud migrations (`/federation/migrations`): a VM moved to a cluster on another cloud. */
export class CrossCloudMigrationsResource {
  constructor(
    private readonly core: CoreClient,
    private readonly providers: ProviderRegistry,
  ) {}

  /** Starts a move; the answer is the pending migration. Unknown providers are refused before any request. */
  async start(input: StartCrossCloudMigrationInput, options?: RequestOptions): Promise<CrossCloudMigration> {
    const valid = checkInput(StartCrossCloudMigrationInputSchema, input, 'cross-cloud migration');
    if (valid.targetProvider !== undefined) this.providers.assertKnown(valid.targetProvider, 'targetProvider');
    const wire = await this.core.request(
      { method: 'POST', path: '/federation/migrations', body: startMigrationToWire(valid), schema: MigrationSchema, context: { vmId: valid.vmId } },
      options,
    );
    return crossCloudMigrationFromWire(wire);
  }

  async get(id: string, options?: RequestOptions): Promise<CrossCloudMigration> {
    const wire = await this.core.request({ method: 'GET', path: '/federation/migrations/{id}', params: { id: requireId(id, 'migration id') }, schema: MigrationSchema }, options);
    return crossCloudMigrationFromWire(wire);
  }

  list(params: ListCrossCloudMigrationsParams = {}, options?: RequestOptions): PagePromise<CrossCloudMigration> {
    return this.core.list(
      () => {
        const p = checkInput(ListParamsSchema, params, 'list parameters');
        return { method: 'GET', path: '/federation/migrations', query: { vm_id: p.vmId, state: p.state, plan_id: p.planId }, pageSize: p.pageSize, schema: MigrationListSchema };
      },
      crossCloudMigrationFromWire,
      options,
    );
  }

  async cancel(id: string, options?: RequestOptions): Promise<CrossCloudMigration> {
    const wire = await this.core.request({ method: 'POST', path: '/federation/migrations/{id}/cancel', params: { id: requireId(id, 'migration id') }, schema: MigrationSchema }, options);
    return crossCloudMigrationFromWire(wire);
  }

  /** Polls until the migration ends (completed, failed or cancelled) and returns it; `onProgress` sees every poll. */
  settle(id: string, options: WaitOptions<CrossCloudMigration> = {}): Promise<CrossCloudMigration> {
    return waitUntil(
      (signal) => this.get(id, { signal, cache: 'no-cache' }),
      (m) => (isTerminalMigration(m.state) ? 'done' : 'pending'),
      { intervalMs: 250, ...options, what: `cross-cloud migration ${id}` },
    );
  }

  /** As settle, but a failed or cancelled migration is an OperationFailedError. */
  wait(id: string, options: WaitOptions<CrossCloudMigration> = {}): Promise<CrossCloudMigration> {
    return waitUntil(
      (signal) => this.get(id, { signal, cache: 'no-cache' }),
      (m) => (m.state === 'completed' ? 'done' : isTerminalMigration(m.state) ? { failed: m.errorMessage ?? `migration ${m.state}` } : 'pending'),
      { intervalMs: 250, ...options, what: `cross-cloud migration ${id}` },
    );
  }
}
