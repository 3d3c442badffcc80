import type { ValidationIssue } from '@novacron/core';
import * as z from 'zod/mini';
import { checkInput, invalid } from '../internal/validate';
import type { PlacementCandidate, PlacementOptions, PlacementRequest } from './placement-types';

const nonEmpty = z.string().check(z.minLength(1, 'must not be empty'));
const amount = z.number().check(z.nonnegative('must be 0 or more'));
const labels = z.record(nonEmpty, z.string());
const names = z.array(nonEmpty);

const AffinityTermSchema = z.object({
  selector: labels,
  topologyKey: z.optional(nonEmpty),
  hard: z.optional(z.boolean()),
  weight: z.optional(z.number().check(z.positive('must be more than 0'))),
});

const TopologySpreadSchema = z.object({
  topologyKey: nonEmpty,
  maxSkew: z.int().check(z.positive('must be 1 or more')),
  whenUnsatisfiable: z.optional(z.enum(['DoNotSchedule', 'ScheduleAnyway'])),
  selector: z.optional(labels),
});

export const PlacementConstraintsSchema = z.object({
  regions: z.optional(names),
  providers: z.optional(names),
  requiredLabels: z.optional(labels),
  preferredLabels: z.optional(labels),
  maxLatencyMs: z.optional(amount),
  affinity: z.optional(z.array(AffinityTermSchema)),
  antiAffinity: z.optional(z.array(AffinityTermSchema)),
  topologySpread: z.optional(z.array(TopologySpreadSchema)),
  excludedNodes: z.optional(names),
  preferredNodes: z.optional(names),
});

export const PlacementRequestSchema = z.object({
  name: z.optional(z.string()),
  cpu: z.number().check(z.positive('must be more than 0')),
  memoryMb: z.number().check(z.positive('must be more than 0')),
  diskGb: z.optional(amount),
  gpu: z.optional(z.int().check(z.nonnegative('must be 0 or more'))),
  labels: z.optional(labels),
  constraints: z.optional(PlacementConstraintsSchema),
});

export function checkPlacementRequest(request: unknown): PlacementRequest {
  return checkInput(PlacementRequestSchema, request, 'placement request');
}

/**
 * Candidates are checked by hand, not by schema: a 10 000-host fleet is validated in well under a
 * millisecond this way, and the message names the host.
 */
export function checkCandidates(candidates: unknown): PlacementCandidate[] {
  if (!Array.isArray(candidates)) throw invalid('placement candidates', [{ path: ['candidates'], message: 'must be an array of nodes' }]);
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < candidates.length && issues.length < 5; i++) {
    const node = candidates[i] as PlacementCandidate | null;
    if (typeof node !== 'object' || node === null) {
      issues.push({ path: ['candidates', i], message: 'must be an object' });
      continue;
    }
    if (typeof node.id !== 'string' || node.id.length === 0) issues.push({ path: ['candidates', i, 'id'], message: 'must be a non-empty string' });
    else if (seen.has(node.id)) issues.push({ path: ['candidates', i, 'id'], message: `duplicate node id ${node.id}` });
    else seen.add(node.id);
    const { capacity, allocated } = node;
    if (typeof capacity !== 'object' || capacity === null) {
      issues.push({ path: ['candidates', i, 'capacity'], message: 'must be an object with cpu and memoryMb' });
      continue;
    }
    if (!isAmount(capacity.cpu)) issues.push(badAmount(i, 'capacity', 'cpu'));
    if (!isAmount(capacity.memoryMb)) issues.push(badAmount(i, 'capacity', 'memoryMb'));
    if (capacity.diskGb !== undefined && !isAmount(capacity.diskGb)) issues.push(badAmount(i, 'capacity', 'diskGb'));
    if (capacity.gpu !== undefined && !isAmount(capacity.gpu)) issues.push(badAmount(i, 'capacity', 'gpu'));
    if (allocated !== undefined) {
      for (const field of ['cpu', 'memoryMb', 'diskGb', 'gpu'] as const) {
        if (allocated[field] !== undefined && !isAmount(allocated[field])) issues.push(badAmount(i, 'allocated', field));
      }
    }
    if (node.latencyMs !== undefined && !isAmount(node.latencyMs)) issues.push(badAmount(i, 'latencyMs'));
  }
  if (issues.length) throw invalid('placement candidates', issues);
  return candidates as PlacementCandidate[];
}

function isAmount(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value !== Infinity;
}

function badAmount(index: number, ...field: string[]): ValidationIssue {
  return { path: ['candidates', index, ...field], message: 'must be a finite number, 0 or more' };
}

export function checkPlacementOptions(options: PlacementOptions): void {
  const issues: ValidationIssue[] = [];
  const at = (path: (string | number)[], message: string) => issues.push({ path: ['options', ...path], message });
  if (options.strategy !== undefined && options.strategy !== 'spread' && options.strategy !== 'pack') at(['strategy'], "must be 'spread' or 'pack'");
  for (const [name, weight] of Object.entries(options.weights ?? {})) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) at(['weights', name], 'must be a finite number, 0 or more');
  }
  for (const [name, weight] of Object.entries(options.resources ?? {})) {
    if (!['cpu', 'memory', 'disk', 'gpu'].includes(name)) at(['resources', name], 'must be cpu, memory, disk or gpu');
    else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) at(['resources', name], 'must be a finite number, 0 or more');
  }
  if (options.alternatives !== undefined && !(Number.isInteger(options.alternatives) && options.alternatives >= 0)) at(['alternatives'], 'must be an integer, 0 or more');
  if (options.confidenceScale !== undefined && !(options.confidenceScale > 0 && Number.isFinite(options.confidenceScale))) at(['confidenceScale'], 'must be more than 0');
  if (options.subsetSize !== undefined && !(Number.isInteger(options.subsetSize) && options.subsetSize >= 1)) at(['subsetSize'], 'must be an integer, 1 or more');
  if (options.rounding !== undefined && options.rounding !== 'none' && options.rounding !== 'kubernetes') at(['rounding'], "must be 'none' or 'kubernetes'");
  const shape = options.utilizationShape;
  if (shape !== undefined) {
    if (!Array.isArray(shape) || shape.length === 0) at(['utilizationShape'], 'must be a non-empty array of { utilization, score }');
    else
      shape.forEach((p, i) => {
        if (!(p.utilization >= 0 && p.utilization <= 100 && p.score >= 0 && p.score <= 100)) at(['utilizationShape', i], 'utilization and score must be in 0..100');
        else if (i > 0 && !(p.utilization > shape[i - 1]!.utilization)) at(['utilizationShape', i], 'utilization must increase');
      });
  }
  const names = new Set<string>();
  for (const [kind, plugins] of [
    ['filters', options.filters ?? []],
    ['scorers', options.scorers ?? []],
  ] as const) {
    plugins.forEach((plugin: { name?: unknown; test?: unknown; score?: unknown }, i) => {
      const fn = kind === 'filters' ? plugin?.test : plugin?.score;
      if (typeof plugin?.name !== 'string' || plugin.name.length === 0) at([kind, i, 'name'], 'must be a non-empty string');
      else if (names.has(`${kind}:${plugin.name}`)) at([kind, i, 'name'], `duplicate plugin name ${plugin.name}`);
      else names.add(`${kind}:${plugin.name}`);
      if (typeof fn !== 'function') at([kind, i], kind === 'filters' ? 'must have a test(node, context) function' : 'must have a score(node, context) function');
    });
  }
  if (issues.length) throw invalid('placement options', issues);
}
