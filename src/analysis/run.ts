/**
 * Analysis of one finished training run: what the sweep worker stores in
 * the run record.
 */
import type { RunSpec } from '../config/spec.js';
import type { TrainResult } from '../train/loop.js';
import { classifyRun } from './classify.js';
import { finalStatistics } from './statistics.js';
import type {
  FinalStatistics,
  Histogram,
  Outcome,
  OutcomeThresholds,
  Verdict,
} from './types.js';

/** Bins of the stored histogram: fine enough to show two bumps or a pile. */
export const HISTOGRAM_BINS = 40;

/** Values of the stored subsample, enough for a strip or density plot. */
export const SUBSAMPLE_SIZE = 500;

export interface RunAnalysis {
  outcome: Outcome;
  verdict: Verdict;
  statistics: FinalStatistics;
  /** Null when the sample has no finite value. */
  histogram: Histogram | null;
  /** Every k-th finite value of the final sample, about SUBSAMPLE_SIZE. */
  sample: number[];
}

/**
 * Statistics, outcome, histogram and subsample of a trained run's final
 * sample, judged against the spec's target.
 */
export function analyseRun(
  result: TrainResult,
  spec: RunSpec,
  thresholds: Partial<OutcomeThresholds> = {},
): RunAnalysis {
  const target = spec.workload.target;
  const statistics = finalStatistics(result.finalSample, target);
  const verdict = classifyRun(
    {
      statistics,
      trajectory: result.trajectory,
      stopped: result.stopped,
      target,
    },
    thresholds,
  );

  return {
    outcome: verdict.outcome,
    verdict,
    statistics,
    histogram: histogramOf(result.finalSample),
    sample: subsample(result.finalSample, SUBSAMPLE_SIZE),
  };
}

/**
 * Equal-width histogram of the finite values over [min, max], `bins` bins;
 * the maximum falls in the last bin. A constant sample gets one bin of
 * width 1 centred on its value (a zero width would draw nothing). Values
 * that are not finite are left out; null when none is finite.
 */
export function histogramOf(
  sample: ArrayLike<number>,
  bins = HISTOGRAM_BINS,
): Histogram | null {
  const finite = Array.from(sample).filter((x) => Number.isFinite(x));
  if (finite.length === 0) return null;

  let min = Infinity;
  let max = -Infinity;
  for (const x of finite) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }

  if (min === max)
    return { start: min - 0.5, width: 1, counts: [finite.length] };

  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of finite) {
    counts[Math.min(bins - 1, Math.floor((x - min) / width))]++;
  }

  return { start: min, width, counts };
}

/**
 * Every k-th finite value, k = ceil(n / size), in sample order. The final
 * sample's order is that of its noise stream, so this is an unbiased
 * subsample. Non-finite values are dropped: JSON cannot hold them.
 */
export function subsample(sample: ArrayLike<number>, size: number): number[] {
  const step = Math.max(1, Math.ceil(sample.length / size));
  const picked: number[] = [];
  for (let i = 0; i < sample.length; i += step) {
    if (Number.isFinite(sample[i])) picked.push(sample[i]);
  }

  return picked;
}

/** The judgement of a bare sample: no trajectory, so settling is unknown. */
export interface SampleJudgement {
  statistics: FinalStatistics;
  outcome: Outcome;
  rule: string;
  reason: string;
  /** Always null: a sample alone says nothing about settling. */
  settled: null;
}

/**
 * Statistics and outcome of a sample trained elsewhere, by the same rules
 * as a sweep's runs (`gansweep classify`).
 */
export function judgeSample(
  sample: ArrayLike<number>,
  target: RunSpec['workload']['target'],
  thresholds: Partial<OutcomeThresholds> = {},
): SampleJudgement {
  const statistics = finalStatistics(sample, target);
  const verdict = classifyRun(
    { statistics, trajectory: [], stopped: null, target },
    thresholds,
  );

  const { outcome, rule, reason } = verdict;
  return { statistics, outcome, rule, reason, settled: null };
}
