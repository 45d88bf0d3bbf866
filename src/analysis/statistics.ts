/**
 * Statistics of a run's final generated sample and its distances to the
 * target.
 */
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';

import type { TargetSpec } from '../config/spec.js';
import { targetMean, targetStd } from '../workloads/target.js';
import { ksToTarget, wasserstein1ToTarget } from './distances.js';
import type { FinalStatistics } from './types.js';

const QUANTILES = {
  p01: 0.01,
  p05: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95,
  p99: 0.99,
} as const;

/**
 * The final statistics of a sample against the target.
 *
 * Definitions (all population versions, as the discriminator's moments):
 * - std: sqrt(m2), m_k = (1/n) sum (x - mean)^k (simple-statistics
 *   `standardDeviation`);
 * - skewness: m3 / m2^(3/2), what `sampleSkewness(x, true)`, scipy's
 *   default and R's e1071 type 1 give;
 * - excess kurtosis: m4 / m2^2 - 3 (simple-statistics' `sampleKurtosis` is
 *   the bias-adjusted one, hence our own);
 * - quantiles: linear interpolation, type 7 (`quantileSorted`);
 * - W1 and KS: see distances.ts; within3Std counts |x - mu| <= 3 sigma of
 *   the target.
 *
 * Degenerate samples never throw: an empty sample, or one holding a value
 * that is not finite, gives `count` and NaN everywhere else (the classifier
 * calls the latter diverged). A constant sample (one value included) has
 * std 0 and NaN skewness and kurtosis, which are 0/0 there.
 */
export function finalStatistics(
  sample: ArrayLike<number>,
  target: TargetSpec,
): FinalStatistics {
  const count = sample.length;
  const sorted = Float64Array.from(sample).sort();
  if (count === 0 || !isFinite(sorted)) return undefinedStatistics(count);

  const values = Array.from(sorted);
  const centre = mean(values);
  const shape = shapeOf(sorted, centre);

  return {
    count,
    mean: centre,
    std: shape.constant ? 0 : standardDeviation(values),
    skewness: shape.skewness,
    excessKurtosis: shape.excessKurtosis,
    min: sorted[0],
    max: sorted[count - 1],
    quantiles: quantilesOf(values),
    wasserstein1: wasserstein1ToTarget(sorted, target),
    ks: ksToTarget(sorted, target),
    within3Std: fractionWithin(sorted, target, 3),
  };
}

/** Statistics that say "nothing to measure": count, then NaN. */
function undefinedStatistics(count: number): FinalStatistics {
  const nan = Number.NaN;
  return {
    count,
    mean: nan,
    std: nan,
    skewness: nan,
    excessKurtosis: nan,
    min: nan,
    max: nan,
    quantiles: {
      p01: nan,
      p05: nan,
      p25: nan,
      p50: nan,
      p75: nan,
      p95: nan,
      p99: nan,
    },
    wasserstein1: nan,
    ks: nan,
    within3Std: nan,
  };
}

/** A sorted array is finite when its ends are: NaN sorts last. */
function isFinite(sorted: Float64Array): boolean {
  return Number.isFinite(sorted[0]) && Number.isFinite(sorted.at(-1));
}

/**
 * Skewness and excess kurtosis. A constant sample is caught by its ends, as
 * its rounded mean can differ from the value by an ulp and give a tiny m2
 * whose ratios are noise.
 */
function shapeOf(
  sorted: Float64Array,
  centre: number,
): { constant: boolean; skewness: number; excessKurtosis: number } {
  if (sorted[0] === sorted.at(-1)) {
    return { constant: true, skewness: NaN, excessKurtosis: NaN };
  }

  const { m2, m3, m4 } = centralMoments(sorted, centre);
  return {
    constant: false,
    skewness: m3 / m2 ** 1.5,
    excessKurtosis: m4 / m2 ** 2 - 3,
  };
}

interface CentralMoments {
  m2: number;
  m3: number;
  m4: number;
}

/** Population central moments about `centre`. */
export function centralMoments(
  values: ArrayLike<number>,
  centre: number,
): CentralMoments {
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }

  const n = values.length;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

function quantilesOf(sorted: number[]): FinalStatistics['quantiles'] {
  const entries = Object.entries(QUANTILES).map(([name, p]) => [
    name,
    quantileSorted(sorted, p),
  ]);
  return Object.fromEntries(entries) as FinalStatistics['quantiles'];
}

function fractionWithin(
  sorted: Float64Array,
  target: TargetSpec,
  stds: number,
): number {
  const centre = targetMean(target);
  const reach = stds * targetStd(target);
  let inside = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (Math.abs(sorted[i] - centre) <= reach) inside++;
  }

  return inside / sorted.length;
}
