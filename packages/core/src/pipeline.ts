import { ValidationError } from './errors';
import type { NovaRequest, NovaResponse } from './request';

export type SendNext = (request: NovaRequest) => Promise<NovaResponse>;

/** One step of the request pipeline, Azure-style: do something, call `next`, look at the answer. */
export interface Policy {
  readonly name: string;
  send(request: NovaRequest, next: SendNext): Promise<NovaResponse>;
}

/**
 * Where a policy runs. `perCall` wraps the whole logical call once (validation, cache, total
 * timeout, breaker); `retry` holds the retry loop; `perRetry` runs on every attempt (auth,
 * request id, tracing, metrics, attempt timeout) just before the transport.
 */
export type PolicyPhase = 'perCall' | 'retry' | 'perRetry';

export const PHASES: readonly PolicyPhase[] = ['perCall', 'retry', 'perRetry'];

export interface AddPolicyOptions {
  phase?: PolicyPhase;
  /** Place it just before (outside of) the named policy, in that policy's phase. */
  before?: string;
  /** Place it just after (inside of) the named policy, in that policy's phase. */
  after?: string;
}

interface Entry {
  policy: Policy;
  phase: PolicyPhase;
}

/**
 * An ordered, named list of policies ending in a transport. Users add, remove or replace a
 * policy by name without forking; the composed chain is cached until the list changes, so
 * the hot path pays one closure call per policy and nothing else.
 */
export class Pipeline {
  private entries: Entry[] = [];
  private composed: SendNext | undefined;

  constructor(private transport: SendNext) {}

  add(policy: Policy, options: AddPolicyOptions = {}): this {
    if (this.entries.some((e) => e.policy.name === policy.name)) {
      throw new ValidationError(`A policy named "${policy.name}" is already in the pipeline; replace() it instead.`, [{ path: ['name'], message: 'already in the pipeline' }], {
        code: 'duplicate_policy',
      });
    }
    const anchorName = options.before ?? options.after;
    if (anchorName !== undefined) {
      const index = this.entries.findIndex((e) => e.policy.name === anchorName);
      if (index < 0) throw unknownPolicy(anchorName);
      const phase = this.entries[index]!.phase;
      this.entries.splice(options.before !== undefined ? index : index + 1, 0, { policy, phase });
    } else {
      const phase = options.phase ?? 'perCall';
      const rank = PHASES.indexOf(phase);
      let at = this.entries.length;
      while (at > 0 && PHASES.indexOf(this.entries[at - 1]!.phase) > rank) at--;
      this.entries.splice(at, 0, { policy, phase });
    }
    this.composed = undefined;
    return this;
  }

  remove(name: string): Policy | undefined {
    const index = this.entries.findIndex((e) => e.policy.name === name);
    if (index < 0) return undefined;
    const [removed] = this.entries.splice(index, 1);
    this.composed = undefined;
    return removed!.policy;
  }

  replace(name: string, policy: Policy): this {
    const entry = this.entries.find((e) => e.policy.name === name);
    if (!entry) throw unknownPolicy(name);
    entry.policy = policy;
    this.composed = undefined;
    return this;
  }

  get(name: string): Policy | undefined {
    return this.entries.find((e) => e.policy.name === name)?.policy;
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.policy.name === name);
  }

  /** The policies in the order a request meets them. */
  list(): { name: string; phase: PolicyPhase }[] {
    return this.entries.map((e) => ({ name: e.policy.name, phase: e.phase }));
  }

  setTransport(transport: SendNext): void {
    this.transport = transport;
    this.composed = undefined;
  }

  send(request: NovaRequest): Promise<NovaResponse> {
    return (this.composed ??= this.compose())(request);
  }

  private compose(): SendNext {
    let next: SendNext = this.transport;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const policy = this.entries[i]!.policy;
      const inner = next;
      next = (request) => policy.send(request, inner);
    }
    return next;
  }
}

function unknownPolicy(name: string): ValidationError {
  return new ValidationError(`No policy named "${name}" in the pipeline.`, [{ path: ['name'], message: 'no such policy' }], { code: 'unknown_policy' });
}
