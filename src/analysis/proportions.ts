/**
 * Proportions with honest uncertainty: the Wilson score interval of a rate
 * and Fisher's exact test of two rates. simple-statistics has neither (it
 * has no Fisher test and no binomial interval), so both are here.
 */
import { normalQuantile } from './distances.js';

export interface RateInterval {
  /** successes / trials; null when there are no trials. */
  rate: number | null;
  /** Lower end of the interval (0 when there are no trials). */
  low: number;
  /** Upper end of the interval (1 when there are no trials). */
  high: number;
}

/**
 * Wilson score interval (Wilson 1927; Newcombe 1998, method 3) for a
 * binomial proportion:
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n)
 *   half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
 * Unlike the normal approximation it stays inside [0, 1] and is sensible
 * at 0 of n and n of n, which small sweeps meet often.
 *
 * @param confidence two-sided level, 0.95 by default
 * @throws RangeError when successes is not an integer in [0, trials]
 * @example wilsonInterval(8, 10) // => { rate: 0.8, low: 0.4902, high: 0.9433 }
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): RateInterval {
  checkCounts(trials, Infinity);
  checkCounts(successes, trials);
  if (trials === 0) return { rate: null, low: 0, high: 1 };

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half =
    (z / (1 + z2n)) *
    Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));

  return {
    rate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}

export interface FisherResult {
  /** Sum of the probabilities of tables no more likely than the observed. */
  twoSided: number;
  /** P(first group's successes <= observed): the first rate is lower. */
  less: number;
  /** P(first group's successes >= observed): the first rate is higher. */
  greater: number;
}

/**
 * Fisher's exact test on the 2x2 table
 *   first group:   a successes, b failures
 *   second group:  c successes, d failures
 * With the margins fixed, a is hypergeometric. The two-sided p-value sums
 * the tables whose probability is at most the observed one's (R's
 * `fisher.test` rule, with the same relative tolerance 1e-7 for ties).
 *
 * Probabilities come from log-factorials summed once per call (exact to
 * rounding for the counts of a sweep) rather than from products of
 * binomial coefficients, which overflow beyond n of about 1,000.
 *
 * @throws RangeError when a count is negative or not an integer
 * @example fisherExact(3, 1, 1, 3).twoSided // => 0.4857 (lady tasting tea)
 */
export function fisherExact(
  a: number,
  b: number,
  c: number,
  d: number,
): FisherResult {
  for (const count of [a, b, c, d]) checkCounts(count, Infinity);

  const firstRow = a + b;
  const secondRow = c + d;
  const successes = a + c;
  const logFactorial = logFactorials(firstRow + secondRow);
  const logChoose = (n: number, k: number): number =>
    logFactorial[n] - logFactorial[k] - logFactorial[n - k];
  const total = logChoose(firstRow + secondRow, successes);
  const probability = (x: number): number =>
    Math.exp(
      logChoose(firstRow, x) + logChoose(secondRow, successes - x) - total,
    );

  const lowest = Math.max(0, successes - secondRow);
  const highest = Math.min(firstRow, successes);
  const observed = probability(a);
  const result: FisherResult = { twoSided: 0, less: 0, greater: 0 };
  for (let x = lowest; x <= highest; x++) {
    const p = probability(x);
    if (p <= observed * (1 + 1e-7)) result.twoSided += p;
    if (x <= a) result.less += p;
    if (x >= a) result.greater += p;
  }

  return clampAll(result);
}

/** log(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1] + Math.log(k);
  return table;
}

/** Summed rounding can leave a p-value a hair above 1. */
function clampAll(result: FisherResult): FisherResult {
  return {
    twoSided: Math.min(1, result.twoSided),
    less: Math.min(1, result.less),
    greater: Math.min(1, result.greater),
  };
}

function checkCounts(count: number, most: number): void {
  if (!Number.isInteger(count) || count < 0 || count > most) {
    throw new RangeError(
      `a count must be an integer in [0, ${most}], got ${count}`,
    );
  }
}
