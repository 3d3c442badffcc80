import { abortErrorFrom, type NovaRequest, type NovaResponse, type Policy, type SendNext } from '@novacron/core';
import { requireNumber } from './internal/setting-checks';
import { executeStandalone, type ExecuteOptions, type Operation } from './internal/standalone';
import { BulkheadRejectedError } from './resilience-errors';
import type { ResilienceEvents } from './resilience-events';

export interface BulkheadPolicyOptions {
  /** Calls running at once per group. Default 32. */
  maxConcurrent?: number;
  /** Calls waiting for a slot per group; beyond that, BulkheadRejectedError. Default 64. */
  maxQueue?: number;
  /** The group a request belongs to. Default: the route's resource, e.g. `vms` for `GET /api/v1/vms/{id}`. */
  groupOf?: (request: NovaRequest) => string;
  events?: ResilienceEvents;
}

interface Waiter {
  start: () => void;
}

interface Compartment {
  running: number;
  queue: Waiter[];
}

/** Limits concurrent calls per route group, so one slow resource cannot take every socket. */
export class BulkheadPolicy implements Policy {
  readonly name = 'bulkhead';
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  private readonly groupOf: (request: NovaRequest) => string;
  private readonly events: ResilienceEvents | undefined;
  private readonly compartments = new Map<string, Compartment>();

  constructor(options: BulkheadPolicyOptions = {}) {
    this.maxConcurrent = requireNumber(options.maxConcurrent ?? 32, 'bulkhead.maxConcurrent', { min: 1, integer: true });
    this.maxQueue = requireNumber(options.maxQueue ?? 64, 'bulkhead.maxQueue', { min: 0, integer: true, infinite: true });
    this.groupOf = options.groupOf ?? routeGroup;
    this.events = options.events;
  }

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    const group = this.groupOf(request);
    let compartment = this.compartments.get(group);
    if (!compartment) this.compartments.set(group, (compartment = { running: 0, queue: [] }));
    if (compartment.running >= this.maxConcurrent) await this.wait(compartment, group, request);
    else compartment.running++;
    try {
      return await next(request);
    } finally {
      this.release(compartment, group);
    }
  }

  execute<T>(fn: Operation<T>, options?: ExecuteOptions): Promise<T> {
    return executeStandalone((request, next) => this.send(request, next), fn, options);
  }

  /** Running and queued calls per group. */
  usage(): { group: string; running: number; queued: number }[] {
    return [...this.compartments].map(([group, c]) => ({ group, running: c.running, queued: c.queue.length }));
  }

  private wait(compartment: Compartment, group: string, request: NovaRequest): Promise<void> {
    if (compartment.queue.length >= this.maxQueue) {
      this.events?.emit({ event: 'bulkheadRejected', policy: this.name, route: request.route });
      return Promise.reject(new BulkheadRejectedError(group, this.maxConcurrent, this.maxQueue));
    }
    this.events?.emit({ event: 'bulkheadQueued', policy: this.name, route: request.route });
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = compartment.queue.indexOf(waiter);
        if (index >= 0) compartment.queue.splice(index, 1);
        reject(abortErrorFrom(signal!));
      };
      // The slot is handed over by release(): running is counted for us before we start.
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      compartment.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(compartment: Compartment, group: string): void {
    const waiter = compartment.queue.shift();
    if (waiter) return waiter.start();
    compartment.running--;
    if (compartment.running === 0) this.compartments.delete(group);
  }
}

/** `GET /api/v1/vms/{id}/metrics` → `vms`: the first path segment after the API prefix. */
export function routeGroup(request: Pick<NovaRequest, 'route'>): string {
  const path = request.route.slice(request.route.indexOf(' ') + 1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === 'api' || /^v\d+$/.test(segment)) continue;
    return segment;
  }
  return path || request.route;
}
