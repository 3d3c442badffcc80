import { EventLog } from '../../events/event-log';
import { emptyStats, type RequestStats } from '../../request-stats';
import type { SeedNode, SeedUser } from '../../seed-data';
import { AccountService } from '../auth/account-service';
import { AuthService } from '../auth/auth-service';
import { TwoFactorService } from '../auth/two-factor-service';
import { UserAdminService } from '../auth/user-admin-service';
import { SeededRandom } from '../random/seeded-random';
import { FederationService } from './federation-service';
import { AlertService } from './alert-service';
import { LogService } from './log-service';
import { MigrationService } from './migration-service';
import { SecurityService } from './security-service';
import { NetworkService } from './network-service';
import { NodeFleet } from './node-fleet';
import { Scheduler } from './scheduler';
import { VmService } from './vm-service';

export interface WorldOptions {
  seed: number | string;
  timeScale: number;
  tokenTtlSeconds: number;
  authSecret: string;
  users: readonly SeedUser[];
  nodes: readonly SeedNode[];
  eventBufferSize: number;
  /** Epoch milliseconds; injectable so metrics and timestamps can be pinned. */
  clock: () => number;
  /** Epoch milliseconds that token lifetimes run on. */
  tokenClock: () => number;
}

export interface PublishArgs {
  type: string;
  resourceType: string;
  resourceId: string;
  resourceVersion: number;
  tenantId: string;
  cloudProvider?: string | undefined;
  region?: string | undefined;
  correlationId?: string | null | undefined;
  data: Record<string, unknown>;
}

/** The whole simulated control plane: one instance per simulator, everything in memory. */
export class World {
  readonly seed: number | string;
  readonly random: SeededRandom;
  readonly scheduler: Scheduler;
  readonly events: EventLog;
  readonly auth: AuthService;
  readonly nodes: NodeFleet;
  readonly vms: VmService;
  readonly migrations: MigrationService;
  readonly networks: NetworkService;
  readonly security: SecurityService;
  readonly alerts: AlertService;
  readonly logs: LogService;
  readonly accounts: AccountService;
  readonly twoFactor: TwoFactorService;
  readonly userAdmin: UserAdminService;
  readonly federation: FederationService;
  stats: RequestStats = emptyStats();
  private readonly clock: () => number;
  private version = 0;

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.clock = options.clock;
    this.random = new SeededRandom(options.seed);
    this.scheduler = new Scheduler(options.timeScale);
    this.events = new EventLog(options.eventBufferSize);
    this.auth = new AuthService(options.authSecret, options.tokenTtlSeconds);
    this.auth.clock = options.clock;
    this.auth.tokenClock = options.tokenClock;
    for (const user of options.users) this.auth.addUser(user);
    this.nodes = new NodeFleet(options.nodes, () => this.nextVersion());
    this.vms = new VmService(this);
    this.migrations = new MigrationService(this);
    this.networks = new NetworkService(this);
    this.security = new SecurityService(this);
    this.alerts = new AlertService(this);
    this.logs = new LogService(this);
    this.security.subscribe((change) => this.logs.fromSecurity(change));
    this.auth.onAudit = (event) => this.security.fromAuth(event);
    this.accounts = new AccountService(this);
    this.twoFactor = new TwoFactorService(this);
    this.userAdmin = new UserAdminService(this);
    this.federation = new FederationService(this);
  }

  /** One counter for every resource: a later change always carries a larger version. */
  nextVersion(): number {
    return ++this.version;
  }

  /** A seeded id in upstream's `<kind>-<suffix>` style, so the same seed makes the same ids. */
  newId(prefix: string): string {
    return `${prefix}-${this.random.hex(12)}`;
  }

  /** The simulated wall clock in epoch milliseconds. */
  nowMs(): number {
    return this.clock();
  }

  now(): string {
    return new Date(this.clock()).toISOString();
  }

  publish(args: PublishArgs): void {
    this.events.publish({
      type: args.type,
      resource_type: args.resourceType,
      resource_id: args.resourceId,
      resource_version: args.resourceVersion,
      tenant_id: args.tenantId,
      cloud_provider: args.cloudProvider ?? '',
      region: args.region ?? '',
      correlation_id: args.correlationId ?? null,
      data: args.data,
    });
  }

  close(): void {
    this.scheduler.close();
  }
}
