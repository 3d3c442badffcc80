import { applyResourceEvent, type Cache } from '@novacron/cache';
import type { CoreClient } from '@novacron/core';
import type { EventStream, EventStreamOptions, Informer, NovaEvent } from '@novacron/events';
import { vmFromWire, VmWireSchema, type Vm, type VmClient } from '@novacron/vm';
import type { EventClasses } from './event-classes';
import { loadEvents } from './load-events';

/** Every VM of the tenant, all pages: what a relist after a reset must see. */
const RELIST_LIMIT = 10_000;


const listVms = (vm: VmClient) => (): Promise<Vm[]> => vm.vms.list({ pageSize: 500 }).toArray({ limit: RELIST_LIMIT });

function baseOptions(core: CoreClient, vm: VmClient, overrides: Partial<EventStreamOptions>, events: EventClasses): EventStreamOptions {
  const tls = core.tlsConnectOptions;
  return {
    url: core.settings.baseUrl,
    // wss:// with the client's CA and certificate, as its HTTPS calls use.
    ...(tls && { socketFactory: events.nodeSocketFactory(tls) }),
    token: async () => (await core.currentToken()) ?? '',
    relist: { vm: { list: listVms(vm) } },
    ...overrides,
  };
}

/** Every event of the stream evicts what the cache holds for its resource, by version. */
function invalidateOnEvents(stream: EventStream, cache: Cache | undefined): void {
  if (!cache) return;
  // A relist is the truth, and after a server restart its versions restart too: drop what the
  // cache holds for the resource instead of comparing versions across lives of the server.
  stream.on('*', (event: NovaEvent) => applyResourceEvent(cache, event.resync ? { ...event, resourceVersion: undefined } : event).then(() => undefined));
}

export async function eventStreamFor(core: CoreClient, vm: VmClient, cache: Cache | undefined, overrides: Partial<EventStreamOptions> = {}): Promise<EventStream> {
  const events = await loadEvents();
  const stream = new events.EventStream(baseOptions(core, vm, overrides, events));
  invalidateOnEvents(stream, cache);
  return stream;
}

export async function vmInformerFor(core: CoreClient, vm: VmClient, cache: Cache | undefined, overrides: Partial<EventStreamOptions> = {}): Promise<Informer<Vm>> {
  const events = await loadEvents();
  const options = baseOptions(core, vm, overrides, events);
  const informer = await events.watchVms<Vm>({
    ...options,
    // The stream's own relist unless the caller replaced it; typed here, where it is made.
    list: overrides.relist?.['vm'] ? (options.relist!['vm']!.list as () => Promise<Vm[]>) : listVms(vm),
    // Events carry the VM as the wire sends it; the map holds the SDK's camelCase VMs.
    objectFromEvent: (event) => {
      const parsed = VmWireSchema.safeParse(event.data['vm']);
      return parsed.success ? vmFromWire(parsed.data) : undefined;
    },
  });
  invalidateOnEvents(informer.stream, cache);
  return informer;
}
