import type { CoreClient } from '@novacron/core';
import type { AlertStream, AlertStreamOptions, LogSource, LogStream, LogStreamOptions, SecurityEventStream, SecurityEventStreamOptions } from '@novacron/events';
// Loaded on first use (a client that never streams never loads `ws`); browsers load only these classes.
import { loadEvents } from './load-events';

type Overrides<O> = Partial<Omit<O, 'url'>> & { url?: string };

function connection(core: CoreClient) {
  // A function, so every reconnect uses the session's current (refreshed) token.
  return { url: core.settings.baseUrl, token: async () => (await core.currentToken()) ?? '' };
}


export async function alertStreamFor(core: CoreClient, options: Overrides<AlertStreamOptions> = {}): Promise<AlertStream> {
  const { AlertStream } = await loadEvents();
  return new AlertStream({ ...connection(core), ...options });
}

export async function logStreamFor(core: CoreClient, source: LogSource | undefined, options: Overrides<LogStreamOptions> = {}): Promise<LogStream> {
  const { LogStream } = await loadEvents();
  return new LogStream({ ...connection(core), ...options, ...(source !== undefined && { source }) });
}

export async function securityStreamFor(core: CoreClient, options: Overrides<SecurityEventStreamOptions> = {}): Promise<SecurityEventStream> {
  const { SecurityEventStream } = await loadEvents();
  return new SecurityEventStream({ ...connection(core), ...options });
}
