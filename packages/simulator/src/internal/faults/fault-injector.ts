import type { FaultControls, FaultRule } from '../../fault-rule';
import { SeededRandom } from '../random/seeded-random';

/** What the matching rules ask for one request, merged. */
export interface FaultPlan {
  latencyMs: number;
  /** The rules' `hold` callbacks, awaited in turn after the latency. */
  holds: Array<() => Promise<unknown>>;
  resetBefore: boolean;
  resetAfter: boolean;
  truncate: boolean;
  malformed: boolean;
  status: number | undefined;
  retryAfter: number | undefined;
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  remaining: number;
}

/** Holds the injected fault rules and decides, per request, which of them fire. */
export class FaultInjector implements FaultControls {
  private readonly rules = new Map<string, ActiveRule>();
  private nextId = 1;
  private readonly random: SeededRandom;

  constructor(seed: number | string) {
    // Its own stream, so injecting faults never shifts the ids the world draws.
    this.random = new SeededRandom(`${seed}:faults`);
  }

  inject(rule: FaultRule): string {
    if (rule.errorRate !== undefined && (rule.errorRate < 0 || rule.errorRate > 1)) throw new RangeError('errorRate must be within 0..1');
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) throw new RangeError('times must be a positive integer');
    const id = `fault-${this.nextId++}`;
    this.rules.set(id, { id, rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: string): boolean {
    return this.rules.delete(id);
  }

  clear(): void {
    this.rules.clear();
  }

  list(): Array<FaultRule & { id: string }> {
    return [...this.rules.values()].map(({ id, rule }) => ({ ...rule, id }));
  }

  /** The merged plan for a request, or undefined when no rule fires (the common, cheap case). */
  plan(method: string, key: string, pathname: string): FaultPlan | undefined {
    if (this.rules.size === 0) return undefined;
    let plan: FaultPlan | undefined;
    for (const active of this.rules.values()) {
      const { rule } = active;
      if (!matches(rule, method, key, pathname)) continue;
      if (rule.errorRate !== undefined && this.random.next() >= rule.errorRate) continue;
      plan ??= { latencyMs: 0, holds: [], resetBefore: false, resetAfter: false, truncate: false, malformed: false, status: undefined, retryAfter: undefined };
      plan.latencyMs += rule.latencyMs ?? 0;
      if (rule.hold) plan.holds.push(rule.hold);
      if (rule.reset === 'before') plan.resetBefore = true;
      if (rule.reset === 'after') plan.resetAfter = true;
      if (rule.truncate) plan.truncate = true;
      if (rule.malformed) plan.malformed = true;
      if (rule.retryAfter !== undefined) plan.retryAfter ??= rule.retryAfter;
      if (rule.status !== undefined || rule.retryAfter !== undefined || (rule.errorRate !== undefined && !hasAction(rule))) {
        plan.status ??= rule.status ?? 503;
      }
      if (--active.remaining <= 0) this.rules.delete(active.id);
    }
    return plan;
  }
}

function hasAction(rule: FaultRule): boolean {
  return rule.reset !== undefined || rule.truncate === true || rule.malformed === true || rule.latencyMs !== undefined || rule.hold !== undefined;
}

function matches(rule: FaultRule, method: string, key: string, pathname: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  const { route } = rule;
  if (route === undefined) return true;
  if (route instanceof RegExp) {
    route.lastIndex = 0;
    return route.test(pathname);
  }
  const trimmed = route.trim();
  return trimmed.includes(' ') ? trimmed.toUpperCase() === key.toUpperCase() : key.endsWith(` ${trimmed}`);
}
