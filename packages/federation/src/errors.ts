import { NovaCronError, ValidationError, type NovaCronErrorOptions, type ValidationIssue } from '@novacron/core';

/** The dependencies of a migration plan loop; `cycle` names it (each VM depends on the next), first VM repeated at the end. */
export class PlanCycleError extends ValidationError {
  static override readonly kind: string = 'PlanCycleError';
  readonly cycle: string[];
  constructor(cycle: string[]) {
    super(`Migration plan has a dependency cycle: ${cycle.join(' → ')} (→ reads "depends on")`, [{ path: ['dependencies'], message: `cycle ${cycle.join(' → ')}` }], {
      code: 'plan_cycle',
    });
    this.cycle = cycle;
  }
}

/** Why one VM of a plan may not move, under which rule. */
export interface PlanRefusal {
  vmId: string;
  /** `capacity`, `region`, `compliance:data_residency=EU`, `budget`, `health`, `unknown_vm`, `unknown_cluster`… */
  rule: string;
  reason: string;
}

/** A plan failed validation before anything moved; `refusals` gives every reason. */
export class PlanValidationError extends ValidationError {
  static override readonly kind: string = 'PlanValidationError';
  readonly refusals: PlanRefusal[];
  constructor(refusals: PlanRefusal[]) {
    const issues: ValidationIssue[] = refusals.map((r) => ({ path: [r.vmId, r.rule], message: r.reason }));
    const head = refusals
      .slice(0, 3)
      .map((r) => `${r.vmId}: ${r.rule}: ${r.reason}`)
      .join('; ');
    super(`Migration plan refused (${refusals.length} reason${refusals.length === 1 ? '' : 's'}): ${head}`, issues, { code: 'plan_refused' });
    this.refusals = refusals;
  }
}

/** A placement or move breaks a residency or certification rule; `rule` names it. */
export class ComplianceViolationError extends ValidationError {
  static override readonly kind: string = 'ComplianceViolationError';
  readonly rule: string;
  readonly vmId: string | undefined;
  readonly clusterId: string;
  constructor(rule: string, reason: string, clusterId: string, vmId?: string) {
    super(`Compliance rule ${rule} refuses ${vmId ? `vm ${vmId} in ` : ''}cluster ${clusterId}: ${reason}`, [{ path: [rule], message: reason }], {
      code: 'compliance_violation',
    });
    this.rule = rule;
    this.vmId = vmId;
    this.clusterId = clusterId;
  }
}

/** Another process holds the plan's execution lease. */
export class PlanLockedError extends NovaCronError {
  static override readonly kind: string = 'PlanLockedError';
  readonly owner: string;
  constructor(planId: string, owner: string, options: NovaCronErrorOptions = {}) {
    super(`Plan ${planId} is being executed by ${owner}.`, { code: 'plan_locked', retryable: true, ...options });
    this.owner = owner;
  }
}

/** A plan store could not read or write a plan (missing, corrupt, or the backend failed). */
export class PlanStoreError extends NovaCronError {
  static override readonly kind: string = 'PlanStoreError';
}
