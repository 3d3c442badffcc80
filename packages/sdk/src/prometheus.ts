// `@novacron/sdk/prometheus` (Node only): the SDK's metrics as prom-client collectors on a
// Registry you pass, beside prom-client's process metrics. prom-client is an optional peer.
import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { NovaRequest, NovaResponse, Policy, SendNext } from '@novacron/core';
import { APIError, NovaCronError } from '@novacron/core';
import type { NovaCronClient } from './create-client';

export interface PrometheusCollectorsOptions {
  /**
   * Most distinct `route` label values kept; calls on further routes are counted under
   * `route="other"`. The SDK's own resources use a few dozen templates. Default 200.
   */
  maxRoutes?: number;
  /** Also register prom-client's process metrics (memory, GC, event-loop lag, CPU). Default true. */
  defaultMetrics?: boolean;
  /** Prefix of every metric name. Default `novacron_`. */
  prefix?: string;
}

export interface PrometheusCollectors {
  /** Stop feeding the collectors from this client (they stay registered with their last values). */
  detach(): void;
}

/** Seconds; request latencies of this API sit between a few ms and the 30 s default timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const STATE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Bounded label values: the first `max` seen are kept, the rest are `other`. */
class LabelBound {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}
  value(v: string): string {
    if (this.seen.has(v)) return v;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(v);
    return v;
  }
}

function outcomeOf(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) return `${Math.floor(error.status / 100)}xx`;
  return error instanceof NovaCronError ? error.name : 'error';
}

type Labels = Record<string, string>;

/**
 * A counter fed from running totals kept elsewhere (the cache's): at each scrape it moves by what
 * changed since the last one, and every listed series is present from the first scrape on.
 */
function runningTotal(registers: Registry[], name: string, help: string, labelNames: string[], read: () => Array<[Labels, number]>): void {
  const last = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames,
    registers,
    collect() {
      for (const [labels, total] of read()) {
        const key = JSON.stringify(labels);
        const delta = total - (last.get(key) ?? 0);
        last.set(key, total);
        this.inc(labels, Math.max(0, delta));
      }
    },
  });
}

/** A gauge that reads one number at each scrape. */
function readGauge(registers: Registry[], name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers,
    collect() {
      this.set(read());
    },
  });
}

