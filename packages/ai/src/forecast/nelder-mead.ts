/**
 * A deterministic, box-constrained Nelder–Mead minimiser. Fixed start, fixed step, fixed
 * coefficients and no randomness, so the same objective always yields the same optimum: the
 * forecasts built on it are reproducible bit for bit.
 */
export interface NelderMeadOptions {
  lower: readonly number[];
  upper: readonly number[];
  /** Initial simplex edge per coordinate. */
  step: readonly number[];
  maxEvaluations: number;
  /** Stop when the simplex values differ by less than this, relative to the best value. */
  tolerance: number;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions,
): NelderMeadResult {
  const dim = start.length;
  const { lower, upper } = options;
  const clamp = (p: number[]): number[] => p.map((v, i) => Math.min(upper[i]!, Math.max(lower[i]!, v)));
  let evaluations = 0;
  const evaluate = (p: number[]): number => {
    evaluations++;
    const v = objective(p);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  const points: number[][] = [clamp([...start])];
  for (let i = 0; i < dim; i++) {
    const p = [...points[0]!];
    // Step away from the bound when the start sits on it, so the simplex never collapses.
    p[i] = p[i]! + options.step[i]! <= upper[i]! ? p[i]! + options.step[i]! : p[i]! - options.step[i]!;
    points.push(clamp(p));
  }
  let values = points.map(evaluate);

  const centroidWithout = (worst: number): number[] => {
    const c = new Array<number>(dim).fill(0);
    for (let j = 0; j <= dim; j++) {
      if (j === worst) continue;
      for (let i = 0; i < dim; i++) c[i] = c[i]! + points[j]![i]! / dim;
    }
    return c;
  };
  const along = (c: number[], p: number[], t: number): number[] => clamp(c.map((ci, i) => ci + t * (p[i]! - ci)));

  while (evaluations < options.maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    const sortedPoints = order.map((i) => points[i]!);
    const sortedValues = order.map((i) => values[i]!);
    points.splice(0, points.length, ...sortedPoints);
    values = sortedValues;
    const best = values[0]!;
    const worstValue = values[dim]!;
    if (Number.isFinite(worstValue) && worstValue - best <= options.tolerance * (Math.abs(best) + 1e-12)) break;

    const c = centroidWithout(dim);
    const reflected = along(c, points[dim]!, -1);
    const fr = evaluate(reflected);
    if (fr < best) {
      const expanded = along(c, points[dim]!, -2);
      const fe = evaluate(expanded);
      if (fe < fr) replaceWorst(expanded, fe);
      else replaceWorst(reflected, fr);
    } else if (fr < values[dim - 1]!) {
      replaceWorst(reflected, fr);
    } else {
      const outside = fr < worstValue;
      const contracted = along(c, outside ? reflected : points[dim]!, 0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : worstValue)) {
        replaceWorst(contracted, fc);
      } else {
        for (let j = 1; j <= dim; j++) {
          points[j] = along(points[0]!, points[j]!, 0.5);
          values[j] = evaluate(points[j]!);
        }
      }
    }
  }

  let bestIndex = 0;
  for (let j = 1; j <= dim; j++) if (values[j]! < values[bestIndex]!) bestIndex = j;
  return { point: points[bestIndex]!, value: values[bestIndex]!, evaluations };

  function replaceWorst(p: number[], v: number): void {
    points[dim] = p;
    values[dim] = v;
  }
}
