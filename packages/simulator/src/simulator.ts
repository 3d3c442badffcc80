import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { MigrationWire, NetworkWire, NodeWire, VmWire } from '@novacron/vm';
import type { EventLog } from './events/event-log';
import type { FaultControls } from './fault-rule';
import type { AccessTokenResult } from './internal/auth/auth-service';
import { FaultInjector } from './internal/faults/fault-injector';
import type { FederationControls } from './internal/world/federation-service';
import { RequestHandler } from './internal/http/request-handler';
import { Router } from './internal/http/router';
import { ROUTES } from './internal/route-table';
import { World } from './internal/world/world';
import { emptyStats, type RequestStats } from './request-stats';
import { DEFAULT_NODES, DEFAULT_USERS, type SeedNode, type SeedUser } from './seed-data';
import type { EventEnvelope, PublishInput } from './events/event-log';
import { attachEventSockets, type EventSockets, type EventSocketsOptions } from './ws/event-sockets';
import { attachLiveSockets, type LiveSocketsOptions } from './ws/live-sockets';
import type { AlertThresholds } from './internal/world/alert-service';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seeds ids, rates, metrics and fault dice: the same seed and requests give the same answers. Default 42. */
  seed?: number | string;
  /** Multiplies every state-transition duration: 0.01 for fast tests, 0 for "next tick". Default 1. */
  timeScale?: number;
  /** Access token lifetime. Default 900 (15 min). */
  tokenTtlSeconds?: number;
  /** Replaces the default users (see README). */
  users?: SeedUser[];
  /** Replaces the default fleet of five nodes across kvm, aws, azure and gcp. */
  nodes?: SeedNode[];
  /** Events kept for resume. Default 10 000. */
  eventBufferSize?: number;
  /** HS256 secret for tokens; random per start by default, so tokens die with the simulator. */
  authSecret?: string;
  /**
   * The simulated wall clock (epoch milliseconds) behind metrics and resource timestamps. Default
   * `Date.now`; tests pin it so a number served never depends on the time of day they run at.
   */
  clock?: () => number;
  /**
   * The clock token lifetimes run on (epoch milliseconds): JWT `iat`/`exp`, refresh tokens, sessions.
   * Default `Date.now`, which the SDK's own expiry checks agree with; a test of expiry moves it instead
   * of waiting.
   */
  tokenClock?: () => number;
  /** Heartbeat, bookmark and batching settings of `/api/ws/events`. */
  eventSockets?: Omit<EventSocketsOptions, 'eventLog' | 'verifyToken'>;
  /** Timing of `/api/ws/alerts`, `/api/ws/logs` and `/api/ws/security/events`. */
  liveSockets?: Pick<LiveSocketsOptions, 'heartbeatIntervalMs' | 'securityIntervalMs' | 'authTimeoutMs'>;
  /** Percent levels at which VM metrics fire warning and critical alerts. */
  alertThresholds?: Partial<AlertThresholds>;
  /** How often (real ms) VM metrics are checked against the thresholds; 0 only on reads and `controls.alerts.evaluate()`. Default 5 000. */
  alertIntervalMs?: number;
  /**
   * Serve HTTPS (and WSS) instead of HTTP, for TLS tests: the server's key and certificate, and
   * with `requestCert` a CA whose client certificates it accepts (mutual TLS). `minVersion` and
   * `maxVersion` pin the protocol (a TLSv1.1-only server needs `ciphers: 'DEFAULT@SECLEVEL=0'` on OpenSSL 3).
   */
  https?: Pick<HttpsServerOptions, 'key' | 'cert' | 'ca' | 'requestCert' | 'minVersion' | 'maxVersion' | 'ciphers'>;
}

export interface SimulatorSnapshot {
  vms: VmWire[];
  migrations: MigrationWire[];
  nodes: NodeWire[];
  networks: NetworkWire[];
}

export interface SimulatorControls {
  faults: FaultControls;
  /** A copy of the request counters. */
  stats(): RequestStats;
  resetStats(): void;
  addUser(user: SeedUser): void;
  setTimeScale(timeScale: number): void;
  /** The next migration started fails part-way through its transfer. */
  failNextMigration(reason?: string): void;
  /** Node goes offline: its VMs fail and migrations touching it fail (`node.failure`). */
  failNode(nodeId: string): void;
  /** Node comes back online (`node.recovered`); failed VMs stay failed until started. */
  recoverNode(nodeId: string): void;
  /** A deep copy of every tenant's state, for assertions. */
  snapshot(): SimulatorSnapshot;
  /** An access token for a user (email or username) with any lifetime; a negative one is already expired. */
  issueAccessToken(login: string, ttlSeconds?: number): string;
  /** Publishes any event (cost alerts, compliance violations, chaos runs); tenant `*` reaches every tenant. */
  publishEvent(input: Partial<PublishInput> & Pick<PublishInput, 'type' | 'resource_id'>): EventEnvelope;
  /** Cuts every WebSocket, optionally half-way through a frame. Returns how many were cut. */
  dropConnections(options?: { midFrame?: boolean }): number;
  /** Keeps every events socket open but stops reading and writing (a half-dead server). */
  freezeConnections(): number;
  /** Checks VM metrics against the alert thresholds now (at the simulated clock), or changes the thresholds. */
  alerts: { evaluate(): void; setThresholds(thresholds: Partial<AlertThresholds>): void };
  /** The outbox of account mail: the last password-reset token sent to an address. */
  accounts: { lastResetToken(email: string): string | undefined };
  /** Clusters, compliance labels and cross-cloud migration faults of the federated world. */
  federation: FederationControls;
}

