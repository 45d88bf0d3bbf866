/**
 * The vocabulary of judging a run, shared by the analysis, the store, the
 * terminal tables and the report.
 */

/** Every way a run can end. `failed` runs crashed or timed out: no samples. */
export const OUTCOMES = [
  'healthy',
  'collapsed',
  'drifted',
  'misshapen',
  'diverged',
  'failed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Statistics of a run's final generated sample, and distances to the target. */
export interface FinalStatistics {
  count: number;
  mean: number;
  /** Population standard deviation. */
  std: number;
  skewness: number;
  excessKurtosis: number;
  min: number;
  max: number;
  /** Quantiles at 1, 5, 25, 50, 75, 95 and 99 percent. */
  quantiles: Record<
    'p01' | 'p05' | 'p25' | 'p50' | 'p75' | 'p95' | 'p99',
    number
  >;
  /** Wasserstein-1 distance to the target, in the sample's units. */
  wasserstein1: number;
  /** Kolmogorov-Smirnov statistic against the target's exact CDF. */
  ks: number;
  /** Fraction of samples within 3 target standard deviations of its mean. */
  within3Std: number;
}

/** The outcome of one run, with the rule that decided it and its numbers. */
export interface Verdict {
  outcome: Outcome;
  /** Machine-readable name of the deciding rule, e.g. `std-below-collapse`. */
  rule: string;
  /** The comparison in words, e.g. "std 0.03 < 0.25 x target std 1.25". */
  reason: string;
  /** False when the generated mean or std was still moving at the end. */
  settled: boolean;
  /** Why the run counts as not settled, when it does not. */
  settleNote: string | null;
}

/** Equal-width bins over [start, start + width * counts.length). */
export interface Histogram {
  start: number;
  width: number;
  counts: number[];
}

/**
 * Thresholds of the classifier. Those about location and spread are in units
 * of the target's standard deviation; skewness, kurtosis, KS and the settle
 * window are dimensionless. `DEFAULT_THRESHOLDS` in `thresholds.ts` gives
 * each default with its reasoning; a sweep's `outcomes:` overrides any.
 */
export interface OutcomeThresholds {
  /** Collapsed when std < collapsedStd x target std. */
  collapsedStd: number;
  /** Drifted when |mean - target mean| > driftedMean x target std. */
  driftedMean: number;
  /** Misshapen (too narrow) when std < narrowStd x target std. */
  narrowStd: number;
  /** Misshapen (too wide) when std > wideStd x target std. */
  wideStd: number;
  /** Misshapen when Wasserstein-1 > misshapenW1 x target std. */
  misshapenW1: number;
  /** Misshapen when the KS statistic exceeds this (a CDF difference). */
  misshapenKs: number;
  /** Misshapen when |skewness| exceeds this. */
  misshapenSkewness: number;
  /** Misshapen when |excess kurtosis| exceeds this. */
  misshapenKurtosis: number;
  /** The last fraction of trajectory points judged for settling. */
  settleWindow: number;
  /** Unsettled when the fitted change over the window > this x target std. */
  settleDrift: number;
  /** Unsettled when the scatter about that fit > this x target std. */
  settleWobble: number;
}
