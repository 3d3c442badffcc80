import * as z from 'zod/mini';
import { intervalLevelFor } from '../cost/demand-percentile';
import { forecast } from '../forecast/forecast';
import { checkInput, invalid } from '../internal/validate';

export interface ScalingOptions {
  /** Minutes between demand samples. */
  stepMinutes: number;
  /** Epoch ms of the last sample: action times are counted from it. Default 0 (times are then offsets in ms). */
  lastTimestamp?: number;
  /** How far ahead to plan. Default 24 hours. */
  forecastHours?: number;
  /** The forecast percentile capacity is planned for. Default 95; above 50, below 100. */
  percentile?: number;
  /** Scale up this long before the step that needs it. Default 15 minutes. */
  leadMinutes?: number;
  /** Share of a unit's capacity the planned demand may use. Default 0.7. */
  targetUtilization?: number;
  /** Demand one unit (a replica, a vCPU, a MiB…) serves at 100 %. Default 1. */
  unitCapacity?: number;
  /** Units running now. */
  current: number;
  min?: number;
  max?: number;
  /** Units are added or removed in multiples of this (e.g. 256 for MiB of memory). Default 1. */
  unitStep?: number;
  /** A scale-down goes to the most any step in the next window needs (as Kubernetes HPA's stabilization window). Default 30 minutes. */
  scaleDownStabilizationMinutes?: number;
  /** Season length hint in steps (e.g. 24 for hourly samples). */
  seasonLength?: number;
}

export interface ScalingAction {
  /** Epoch ms (or ms after the last sample) at which to act. */
  at: number;
  kind: 'scale_up' | 'scale_down';
  from: number;
  to: number;
  /** The forecast step whose demand causes it. */
  forStep: number;
  /** The demand bound (at the percentile) of that step. */
  demand: number;
  /** True when the lead time reaches back before the last sample: act now. */
  late: boolean;
  reason: string;
}

export interface ScalingPlan {
  percentile: number;
  /** The central interval level whose upper bound is the percentile. */
  level: number;
  model: string;
  leadMinutes: number;
  /** Per forecast step: time, mean demand, demand at the percentile, units needed. */
  timestamps: number[];
  mean: number[];
  upper: number[];
  required: number[];
  peak: { at: number; demand: number; mean: number; units: number };
  /** Units for the peak of the horizon. */
  recommended: number;
  actions: ScalingAction[];
}

const positive = z.number().check(z.positive('must be more than 0'));
const ScalingOptionsSchema = z.object({
  stepMinutes: positive,
  lastTimestamp: z.optional(z.number()),
  forecastHours: z.optional(z.number().check(z.positive('must be more than 0'), z.lte(24 * 31, 'must be at most 744'))),
  percentile: z.optional(z.number().check(z.gt(50, 'must be more than 50'), z.lt(100, 'must be less than 100'))),
  leadMinutes: z.optional(z.number().check(z.gte(0, 'must be 0 or more'))),
  targetUtilization: z.optional(z.number().check(z.gt(0, 'must be more than 0'), z.lte(1, 'must be at most 1'))),
  unitCapacity: z.optional(positive),
  current: z.number().check(z.gte(0, 'must be 0 or more')),
  min: z.optional(z.number().check(z.gte(0, 'must be 0 or more'))),
  max: z.optional(positive),
  unitStep: z.optional(positive),
  scaleDownStabilizationMinutes: z.optional(z.number().check(z.gte(0, 'must be 0 or more'))),
  seasonLength: z.optional(z.int().check(z.gte(2, 'must be 2 or more'))),
});

/**
 * Plans capacity ahead of demand. The demand series is forecast over `forecastHours`; at each step
 * the upper bound of the central `(2p − 100) %` interval — the p-th percentile of the forecast — is
 * what capacity is planned for: `units = ceil(bound / (unitCapacity × targetUtilization))`, in
 * `unitStep` multiples, clamped to [min, max]. A step needing more than is running gives a scale-up
 * `leadMinutes` before it; a scale-down happens only when nothing in the next stabilization window
 * needs the current units, and goes to the most that window needs.
 */
export function planScaling(demand: readonly number[], options: ScalingOptions): ScalingPlan {
  const o = checkInput(ScalingOptionsSchema, options, 'scaling options');
  if ((o.min ?? 0) > (o.max ?? Infinity)) throw invalid('scaling options', [{ path: ['min'], message: 'must not exceed max' }]);
  const percentile = o.percentile ?? 95;
  const level = intervalLevelFor(percentile);
  const stepMs = o.stepMinutes * 60_000;
  const horizon = Math.max(1, Math.ceil(((o.forecastHours ?? 24) * 60) / o.stepMinutes));
  const result = forecast(demand, { horizon, levels: [level], ...(o.seasonLength !== undefined && { seasonLength: o.seasonLength }) });
  const upper = (result.intervals[level]?.upper ?? result.mean).map((v) => Math.max(0, v));
  const mean = result.mean.map((v) => Math.max(0, v));
  const last = o.lastTimestamp ?? 0;
  const timestamps = upper.map((_, i) => last + (i + 1) * stepMs);
  const perUnit = (o.unitCapacity ?? 1) * (o.targetUtilization ?? 0.7);
  const unitStep = o.unitStep ?? 1;
  const clamp = (units: number) => Math.min(o.max ?? Infinity, Math.max(o.min ?? 0, units));
  const required = upper.map((bound) => clamp(Math.ceil(bound / perUnit / unitStep - 1e-9) * unitStep));

  let peakIndex = 0;
  for (let i = 1; i < upper.length; i++) if (upper[i]! > upper[peakIndex]!) peakIndex = i;
  const leadMinutes = o.leadMinutes ?? 15;
  const stabilizationSteps = Math.ceil((o.scaleDownStabilizationMinutes ?? 30) / o.stepMinutes);
  const actions: ScalingAction[] = [];
  let running = o.current;
  for (let t = 0; t < required.length; t++) {
    if (required[t]! > running) {
      const at = timestamps[t]! - leadMinutes * 60_000;
      actions.push({
        at: Math.max(at, last),
        kind: 'scale_up',
        from: running,
        to: required[t]!,
        forStep: t,
        demand: upper[t]!,
        late: at < last,
        reason: `p${percentile} demand ${round(upper[t]!)} at step ${t + 1} needs ${required[t]} units at ${Math.round((o.targetUtilization ?? 0.7) * 100)} % target`,
      });
      running = required[t]!;
      continue;
    }
    let windowMax = 0;
    for (let k = t; k < Math.min(required.length, t + stabilizationSteps + 1); k++) windowMax = Math.max(windowMax, required[k]!);
    if (windowMax < running) {
      actions.push({
        at: timestamps[t]! - stepMs,
        kind: 'scale_down',
        from: running,
        to: windowMax,
        forStep: t,
        demand: upper[t]!,
        late: false,
        reason: `p${percentile} demand stays at or under ${windowMax} units for ${o.scaleDownStabilizationMinutes ?? 30} minutes`,
      });
      running = windowMax;
    }
  }
  return {
    percentile,
    level,
    model: result.model,
    leadMinutes,
    timestamps,
    mean,
    upper,
    required,
    peak: { at: timestamps[peakIndex]!, demand: upper[peakIndex]!, mean: mean[peakIndex]!, units: required[peakIndex]! },
    recommended: required[peakIndex]!,
    actions,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