export interface Simulator {
  /** `http://host:port` (`https://` when served over TLS), no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly controls: SimulatorControls;
  readonly events: EventLog;
  /** The HTTP server, so a WebSocket server can attach to its 'upgrade' event. */
  readonly server: Server;
  /** Verifies a Bearer access token exactly as the REST routes do. */
  verifyAccessToken(token: string): AccessTokenResult;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 42;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0)) throw new RangeError('timeScale must be 0 or more');
  const world = new World({
    seed,
    timeScale,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    authSecret: options.authSecret ?? randomBytes(32).toString('base64url'),
    users: options.users ?? DEFAULT_USERS,
    nodes: options.nodes ?? DEFAULT_NODES,
    eventBufferSize: options.eventBufferSize ?? 10_000,
    clock: options.clock ?? Date.now,
    tokenClock: options.tokenClock ?? Date.now,
  });
  const faults = new FaultInjector(seed);
  const handler = new RequestHandler({ world, router: new Router(ROUTES), faults });
  const server: Server = options.https
    ? // With requestCert, a client without a trusted certificate is refused in the handshake.
      createHttpsServer({ keepAlive: true, ...options.https, rejectUnauthorized: options.https.requestCert === true }, handler.handle)
    : createServer({ keepAlive: true }, handler.handle);
  // Tests fire a thousand concurrent calls; the default backlog and timeouts are fine, headers are not huge.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const sockets: EventSockets = attachEventSockets(server, {
    ...options.eventSockets,
    eventLog: world.events,
    verifyToken: (token) => {
      const result = world.auth.verifyAccessToken(token);
      return result.ok ? { tenantId: result.principal.tenantId, role: result.principal.role, subject: result.principal.userId } : undefined;
    },
  });
  const live = attachLiveSockets(server, {
    ...options.liveSockets,
    alerts: world.alerts,
    logs: world.logs,
    security: world.security,
    now: () => world.now(),
    verifyToken: (token) => {
      const result = world.auth.verifyAccessToken(token);
      return result.ok ? result.principal : undefined;
    },
  });
  if (options.alertThresholds) world.alerts.thresholds = { ...world.alerts.thresholds, ...options.alertThresholds };
  const alertTimer = (options.alertIntervalMs ?? 5_000) > 0 ? setInterval(() => world.alerts.evaluate(), options.alertIntervalMs ?? 5_000) : undefined;
  alertTimer?.unref();
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const controls: SimulatorControls = {
    faults,
    stats: () => structuredClone(world.stats),
    resetStats: () => {
      world.stats = emptyStats();
    },
    addUser: (user) => {
      world.auth.addUser(user);
    },
    setTimeScale: (scale) => {
      if (!(scale >= 0)) throw new RangeError('timeScale must be 0 or more');
      world.scheduler.timeScale = scale;
    },
    failNextMigration: (reason = 'injected migration failure') => world.migrations.failNextMigration(reason),
    failNode: (nodeId) => setNodeHealth(world, nodeId, false),
    recoverNode: (nodeId) => setNodeHealth(world, nodeId, true),
    snapshot: () =>
      structuredClone({
        vms: world.vms.all().map((record) => record.vm),
        migrations: world.migrations.all(),
        nodes: world.nodes.list(),
        networks: world.networks.allNetworks(),
      }),
    issueAccessToken: (login, ttlSeconds) => world.auth.issueAccessToken(login, ttlSeconds),
    publishEvent: (input) =>
      world.events.publish({
        resource_type: input.type.split('.')[0] ?? 'event',
        resource_version: world.nextVersion(),
        tenant_id: 'default',
        cloud_provider: '',
        region: '',
        correlation_id: null,
        data: {},
        ...input,
      }),
    dropConnections: (dropOptions) => sockets.dropConnections(dropOptions),
    freezeConnections: () => sockets.freezeConnections(),
    alerts: {
      evaluate: () => world.alerts.evaluate(),
      setThresholds: (thresholds) => {
        world.alerts.thresholds = { ...world.alerts.thresholds, ...thresholds };
      },
    },
    accounts: { lastResetToken: (email) => world.accounts.lastResetToken(email) },
    federation: world.federation.controls,
  };

  let closing: Promise<void> | undefined;
  return {
    url: `${options.https ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    controls,
    events: world.events,
    server,
    verifyAccessToken: (token) => world.auth.verifyAccessToken(token),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        world.close();
        clearInterval(alertTimer);
        void sockets.close();
        void live.close();
        server.close(() => resolve());
        // close() alone waits for idle keep-alive sockets to time out.
        server.closeAllConnections();
      })),
  };
}

function setNodeHealth(world: World, nodeId: string, healthy: boolean): void {
  const node = world.nodes.get(nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  if ((node.status === 'online') === healthy) return;
  world.nodes.setStatus(node, healthy ? 'online' : 'offline');
  world.publish({
    type: healthy ? 'node.recovered' : 'node.failure',
    resourceType: 'node',
    resourceId: node.id,
    resourceVersion: node.resource_version,
    tenantId: '*',
    cloudProvider: node.cloud_provider,
    region: node.region,
    data: { node: { ...node } },
  });
  if (!healthy) {
    world.migrations.failOnNode(nodeId);
    world.vms.failOnNode(nodeId);
  }
}
