/**
 * Distances between a sample and the target, and between two samples:
 * Wasserstein-1 (the area between the two CDFs) and the Kolmogorov-Smirnov
 * statistic (their largest vertical gap).
 *
 * One-sample versions take the sample sorted ascending and finite; the
 * caller (finalStatistics) sorts once and checks finiteness once.
 */
import { errorFunction } from 'simple-statistics';

import type { TargetSpec } from '../config/spec.js';
import { targetCdf } from '../workloads/target.js';

/** Standard normal CDF. simple-statistics' erf has relative error < 1.2e-7. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Standard normal density. */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal quantile Phi^-1(p), by Acklam's rational approximation
 * (relative error below 1.2e-9 over (0, 1)). simple-statistics' `probit`
 * is off by 1.4e-3 at p = 0.975 (1.9572 against 1.95996), enough to move a
 * Wilson bound in the fourth decimal, hence this one.
 *
 * @returns -Infinity at 0, Infinity at 1, NaN outside [0, 1]
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;

  const low = 0.02425;
  if (p < low) return lowerTailQuantile(p);
  if (p > 1 - low) return -lowerTailQuantile(1 - p);

  const q = p - 0.5;
  const r = q * q;
  const [a, b] = [ACKLAM_A, ACKLAM_B];
  const numerator =
    (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q;
  const denominator =
    ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1;
  return numerator / denominator;
}

const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2,
  1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2,
  6.680131188771972e1, -1.328068155288572e1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838,
  -2.549732539343734, 4.374664141464968, 2.938163982698783,
];
const ACKLAM_D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996,
  3.754408661907416,
];

/** Acklam's tail branch, for p below 0.02425. */
function lowerTailQuantile(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  const [c, d] = [ACKLAM_C, ACKLAM_D];
  const numerator =
    ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5];
  const denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1;
  return numerator / denominator;
}

/**
 * Kolmogorov-Smirnov statistic sup |F_n(x) - F(x)| of a sorted sample
 * against the target's exact CDF. Ties need no special case: the largest
 * gap at a tied value is reached at the first and last copy.
 *
 * @returns a number in [0, 1]; NaN for an empty sample
 */
export function ksToTarget(
  sorted: ArrayLike<number>,
  target: TargetSpec,
): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;

  let gap = 0;
  for (let i = 0; i < n; i++) {
    const cdf = targetCdf(target, sorted[i]);
    gap = Math.max(gap, (i + 1) / n - cdf, cdf - i / n);
  }

  return gap;
}

/**
 * Wasserstein-1 distance between a sorted sample and the target:
 * the integral of |F_n(x) - F(x)| over the real line, in the sample's units.
 *
 * For a normal target it is computed in closed form: between consecutive
 * order statistics F_n is the constant i/n, and the integral of the normal
 * CDF has the antiderivative sigma * (z Phi(z) + phi(z)). The only error is
 * that of the erf approximation (relative error 1.2e-7 in the tail
 * probability), which keeps the result within about 1e-6 target std.
 *
 * @returns a non-negative number; NaN for an empty sample
 */
export function wasserstein1ToTarget(
  sorted: ArrayLike<number>,
  target: TargetSpec,
): number {
  switch (target.kind) {
    case 'normal':
      return wasserstein1ToNormal(sorted, target.mean, target.std);
  }
}

function wasserstein1ToNormal(
  sorted: ArrayLike<number>,
  mu: number,
  sigma: number,
): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;

  const toZ = (x: number): number => (x - mu) / sigma;
  const below = lowerTailArea(toZ(sorted[0])) * sigma;
  const above = lowerTailArea(-toZ(sorted[n - 1])) * sigma;

  let between = 0;
  for (let i = 1; i < n; i++) {
    if (sorted[i] === sorted[i - 1]) continue;
    const gap = levelGapArea(toZ(sorted[i - 1]), toZ(sorted[i]), i / n);
    between += gap * sigma;
  }

  return below + between + above;
}

/** The integral of Phi from -infinity to z: z Phi(z) + phi(z). */
function lowerTailArea(z: number): number {
  return z * normalCdf(z) + normalDensity(z);
}

/** The integral of Phi over [a, b], in z units. */
function cdfArea(a: number, b: number): number {
  return lowerTailArea(b) - lowerTailArea(a);
}

/**
 * The integral of |level - Phi(z)| over [a, b]. Phi rises through the
 * level at most once, so the integrand changes sign at most once.
 */
function levelGapArea(a: number, b: number, level: number): number {
  const width = b - a;
  if (normalCdf(a) >= level) return cdfArea(a, b) - level * width;
  if (normalCdf(b) <= level) return level * width - cdfArea(a, b);

  const q = crossing(a, b, level);
  const left = level * (q - a) - cdfArea(a, q);
  const right = cdfArea(q, b) - level * (b - q);
  return left + right;
}

/**
 * Where Phi(z) = level inside [a, b]. normalQuantile gives a start; two Newton
 * steps make it agree with our own Phi, so the split point and the areas
 * use the same CDF.
 */
function crossing(a: number, b: number, level: number): number {
  let z = Math.min(b, Math.max(a, normalQuantile(level)));
  for (let step = 0; step < 2; step++) {
    const density = normalDensity(z);
    if (density === 0) break;
    z -= (normalCdf(z) - level) / density;
    z = Math.min(b, Math.max(a, z));
  }

  return z;
}

/**
 * Two-sample Kolmogorov-Smirnov statistic sup |F(x) - G(x)| of the two
 * empirical CDFs. Inputs need not be sorted.
 *
 * @returns a number in [0, 1]; NaN when either sample is empty or not finite
 * @example ksTwoSample([0, 1], [2, 3]) // => 1
 */
export function ksTwoSample(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
): number {
  let gap = 0;
  const found = walkEmpiricalCdfs(first, second, (f, g) => {
    gap = Math.max(gap, Math.abs(f - g));
  });
  return found ? gap : Number.NaN;
}

/**
 * Two-sample Wasserstein-1 distance: the area between the two empirical
 * CDFs, exact. Inputs need not be sorted.
 *
 * @returns a non-negative number; NaN when either sample is empty or not finite
 * @example wasserstein1TwoSample([0, 1], [2, 3]) // => 2
 */
export function wasserstein1TwoSample(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
): number {
  let area = 0;
  const found = walkEmpiricalCdfs(first, second, (f, g, width) => {
    area += Math.abs(f - g) * width;
  });
  return found ? area : Number.NaN;
}

/**
 * Walks the merged distinct values x_1 < x_2 < ... of both samples, calling
 * visit(F(x_k), G(x_k), x_{k+1} - x_k) at each (width 0 at the last).
 * Returns false, visiting nothing, when either sample is empty or holds a
 * value that is not finite (NaN would never match itself and stall the walk).
 */
function walkEmpiricalCdfs(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  visit: (f: number, g: number, width: number) => void,
): boolean {
  const a = Float64Array.from(first).sort();
  const b = Float64Array.from(second).sort();
  if (a.length === 0 || b.length === 0) return false;
  if (!allFinite(a) || !allFinite(b)) return false;

  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(
      i < a.length ? a[i] : Infinity,
      j < b.length ? b[j] : Infinity,
    );
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;

    const next = Math.min(
      i < a.length ? a[i] : Infinity,
      j < b.length ? b[j] : Infinity,
    );
    const width = next === Infinity ? 0 : next - x;
    visit(i / a.length, j / b.length, width);
  }

  return true;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return false;
  }
  return true;
}
