import * as z from 'zod/mini';
import { ComplianceViolationError } from './errors';
import { checkInput } from './internal/check-input';
import type { Cluster } from './schemas/cluster-schema';

/**
 * A residency or certification rule, as data so it travels with a plan: VMs it `match`es may only be
 * placed in clusters that meet `require`. VMs also carry their own rules in tags:
 * `data_residency=EU` and `certifications=hipaa,pci-dss` (the simulator enforces the same tags).
 */
export interface ComplianceRule {
  name: string;
  match?: { vmIds?: string[]; tags?: Record<string, string> };
  require: { dataResidency?: string[]; certifications?: string[]; providers?: string[] };
}

export const ComplianceRuleSchema = z.object({
  name: z.string().check(z.minLength(1)),
  match: z.optional(z.object({ vmIds: z.optional(z.array(z.string())), tags: z.optional(z.record(z.string(), z.string())) })),
  require: z.object({
    dataResidency: z.optional(z.array(z.string())),
    certifications: z.optional(z.array(z.string())),
    providers: z.optional(z.array(z.string())),
  }),
});

export interface ComplianceSubject {
  vmId: string;
  tags?: Record<string, string>;
}

export interface ComplianceViolation {
  vmId: string;
  clusterId: string;
  /** `data_residency=EU`, `certification=hipaa`, `<rule name>:provider`… */
  rule: string;
  reason: string;
}

/** Labels of a place a VM can run: a cluster, or a provider plugin's region. */
export type PlacementTarget = Pick<Cluster, 'id' | 'provider' | 'compliance'>;

export function validateRules(rules: readonly ComplianceRule[]): ComplianceRule[] {
  return checkInput(z.array(ComplianceRuleSchema), rules, 'compliance rules');
}

/** Every rule a VM placed on `target` would break (empty when compliant). */
export function complianceViolations(vm: ComplianceSubject, target: PlacementTarget, rules: readonly ComplianceRule[] = []): ComplianceViolation[] {
  const out: ComplianceViolation[] = [];
  const tags = vm.tags ?? {};
  const labels = target.compliance;
  const residency = tags['data_residency'];
  if (residency !== undefined && residency !== labels.dataResidency) {
    out.push({ vmId: vm.vmId, clusterId: target.id, rule: `data_residency=${residency}`, reason: `cluster ${target.id} keeps data in ${labels.dataResidency}` });
  }
  for (const cert of (tags['certifications'] ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
    if (!labels.certifications.includes(cert)) out.push({ vmId: vm.vmId, clusterId: target.id, rule: `certification=${cert}`, reason: `cluster ${target.id} is not certified ${cert}` });
  }
  for (const rule of rules) {
    if (!ruleMatches(rule, vm)) continue;
    const { dataResidency, certifications, providers } = rule.require;
    if (dataResidency && !dataResidency.includes(labels.dataResidency)) {
      out.push({ vmId: vm.vmId, clusterId: target.id, rule: `${rule.name}:data_residency`, reason: `cluster ${target.id} keeps data in ${labels.dataResidency}, not ${dataResidency.join('/')}` });
    }
    for (const cert of certifications ?? []) {
      if (!labels.certifications.includes(cert)) out.push({ vmId: vm.vmId, clusterId: target.id, rule: `${rule.name}:certification=${cert}`, reason: `cluster ${target.id} is not certified ${cert}` });
    }
    if (providers && !providers.includes(target.provider)) {
      out.push({ vmId: vm.vmId, clusterId: target.id, rule: `${rule.name}:provider`, reason: `cluster ${target.id} runs on ${target.provider}, not ${providers.join('/')}` });
    }
  }
  return out;
}

/** Throws ComplianceViolationError naming the first rule the placement breaks. */
export function assertCompliant(vm: ComplianceSubject, target: PlacementTarget, rules: readonly ComplianceRule[] = []): void {
  const violation = complianceViolations(vm, target, rules)[0];
  if (violation) throw new ComplianceViolationError(violation.rule, violation.reason, target.id, vm.vmId);
}

function ruleMatches(rule: ComplianceRule, vm: ComplianceSubject): boolean {
  const m = rule.match;
  if (!m) return true;
  if (m.vmIds && !m.vmIds.includes(vm.vmId)) return false;
  if (m.tags && Object.entries(m.tags).some(([k, v]) => vm.tags?.[k] !== v)) return false;
  return true;
}
