import { normalQuantile } from '../forecast/normal-distribution';

/**
 * Student's t distribution: CDF through the regularised incomplete beta function (evaluated by
 * its continued fraction), quantile by safeguarded Newton steps from a Cornish–Fisher start.
 * Enough for the generalised ESD critical values, where ν runs from a few to thousands.
 */
export function studentTCdf(t: number, nu: number): number {
  const x = nu / (nu + t * t);
  const tail = 0.5 * regularisedBeta(x, nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1) || !(nu > 0)) return Number.NaN;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  const z = normalQuantile(p);
  // Cornish–Fisher expansion of t in powers of 1/ν (Abramowitz & Stegun 26.7.5, first terms).
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  let t = z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu);
  let lower = 0;
  let upper = Math.max(2 * t, 1);
  while (studentTCdf(upper, nu) < p) upper *= 2;
  for (let i = 0; i < 60; i++) {
    const error = studentTCdf(t, nu) - p;
    if (Math.abs(error) < 1e-14) break;
    if (error > 0) upper = Math.min(upper, t);
    else lower = Math.max(lower, t);
    const step = error / studentTDensity(t, nu);
    let next = t - step;
    if (!(next > lower && next < upper)) next = (lower + upper) / 2;
    if (Math.abs(next - t) < 1e-12 * Math.max(1, t)) {
      t = next;
      break;
    }
    t = next;
  }
  return t;
}

function studentTDensity(t: number, nu: number): number {
  const logNorm = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  return Math.exp(logNorm - ((nu + 1) / 2) * Math.log(1 + (t * t) / nu));
}

/** I_x(a, b) via the continued fraction (modified Lentz), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) for convergence. */
function regularisedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    // even step
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // odd step
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + coefficient / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) for x > 0: shift x above 10 by the recurrence, then Stirling's series. */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}
