import { abortableSleep, backoffDelay, ConnectionError, NovaCronError } from '@novacron/core';
import type { EventFilter, NovaEvent } from '../event-types';
import type { ReconnectBackoff } from '../reconnect-backoff';
import { listerId, listerVersion, listItems, type ResourceLister } from '../resource-lister';
import { filterAdmitsItem, filterAdmitsResourceType } from './event-filter';

/** Queued in the inbox where a relist must happen, so it is ordered with the events around it. */
export interface ResyncBarrier {
  kind: 'resync';
  reason: string;
  epoch: string;
  seq: number;
}

export function isResyncBarrier(item: NovaEvent | ResyncBarrier): item is ResyncBarrier {
  return (item as ResyncBarrier).kind === 'resync';
}

/** What a relist needs from the stream, read at the moment it is needed. */
export interface ResyncHost {
  filter(): EventFilter;
  tenantId(): string;
  isClosed(): boolean;
  error(error: NovaCronError): void;
}

/**
 * The resource versions the stream has delivered, per relisted resource: the relist after a
 * reset is diffed against them into synthetic `resync` events, and live events they already
 * reflect are dropped as stale.
 */
export class Resync {
  /** Last version seen per relisted resource (`type:id`), to diff on relist and drop stale events. */
  private readonly known = new Map<string, number>();
  /** The stream epoch `known` was recorded in: versions from another life of the server do not compare. */
  private knownEpoch: string | undefined;
  /** Resources whose listed version equals the last version delivered: events at that version are already reflected. */
  private readonly listedFloor = new Set<string>();

  constructor(
    private readonly listers: Record<string, ResourceLister> | undefined,
    private readonly retry: Pick<ReconnectBackoff, 'baseDelayMs' | 'maxDelayMs'>,
    private readonly host: ResyncHost,
  ) {}

  /** Some resource type can be relisted, so a reset is worth a resync. */
  get canRelist(): boolean {
    return this.listers !== undefined && Object.keys(this.listers).length > 0;
  }

  /** False for a live event whose resource already has a newer (or the listed) version; records the version otherwise. */
  admit(event: NovaEvent): boolean {
    if (!this.listers?.[event.resourceType] || event.resync) return true;
    const key = `${event.resourceType}:${event.resourceId}`;
    const known = this.known.get(key);
    if (known !== undefined && (event.resourceVersion < known || (event.resourceVersion === known && this.listedFloor.has(key)))) {
      return false;
    }
    this.listedFloor.delete(key);
    if (event.type.endsWith('.deleted')) this.known.delete(key);
    else this.known.set(key, event.resourceVersion);
    return true;
  }

  /**
   * Relists every resource type the filter admits and returns the differences from what was
   * delivered as synthetic events, in a stable order; undefined when the stream closed meanwhile.
   */
  async relist(barrier: ResyncBarrier): Promise<NovaEvent[] | undefined> {
    // A new epoch is a server that restarted: its resource versions started again, so what we
    // knew cannot be compared with what it lists. The list is the truth; every item is re-announced.
    const newEpoch = this.knownEpoch !== undefined && this.knownEpoch !== barrier.epoch;
    this.knownEpoch = barrier.epoch;
    const synthetic: NovaEvent[] = [];
    for (const [resourceType, lister] of Object.entries(this.listers ?? {})) {
      if (!filterAdmitsResourceType(this.host.filter(), resourceType)) continue;
      const items = await this.listWithRetry(lister);
      if (items === undefined) return undefined;
      const listed = new Map<string, { version: number; item: unknown }>();
      for (const item of items) listed.set(listerId(lister, item), { version: listerVersion(lister, item), item });
      const ids = [...listed.keys()].sort();
      for (const id of ids) {
        const { version, item } = listed.get(id)!;
        if (!filterAdmitsItem(this.host.filter(), id, item)) continue;
        const key = `${resourceType}:${id}`;
        const known = this.known.get(key);
        if (known === undefined || version > known || (newEpoch && version !== known)) {
          synthetic.push(this.syntheticEvent(barrier, resourceType, id, version, known === undefined ? 'created' : 'updated', item));
        }
        if (known === undefined || version >= known || newEpoch) {
          this.known.set(key, version);
          this.listedFloor.add(key);
        }
      }
      const prefix = `${resourceType}:`;
      const vanished = [...this.known.keys()].filter((key) => key.startsWith(prefix) && !listed.has(key.slice(prefix.length))).sort();
      for (const key of vanished) {
        const id = key.slice(prefix.length);
        synthetic.push(this.syntheticEvent(barrier, resourceType, id, this.known.get(key)!, 'deleted', { id }));
        this.known.delete(key);
        this.listedFloor.delete(key);
      }
    }
    return synthetic;
  }

  private async listWithRetry(lister: ResourceLister): Promise<unknown[] | undefined> {
    for (let attempt = 1; ; attempt++) {
      if (this.host.isClosed()) return undefined;
      try {
        return listItems(await lister.list());
      } catch (cause) {
        this.host.error(cause instanceof NovaCronError ? cause : new ConnectionError('Relist failed.', { cause }));
        const delay = backoffDelay(attempt, { baseDelayMs: this.retry.baseDelayMs, maxDelayMs: this.retry.maxDelayMs, jitter: 'full' });
        await abortableSleep(delay).catch(() => undefined);
      }
    }
  }

  private syntheticEvent(
    barrier: ResyncBarrier,
    resourceType: string,
    id: string,
    version: number,
    change: 'created' | 'updated' | 'deleted',
    item: unknown,
  ): NovaEvent {
    const fields = (item ?? {}) as Record<string, unknown>;
    const text = (a: string, b: string) => (typeof fields[a] === 'string' ? (fields[a] as string) : typeof fields[b] === 'string' ? (fields[b] as string) : '');
    return {
      id: `resync:${barrier.epoch}:${barrier.seq}:${resourceType}:${id}`,
      seq: barrier.seq,
      epoch: barrier.epoch,
      type: `${resourceType}.${change}`,
      resourceType,
      resourceId: id,
      resourceVersion: version,
      tenantId: text('tenantId', 'tenant_id') || this.host.tenantId(),
      cloudProvider: text('cloudProvider', 'cloud_provider'),
      region: text('region', 'region'),
      timestamp: new Date().toISOString(),
      correlationId: null,
      data: fields,
      resync: true,
    };
  }
}
