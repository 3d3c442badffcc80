/**
 * Standard normal CDF and quantile, self-contained: erfc from its power series near zero and
 * Laplace's continued fraction in the tails (|error| ~1e-14), the quantile by Halley iterations
 * on that CDF from a tail-asymptotic start.
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? Number.NEGATIVE_INFINITY : p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Lower tail: start from the asymptote x ≈ −sqrt(−2 ln p) corrected for its log term.
  const t = Math.sqrt(-2 * Math.log(p));
  let x = p > 0.3 ? (p - 0.5) * Math.sqrt(2 * Math.PI) : -(t - (Math.log(t) + Math.log(2 * Math.PI) / 2) / t);
  for (let i = 0; i < 8; i++) {
    const error = normalCdf(x) - p;
    const density = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    if (density === 0) break;
    const u = error / density;
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) < 1e-13 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 1; k < 100; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from the tail.
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}