/** Registers the client's collectors on `registry`. */
export function registerPrometheusCollectors(registry: Registry, client: NovaCronClient, options: PrometheusCollectorsOptions = {}): PrometheusCollectors {
  const prefix = options.prefix ?? 'novacron_';
  const routes = new LabelBound(options.maxRoutes ?? 200);
  const registers = [registry];
  const duration = new Histogram({
    name: `${prefix}client_request_duration_seconds`,
    help: 'Duration of each HTTP attempt the SDK made, by route template and outcome.',
    labelNames: ['method', 'route', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const policy: Policy = {
    name: 'prometheus',
    async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
      const end = duration.startTimer({ method: request.method, route: routes.value(request.route) });
      try {
        const response = await next(request);
        end({ outcome: `${Math.floor(response.status / 100)}xx` });
        return response;
      } catch (error) {
        end({ outcome: outcomeOf(error) });
        throw error;
      }
    },
  };
  client.pipeline.add(policy, { phase: 'perRetry' });

  readGauge(registers, `${prefix}client_in_flight_calls`, 'Calls started and not yet settled.', () => client.inFlightCalls);

  // One origin per client; the state label has six fixed values.
  new Gauge({
    name: `${prefix}client_pool_connections`,
    help: "The connection pool (undici's stats): sockets connected and free, requests running, pending and queued, and the pool's size.",
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.reset();
      const totals = { connected: 0, free: 0, pending: 0, queued: 0, running: 0, size: 0 };
      for (const stats of Object.values(client.core.poolStats())) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += stats[key] ?? 0;
      for (const [state, value] of Object.entries(totals)) this.set({ state }, value);
    },
  });

  new Gauge({
    name: `${prefix}event_streams`,
    help: 'Event streams this client has open, by connection state.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.reset();
      const byState: Record<string, number> = {};
      for (const s of client.streamStats()) byState[s.state] = (byState[s.state] ?? 0) + 1;
      for (const [state, n] of Object.entries(byState)) this.set({ state }, n);
    },
  });
  readGauge(registers, `${prefix}event_stream_lag_events`, 'Events received on the open streams and not yet delivered to a handler or iterator.', () => client.streamStats().reduce((sum, s) => sum + s.lagEvents, 0));

  const events = new Counter({
    name: `${prefix}resilience_events_total`,
    help: 'Retries, breaker transitions, rejections, hedges and rate-limit delays, by event and route.',
    labelNames: ['event', 'route'] as const,
    registers,
  });
  const stopEvents = client.resilience?.events.on('*', (e) => events.inc({ event: e.event, route: routes.value(e.route) }));

  const resilience = client.resilience;
  if (resilience) {
    new Gauge({
      name: `${prefix}circuit_breaker_state`,
      help: 'Circuit state per route: 0 closed, 1 half-open, 2 open.',
      labelNames: ['route'] as const,
      registers,
      collect() {
        this.reset();
        for (const b of resilience.breakers()) this.set({ route: routes.value(b.route) }, STATE[b.state as keyof typeof STATE] ?? 2);
      },
    });
    // The token-bucket budget (the preset's) says how many tokens it holds; a custom budget may not.
    const budget = resilience.retryBudget as { readonly available?: number } | undefined;
    if (typeof budget?.available === 'number') {
      readGauge(registers, `${prefix}retry_budget_tokens`, 'Retries the retry budget would allow now.', () => budget.available ?? 0);
    }
    const rateLimit = resilience.rateLimit;
    if (rateLimit) {
      new Gauge({
        name: `${prefix}rate_limit_requests_per_second`,
        help: 'The rate the client sends at now (lower than configured after 429s); absent while unlimited.',
        registers,
        collect() {
          this.reset();
          if (Number.isFinite(rateLimit.currentRate)) this.set(rateLimit.currentRate);
        },
      });
    }
  }

  const cache = client.cache;
  if (cache) {
    // The cache keeps running totals; each counter moves by what changed since the last scrape.
    runningTotal(registers, `${prefix}cache_requests_total`, 'Cache lookups by tier (l1, l2) and result (hit, miss, error).', ['tier', 'result'], () => {
      const m = cache.metrics();
      return [
        [{ tier: 'l1', result: 'hit' }, m.l1.hits],
        [{ tier: 'l1', result: 'miss' }, m.l1.misses],
        [{ tier: 'l2', result: 'hit' }, m.l2.hits],
        [{ tier: 'l2', result: 'miss' }, m.l2.misses],
        [{ tier: 'l2', result: 'error' }, m.l2.errors],
      ];
    });
    runningTotal(registers, `${prefix}cache_loads_total`, 'Loads from the origin on a miss (the cached call itself), by result (ok, error, timeout).', ['result'], () => {
      const { calls, errors, timeouts } = cache.metrics().factory;
      return [
        [{ result: 'ok' }, Math.max(0, calls - errors - timeouts)],
        [{ result: 'error' }, errors],
        [{ result: 'timeout' }, timeouts],
      ];
    });
    runningTotal(registers, `${prefix}cache_stale_served_total`, 'Values served past their TTL because the origin failed or was slow.', [], () => [[{}, cache.metrics().staleServed]]);
    runningTotal(registers, `${prefix}cache_bus_gaps_total`, 'Invalidations the bus found missing (a stream trimmed past what it missed, or writes a Redis failover lost); each flushed L1.', [], () => [[{}, cache.metrics().bus.gaps]]);
    readGauge(registers, `${prefix}cache_l1_entries`, 'Entries held in the in-memory tier.', () => cache.metrics().l1.entries);
    readGauge(registers, `${prefix}cache_l2_breaker_state`, "The Redis tier's breaker: 0 closed, 1 half-open, 2 open (then the cache serves from L1 alone).", () => STATE[cache.metrics().l2.breaker]);
    readGauge(registers, `${prefix}cache_bus_connected`, 'Whether the invalidation bus is subscribed (1) or not (0; L1 entries then live only until their TTL).', () => (cache.metrics().bus.connected ? 1 : 0));
    readGauge(registers, `${prefix}cache_l1_bytes`, 'Approximate bytes held in the in-memory tier.', () => cache.metrics().l1.bytes);
  }

  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix });

  return {
    detach() {
      client.pipeline.remove('prometheus');
      stopEvents?.();
    },
  };
}
