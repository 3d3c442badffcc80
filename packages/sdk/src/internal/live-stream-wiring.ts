import type { CoreClient } from '@novacron/core';
import type { AlertStream, AlertStreamOptions, LogSource, LogStream, LogStreamOptions, SecurityEventStream, SecurityEventStreamOptions } from '@novacron/events';
// Loaded on first use (a client that never streams never loads `ws`); browsers load only these classes.
import type { EventClasses } from './event-classes';
import { loadEvents } from './load-events';

type Overrides<O> = Partial<Omit<O, 'url'>> & { url?: string };

function connection(core: CoreClient, events: EventClasses) {
  const tls = core.tlsConnectOptions;
  // A function, so every reconnect uses the session's current (refreshed) token; wss:// with the client's TLS settings.
  return { url: core.settings.baseUrl, token: async () => (await core.currentToken()) ?? '', ...(tls && { socketFactory: events.nodeSocketFactory(tls) }) };
}


export async function alertStreamFor(core: CoreClient, options: Overrides<AlertStreamOptions> = {}): Promise<AlertStream> {
  const events = await loadEvents();
  return new events.AlertStream({ ...connection(core, events), ...options });
}

export async function logStreamFor(core: CoreClient, source: LogSource | undefined, options: Overrides<LogStreamOptions> = {}): Promise<LogStream> {
  const events = await loadEvents();
  return new events.LogStream({ ...connection(core, events), ...options, ...(source !== undefined && { source }) });
}

export async function securityStreamFor(core: CoreClient, options: Overrides<SecurityEventStreamOptions> = {}): Promise<SecurityEventStream> {
  const events = await loadEvents();
  return new events.SecurityEventStream({ ...connection(core, events), ...options });
}
