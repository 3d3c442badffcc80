import { EventStream, type EventStreamOptions } from './event-stream';
import type { NovaEvent } from './event-types';
import { listerId, listerVersion, type ListResult } from './resource-lister';

export interface InformerOptions<T> extends Omit<EventStreamOptions, 'relist' | 'listOnStart'> {
  /** The resource type this informer mirrors (`vm`). */
  resourceType: string;
  /** Lists every resource of the type (for `vm`: the VM client's `vms.list`). */
  list: () => Promise<ListResult<T>>;
  id?: (item: T) => string;
  version?: (item: T) => number;
  /** Turns a live event into the object to store; default `event.data[resourceType]`. Undefined keeps the stored one. */
  objectFromEvent?: (event: NovaEvent) => T | undefined;
}

export type InformerChange = 'add' | 'update' | 'delete';
export type InformerListener<T> = (change: InformerChange, item: T, event: NovaEvent) => void;

/**
 * A live, version-correct map of one resource type, built from list + watch: list once, then
 * apply every event newer than what is stored; after a reset, relist and apply the diff.
 * Never lets an older version overwrite a newer one.
 */
export class Informer<T> {
  readonly stream: EventStream;
  private readonly items = new Map<string, T>();
  private readonly versions = new Map<string, number>();
  private epoch: string | undefined;
  private readonly listeners = new Set<InformerListener<T>>();
  private readonly options: InformerOptions<T>;
  private syncedResolve!: () => void;
  /** Resolves once the first list has been applied. */
  readonly synced: Promise<void>;

  constructor(options: InformerOptions<T>) {
    this.options = options;
    this.synced = new Promise((resolve) => {
      this.syncedResolve = resolve;
    });
    const filter = { ...options.filter, resourceTypes: [options.resourceType] };
    this.stream = new EventStream({
      ...options,
      filter,
      listOnStart: true,
      relist: { [options.resourceType]: { list: options.list, id: options.id, version: options.version } },
    });
    this.stream.on(`${options.resourceType}.*`, (event) => this.apply(event));
    this.stream.onState((change) => {
      if (change.reason === 'resynced') this.syncedResolve();
    });
  }

  /** Connects, lists and resolves when the map reflects the server. */
  async start(): Promise<void> {
    await this.stream.start();
    await this.synced;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  versionOf(id: string): number | undefined {
    return this.versions.get(id);
  }

  /** A snapshot of the map. */
  list(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  onChange(listener: InformerListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.stream.close();
  }

  private apply(event: NovaEvent): void {
    if (event.resourceType !== this.options.resourceType) return;
    const id = event.resourceId;
    if (event.epoch !== this.epoch) {
      // Versions of another life of the server do not compare with this one's; the relist that
      // opens a new epoch re-announces every item, so forgetting them loses nothing.
      if (this.epoch !== undefined) this.versions.clear();
      this.epoch = event.epoch;
    }
    const current = this.versions.get(id);
    if (current !== undefined && event.resourceVersion < current) return;
    if (event.type.endsWith('.deleted')) {
      const item = this.items.get(id);
      this.items.delete(id);
      this.versions.delete(id);
      if (item !== undefined) this.notify('delete', item, event);
      return;
    }
    const item = event.resync ? (event.data as T) : this.objectFromEvent(event);
    if (item === undefined) return;
    const lister = { list: this.options.list, id: this.options.id, version: this.options.version };
    if (listerId(lister, item) !== id) return;
    const version = Math.max(event.resourceVersion, listerVersion(lister, item));
    const existed = this.items.has(id);
    this.items.set(id, item);
    this.versions.set(id, version);
    this.notify(existed ? 'update' : 'add', item, event);
  }

  private objectFromEvent(event: NovaEvent): T | undefined {
    if (this.options.objectFromEvent) return this.options.objectFromEvent(event);
    const candidate = event.data[this.options.resourceType];
    return typeof candidate === 'object' && candidate !== null ? (candidate as T) : undefined;
  }

  private notify(change: InformerChange, item: T, event: NovaEvent): void {
    for (const listener of this.listeners) listener(change, item, event);
  }
}
