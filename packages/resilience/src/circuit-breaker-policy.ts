import type { NovaRequest, NovaResponse, Policy, SendNext } from '@novacron/core';
import { CircuitBreaker, type BreakerStateChange, type BreakerStatus, type CircuitBreakerOptions } from './circuit-breaker';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import type { ResilienceEvents } from './resilience-events';
import type { SharedBreakerState } from './shared-breaker-state';

export interface CircuitBreakerPolicyOptions extends CircuitBreakerOptions {
  /** The key a request's circuit is chosen by. Default: its route template (`GET /vms/{id}`), never the URL. */
  keyOf?: (request: NovaRequest) => string;
  events?: ResilienceEvents;
  /** Share open/closed state with other processes (see RedisBreakerState). */
  sharedState?: SharedBreakerState;
}

const EVENT_OF = { open: 'breakerOpen', 'half-open': 'breakerHalfOpen', closed: 'breakerClose' } as const;

/** One circuit breaker per route template, created on first use. */
export class CircuitBreakerPolicy implements Policy {
  readonly name = 'circuitBreaker';
  private readonly circuits = new Map<string, CircuitBreaker>();
  private readonly keyOf: (request: NovaRequest) => string;
  private readonly events: ResilienceEvents | undefined;
  private readonly shared: SharedBreakerState | undefined;
  private readonly options: CircuitBreakerOptions;

  constructor(options: CircuitBreakerPolicyOptions = {}) {
    const { keyOf, events, sharedState, ...breakerOptions } = options;
    this.keyOf = keyOf ?? ((request) => request.route);
    this.events = events;
    this.shared = sharedState;
    this.options = breakerOptions;
    // Fail on a bad option now rather than on the first call.
    new CircuitBreaker('validation', breakerOptions);
    this.shared?.subscribe((route, change) => {
      const circuit = this.circuit(route);
      this.events?.emit({ event: 'sharedStateReceived', policy: this.name, route, to: change.state, remote: true });
      if (change.state === 'open') circuit.openFromRemote(change.openUntil);
      else circuit.closeFromRemote();
    });
  }

  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const route = this.keyOf(request);
    return this.circuit(route).execute(
      () => next(request),
      (error) => this.events?.emit({ event: 'breakerRejected', policy: this.name, route, error, retryAt: error.retryAt }),
    );
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }

  /** The circuit for a route (created closed if it did not exist). */
  circuit(route: string): CircuitBreaker {
    let circuit = this.circuits.get(route);
    if (!circuit) {
      circuit = new CircuitBreaker(route, this.options, (change) => this.changed(change));
      this.circuits.set(route, circuit);
      this.shared?.lookup(route);
    }
    return circuit;
  }

  /** Every circuit with its state, failure counts and next probe time. */
  breakers(): BreakerStatus[] {
    return [...this.circuits.values()].map((circuit) => circuit.status());
  }

  private changed(change: BreakerStateChange): void {
    const status = this.circuits.get(change.route);
    this.events?.emit({
      event: EVENT_OF[change.to],
      policy: this.name,
      route: change.route,
      from: change.from,
      to: change.to,
      retryAt: change.openUntil === undefined ? undefined : new Date(change.openUntil),
      remote: change.remote,
    });
    if (change.remote || !this.shared || !status) return;
    if (change.to === 'open') this.shared.publish(change.route, { state: 'open', openUntil: change.openUntil! });
    else if (change.to === 'closed') this.shared.publish(change.route, { state: 'closed' });
  }
}
