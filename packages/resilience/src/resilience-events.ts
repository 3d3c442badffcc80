/**
 * Every retry, breaker state change, timeout, rejection and fallback is an event here: listeners
 * get it as it happens and a counter keeps it (`count()`, `samples()`). Counters are keyed by
 * (event, policy, route); route templates keep that set small. For Prometheus,
 * `registerPrometheusCollectors` from `@novacron/sdk/prometheus` listens to these events.
 */
export type ResilienceEventName =
  | 'retry'
  | 'retryBudgetExhausted'
  | 'breakerOpen'
  | 'breakerHalfOpen'
  | 'breakerClose'
  | 'breakerRejected'
  | 'timeout'
  | 'bulkheadQueued'
  | 'bulkheadRejected'
  | 'hedge'
  | 'rateLimitDelayed'
  | 'rateLimitRejected'
  | 'rateLimitThrottled'
  | 'fallback'
  | 'sharedStateError'
  | 'sharedStateReceived';

export interface ResilienceEvent {
  event: ResilienceEventName;
  /** The policy that emitted it (`retry`, `circuitBreaker`, ...). */
  policy: string;
  route: string;
  attempt?: number;
  delayMs?: number;
  error?: unknown;
  /** Breaker events: the state before and after. */
  from?: string;
  to?: string;
  /** Breaker events: when the next probe may go. */
  retryAt?: Date;
  /** True when the change came from another process through shared state. */
  remote?: boolean;
}

export type ResilienceListener = (event: ResilienceEvent) => void;

export interface MetricSample {
  event: ResilienceEventName;
  policy: string;
  route: string;
  value: number;
}

interface Counter {
  event: ResilienceEventName;
  policy: string;
  route: string;
  value: number;
}

export class ResilienceEvents {
  private readonly listeners = new Map<ResilienceEventName | '*', Set<ResilienceListener>>();
  private readonly counters = new Map<string, Counter>();

  /** Listen to one event, or `*` for all; returns a function that stops listening. */
  on(event: ResilienceEventName | '*', listener: ResilienceListener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  off(event: ResilienceEventName | '*', listener: ResilienceListener): void {
    const set = this.listeners.get(event);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.listeners.delete(event);
  }

  emit(event: ResilienceEvent): void {
    const key = `${event.event}\u0000${event.policy}\u0000${event.route}`;
    const counter = this.counters.get(key);
    if (counter) counter.value++;
    else this.counters.set(key, { event: event.event, policy: event.policy, route: event.route, value: 1 });
    if (this.listeners.size === 0) return;
    this.deliver(this.listeners.get(event.event), event);
    this.deliver(this.listeners.get('*'), event);
  }

  /** How often `event` happened (for one route, or summed over all). */
  count(event: ResilienceEventName, route?: string): number {
    let sum = 0;
    for (const c of this.counters.values()) if (c.event === event && (route === undefined || c.route === route)) sum += c.value;
    return sum;
  }

  samples(): MetricSample[] {
    return [...this.counters.values()].map((c) => ({ ...c }));
  }

  private deliver(set: Set<ResilienceListener> | undefined, event: ResilienceEvent): void {
    if (!set) return;
    for (const listener of set) {
      // A throwing listener must not break the call that emitted the event.
      try {
        listener(event);
      } catch {
        /* listener errors are the listener's business */
      }
    }
  }
}
