import { attemptRequest, isMutating, SharedTask, type NovaRequest, type NovaResponse, type Policy, type QueryValue, type SendNext } from '@novacron/core';
import type { Cache } from './cache';
import type { GetOrSetOptions } from './cache-options';
import { InvalidationRules } from './invalidation-rules';
import { defaultIdentity, type IdentityResolver } from './request-identity';

export interface RouteCacheSettings {
  ttl: number;
  grace?: number;
  eagerRefresh?: number;
}

export interface CachePolicyOptions {
  /**
   * TTL (ms) per GET route template, e.g. `{ '/vms/{id}': 30_000, '/vms': 5_000 }` (a leading
   * `GET ` is allowed). Routes not listed use `defaultTtl`, or are not cached without one.
   */
  routes?: Record<string, number | RouteCacheSettings>;
  defaultTtl?: number;
  /** Which writes invalidate which reads. */
  rules?: InvalidationRules;
  /** Keeps tenants apart; see `defaultIdentity` and `tokenIdentity`. */
  identity?: IdentityResolver;
}

type CachedResponse = Omit<NovaResponse, 'request'>;

/**
 * The cache as a pipeline policy (phase perCall). GETs of configured routes are served from
 * the cache, keyed by route template, path, query and identity; `cache: 'no-cache'` reads
 * through and refreshes the entry, `cache: 'no-store'` bypasses it. Every POST/PUT/PATCH/DELETE
 * invalidates what `rules` maps it to, whether it succeeded or not (a timed-out write may
 * still have happened).
 */
export class CachePolicy implements Policy {
  readonly name = 'cache';
  readonly rules: InvalidationRules;
  private readonly routes = new Map<string, RouteCacheSettings>();
  private readonly defaultTtl: number | undefined;
  private readonly identity: IdentityResolver;
  /** Loads in flight per key: they run on their own signal, and each caller waits on its own. */
  private readonly loads = new Map<string, SharedTask<CachedResponse>>();

  constructor(
    readonly cache: Cache,
    options: CachePolicyOptions = {},
  ) {
    for (const [route, setting] of Object.entries(options.routes ?? {})) {
      this.routes.set(route.replace(/^GET\s+/, ''), typeof setting === 'number' ? { ttl: setting } : setting);
    }
    this.defaultTtl = options.defaultTtl;
    this.rules = options.rules ?? new InvalidationRules();
    this.identity = options.identity ?? defaultIdentity;
  }

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (isMutating(request.method)) {
      try {
        return await next(request);
      } finally {
        await Promise.all(this.rules.tagsForWrite(request).map((tag) => this.cache.deleteByTag(tag)));
      }
    }
    if (request.method !== 'GET' || request.cache === 'no-store') return next(request);
    const settings = this.settingsFor(request);
    if (!settings) return next(request);
    const identity = await this.identity(request);
    if (identity === undefined) return next(request);

    const key = `http:${identity}:${request.route}:${request.path}?${canonicalQuery(request.query)}`;
    const options: GetOrSetOptions<CachedResponse> = {
      ttl: settings.ttl,
      tags: this.rules.tagsForRead(request),
      ...(settings.grace === undefined ? {} : { grace: settings.grace }),
      ...(settings.eagerRefresh === undefined ? {} : { eagerRefresh: settings.eagerRefresh }),
    };
    if (request.cache === 'no-cache') {
      const response = await next(request);
      if (response.status >= 200 && response.status < 300) await this.cache.set(key, strip(response), { ...options, version: versionOf(response) });
      return response;
    }

    let load = this.loads.get(key);
    if (load === undefined) {
      const shared = new SharedTask<CachedResponse>((signal) =>
        this.cache.getOrSet<CachedResponse>(
          key,
          async (ctx) => {
            // The caller's request minus its signal: the load is everyone's, not the first caller's.
            const response = await next(attemptRequest(request, { signal }));
            ctx.cacheable = response.status >= 200 && response.status < 300;
            ctx.version = versionOf(response);
            return strip(response);
          },
          options,
        ),
      );
      this.loads.set(key, shared);
      const forget = () => {
        if (this.loads.get(key) === shared) this.loads.delete(key);
      };
      shared.promise.then(forget, forget);
      load = shared;
    }
    const cached = await load.join(request.signal);
    return { ...cached, request };
  }

  private settingsFor(request: NovaRequest): RouteCacheSettings | undefined {
    const template = request.route.replace(/^[A-Z]+\s+/, '');
    return this.routes.get(template) ?? (this.defaultTtl === undefined ? undefined : { ttl: this.defaultTtl });
  }
}

function strip(response: NovaResponse): CachedResponse {
  return { status: response.status, headers: response.headers, body: response.body, requestId: response.requestId };
}

/** The resource version of a single-resource response: the body's, else a numeric ETag. */
function versionOf(response: NovaResponse): number | undefined {
  const body = response.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const v = body['resource_version'] ?? body['resourceVersion'];
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  }
  const etag = response.headers['etag']?.replace(/^W\//, '').replace(/"/g, '');
  if (etag && /^\d+$/.test(etag)) return Number(etag);
  return undefined;
}

function canonicalQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  return Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== null)
    .sort()
    .map((k) => {
      const v = query[k]!;
      return `${encodeURIComponent(k)}=${Array.isArray(v) ? v.map((x) => encodeURIComponent(String(x))).join(',') : encodeURIComponent(String(v))}`;
    })
    .join('&');
}
