import { initialState } from './ets-initialization';
import {
  allocateTrace,
  etsSse,
  modelName,
  parameterCount,
  trendMultiplier,
  type EtsInitialState,
  type EtsParams,
  type EtsSpec,
  type EtsTrace,
  type MultiStepCriterion,
} from './ets-model';
import { nelderMead } from './nelder-mead';

/** One ETS model fitted to one series. */
export interface FittedEts {
  spec: EtsSpec;
  name: string;
  params: EtsParams;
  init: EtsInitialState;
  /** Sum of squared one-step in-sample errors. */
  sse: number;
  /** Minimised objective: one-step SSE, plus the multi-step term when the criterion has one. */
  objective: number;
  n: number;
  /** Estimated quantities, σ² included. */
  k: number;
  /** AICc from the objective (n·log(objective/n) + penalty): comparable across one selection. */
  aicc: number;
  /** One-step error variance, SSE / (n − k). */
  sigma2: number;
  trace: EtsTrace;
}

/** How models are scored; the same for every candidate of one selection so AICc compares. */
export interface FitCriterion {
  /** Add the mean squared h-step error for h = 1..multiStepHorizon (0: one-step likelihood only). */
  multiStepHorizon: number;
}

const ALPHA = { start: 0.2, step: 0.15, lower: 1e-4, upper: 0.9999 };
const BETA_SHARE = { start: 0.1, step: 0.15, lower: 1e-4, upper: 0.9999 };
const GAMMA = { start: 0.1, step: 0.15, lower: 1e-4, upper: 0.9999 };
const PHI = { start: 0.95, step: 0.04, lower: 0.8, upper: 0.98 };
/** Forecast origins sampled for the multi-step term (cost ∝ origins × horizon per evaluation). */
const MULTI_STEP_ORIGINS = 50;

/**
 * Fit the smoothing weights (and damping) with Nelder–Mead from one fixed start. With a one-step
 * criterion the objective is the SSE, i.e. the Gaussian likelihood of an additive-error model.
 * Smooth high-frequency series (hourly load, traffic) push that likelihood to α → 1, γ → 0 — a
 * random walk, excellent one step ahead and poor a day ahead — so when a season is in play the
 * criterion adds the squared errors of forecasts up to one season ahead from ~50 origins
 * (forecast::ets calls this "amse"); the seasonal states keep learning. β = α·β* keeps β < α;
 * γ is only bounded by (0, 1): with α near 1 the seasonal states must still be able to move.
 */
export function fitEts(y: Float64Array, spec: EtsSpec, criterion: FitCriterion = { multiStepHorizon: 0 }): FittedEts | undefined {
  const n = y.length;
  const k = parameterCount(spec) + 1;
  if (n - k - 1 <= 0) return undefined;
  const init = initialState(y, spec);
  const scratch = [new Float64Array(Math.max(1, spec.periods[0] ?? 1)), new Float64Array(Math.max(1, spec.periods[1] ?? 1))];
  const layout = parameterLayout(spec);
  const decode = (x: readonly number[]): EtsParams => {
    const alpha = x[0]!;
    let i = 1;
    const beta = spec.trend !== 'N' ? alpha * x[i++]! : 0;
    const gammas: number[] = [];
    for (let s = 0; s < spec.periods.length; s++) gammas.push(x[i++]!);
    const phi = spec.trend === 'Ad' ? x[i++]! : 1;
    return { alpha, beta, gammas, phi };
  };
  const multiStep = multiStepTerm(criterion, n);
  const evaluate = (params: EtsParams, trace?: EtsTrace): number => {
    if (multiStep) for (let h = 1; h <= multiStep.horizon; h++) multiStep.multipliers[h] = trendMultiplier(spec.trend, params.phi, h);
    return etsSse(y, spec, params, init, scratch, trace, multiStep);
  };
  const result = nelderMead((x) => evaluate(decode(x)), layout.start, {
    lower: layout.lower,
    upper: layout.upper,
    step: layout.step,
    maxEvaluations: 20 + 25 * layout.start.length,
    // 0.1 % of the objective: on M4 hourly, tighter stops cost 70 % more evaluations for the same accuracy.
    tolerance: 1e-3,
  });
  if (!Number.isFinite(result.value)) return undefined;
  const params = decode(result.point);
  const trace = allocateTrace(spec, n);
  const objective = evaluate(params, trace);
  const sse = oneStepSse(y, trace.fitted);
  return {
    spec,
    name: modelName(spec),
    params,
    init,
    sse,
    objective,
    n,
    k,
    aicc: aicc(objective, n, k),
    sigma2: sse / Math.max(1, n - k),
    trace,
  };
}

/** AICc of a Gaussian additive-error model with k estimated quantities and the given SSE. */
export function aicc(sse: number, n: number, k: number): number {
  if (n - k - 1 <= 0 || !(sse >= 0)) return Number.POSITIVE_INFINITY;
  // Perfect fits (constant series) would give log(0): floor the variance at a tiny scale.
  const variance = Math.max(sse / n, 1e-300);
  const logLik = -0.5 * n * (Math.log(2 * Math.PI * variance) + 1);
  return -2 * logLik + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}

function multiStepTerm(criterion: FitCriterion, n: number): MultiStepCriterion | undefined {
  const horizon = Math.min(criterion.multiStepHorizon, Math.floor(n / 4));
  if (horizon < 2) return undefined;
  return { horizon, stride: Math.max(1, Math.round(n / MULTI_STEP_ORIGINS)), multipliers: new Float64Array(horizon + 1) };
}

function oneStepSse(y: Float64Array, fitted: Float64Array): number {
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t]! - fitted[t]!;
    sse += e * e;
  }
  return sse;
}

function parameterLayout(spec: EtsSpec): { start: number[]; step: number[]; lower: number[]; upper: number[] } {
  const parts = [ALPHA];
  if (spec.trend !== 'N') parts.push(BETA_SHARE);
  for (let s = 0; s < spec.periods.length; s++) parts.push(GAMMA);
  if (spec.trend === 'Ad') parts.push(PHI);
  return {
    start: parts.map((p) => p.start),
    step: parts.map((p) => p.step),
    lower: parts.map((p) => p.lower),
    upper: parts.map((p) => p.upper),
  };
}
