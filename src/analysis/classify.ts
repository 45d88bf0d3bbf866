/**
 * The outcome of a run: which rule decides it, and the numbers it compared.
 *
 * Rules are tried in order and the first that fires decides:
 *   diverged   stopped early, or the final sample holds non-finite values
 *   collapsed  std < collapsedStd x target std
 *   drifted    |mean - target mean| > driftedMean x target std
 *   misshapen  std outside [narrowStd, wideStd] x target std, or W1, KS,
 *              |skewness| or |excess kurtosis| above its threshold
 *   healthy    none of the above
 * Collapse is checked before drift because a spike far from the target is
 * first of all a spike (the article's run at -11); drift before shape
 * because a shifted bell is better described by its shift than by its W1.
 */
import { linearRegression } from 'simple-statistics';

import type { TargetSpec } from '../config/spec.js';
import type { EarlyStop, TrajectoryPoint } from '../train/loop.js';
import { targetMean, targetStd } from '../workloads/target.js';
import { formatNumber as fmt } from './format.js';
import { resolveThresholds } from './thresholds.js';
import type {
  FinalStatistics,
  Outcome,
  OutcomeThresholds,
  Verdict,
} from './types.js';

export interface ClassifyInput {
  /** Null when the run has no final sample. */
  statistics: FinalStatistics | null;
  trajectory: TrajectoryPoint[];
  stopped: EarlyStop | null;
  target: TargetSpec;
}

interface Decision {
  outcome: Outcome;
  rule: string;
  reason: string;
}

/**
 * Classifies one run. Thresholds not given take DEFAULT_THRESHOLDS; they are
 * not checked here (validateThresholds checks a sweep's overrides once).
 *
 * Without statistics and without an early stop the run is `failed` (rule
 * `no-sample`): nothing was measured, so nothing can be judged.
 */
export function classifyRun(
  input: ClassifyInput,
  overrides: Partial<OutcomeThresholds> = {},
): Verdict {
  const thresholds = resolveThresholds(overrides);
  const decision = decide(input, thresholds);
  const settle = settleOf(input.trajectory, input.target, thresholds);
  return { ...decision, ...settle };
}

function decide(input: ClassifyInput, t: OutcomeThresholds): Decision {
  const { statistics, stopped } = input;
  if (stopped !== null) {
    return {
      outcome: 'diverged',
      rule: 'stopped-early',
      reason: `stopped at round ${stopped.round}: ${stopped.reason}`,
    };
  }

  if (statistics === null || statistics.count === 0) {
    return { outcome: 'failed', rule: 'no-sample', reason: 'no final sample' };
  }

  if (!Number.isFinite(statistics.mean) || !Number.isFinite(statistics.std)) {
    return {
      outcome: 'diverged',
      rule: 'non-finite-sample',
      reason: 'the final sample holds values that are not finite',
    };
  }

  return (
    collapsed(statistics, input.target, t) ??
    drifted(statistics, input.target, t) ??
    misshapen(statistics, input.target, t) ??
    healthy(statistics, input.target)
  );
}

function collapsed(
  s: FinalStatistics,
  target: TargetSpec,
  t: OutcomeThresholds,
): Decision | null {
  const sigma = targetStd(target);
  if (s.std >= t.collapsedStd * sigma) return null;

  return {
    outcome: 'collapsed',
    rule: 'std-below-collapse',
    reason: `std ${fmt(s.std)} < ${fmt(t.collapsedStd)} x target std ${fmt(sigma)}`,
  };
}

function drifted(
  s: FinalStatistics,
  target: TargetSpec,
  t: OutcomeThresholds,
): Decision | null {
  const sigma = targetStd(target);
  const mu = targetMean(target);
  const offset = Math.abs(s.mean - mu);
  if (offset <= t.driftedMean * sigma) return null;

  return {
    outcome: 'drifted',
    rule: 'mean-beyond-drift',
    reason:
      `|mean ${fmt(s.mean)} - target mean ${fmt(mu)}| = ${fmt(offset)} > ` +
      `${fmt(t.driftedMean)} x target std ${fmt(sigma)}`,
  };
}

/** The shape rules, in order; each returns the reason when it fires. */
function misshapen(
  s: FinalStatistics,
  target: TargetSpec,
  t: OutcomeThresholds,
): Decision | null {
  const sigma = targetStd(target);
  const checks: [string, () => string | null][] = [
    ['std-too-narrow', () => below(s.std, 'std', t.narrowStd, sigma)],
    ['std-too-wide', () => above(s.std, 'std', t.wideStd, sigma)],
    ['w1-too-large', () => above(s.wasserstein1, 'W1', t.misshapenW1, sigma)],
    ['ks-too-large', () => above(s.ks, 'KS', t.misshapenKs, null)],
    [
      'skewness-too-large',
      () => above(Math.abs(s.skewness), '|skewness|', t.misshapenSkewness),
    ],
    [
      'kurtosis-too-large',
      () =>
        above(
          Math.abs(s.excessKurtosis),
          '|excess kurtosis|',
          t.misshapenKurtosis,
        ),
    ],
  ];

  for (const [rule, check] of checks) {
    const reason = check();
    if (reason !== null) return { outcome: 'misshapen', rule, reason };
  }

  return null;
}

/** "`name` value > threshold [x target std sigma]", or null when within. */
function above(
  value: number,
  name: string,
  threshold: number,
  sigma: number | null = null,
): string | null {
  const limit = sigma === null ? threshold : threshold * sigma;
  if (!(value > limit)) return null;

  const scale = sigma === null ? '' : ` x target std ${fmt(sigma)}`;
  return `${name} ${fmt(value)} > ${fmt(threshold)}${scale}`;
}

function below(
  value: number,
  name: string,
  threshold: number,
  sigma: number,
): string | null {
  if (!(value < threshold * sigma)) return null;

  return `${name} ${fmt(value)} < ${fmt(threshold)} x target std ${fmt(sigma)}`;
}

function healthy(s: FinalStatistics, target: TargetSpec): Decision {
  const sigma = targetStd(target);
  return {
    outcome: 'healthy',
    rule: 'within-thresholds',
    reason:
      `mean ${fmt(s.mean)}, std ${fmt(s.std)} (${fmt(s.std / sigma)} x target std), ` +
      `W1 ${fmt(s.wasserstein1)}, KS ${fmt(s.ks)}: within every threshold`,
  };
}

/**
 * Settling: over the last `settleWindow` of the trajectory points (at least
 * 5, or all when fewer), a least-squares line is fitted to the generated
 * mean and to the generated std against the round. A run is unsettled when
 * either fit changes by more than `settleDrift` target std over the window
 * (still moving), or the points scatter about it by more than `settleWobble`
 * target std (an oscillation; minibatch noise alone is about 0.045).
 * Fewer than 3 points cannot be judged and count as settled.
 */
export function settleOf(
  trajectory: TrajectoryPoint[],
  target: TargetSpec,
  overrides: Partial<OutcomeThresholds> = {},
): Pick<Verdict, 'settled' | 'settleNote'> {
  const t = resolveThresholds(overrides);
  const size = Math.max(5, Math.ceil(t.settleWindow * trajectory.length));
  const window = trajectory.slice(-size);
  if (window.length < 3) return { settled: true, settleNote: null };

  const sigma = targetStd(target);
  const notes = [
    movement(window, 'generatedMean', 'mean', sigma, t),
    movement(window, 'generatedStd', 'std', sigma, t),
  ].filter((note): note is string => note !== null);

  if (notes.length === 0) return { settled: true, settleNote: null };
  return { settled: false, settleNote: notes.join('; ') };
}

/** Why `field` still moves over the window, or null when it does not. */
function movement(
  window: TrajectoryPoint[],
  field: 'generatedMean' | 'generatedStd',
  name: string,
  sigma: number,
  t: OutcomeThresholds,
): string | null {
  const first = window[0].round;
  const last = window[window.length - 1].round;
  const span = `rounds ${first}-${last}`;
  const bad = window.find((point) => !Number.isFinite(point[field]));
  if (bad) return `generated ${name} is ${bad[field]} at round ${bad.round}`;

  const points = window.map((point) => [point.round, point[field]]);
  const { m, b } = linearRegression(points);
  const change = Math.abs(m * (last - first));
  if (change > t.settleDrift * sigma) {
    return (
      `generated ${name} still moving: fitted change ${fmt(change)} over ` +
      `${span} > ${fmt(t.settleDrift)} x target std ${fmt(sigma)}`
    );
  }

  const scatter = residualStd(points, m, b);
  if (scatter > t.settleWobble * sigma) {
    return (
      `generated ${name} oscillating: scatter ${fmt(scatter)} about its ` +
      `trend over ${span} > ${fmt(t.settleWobble)} x target std ${fmt(sigma)}`
    );
  }

  return null;
}

function residualStd(points: number[][], m: number, b: number): number {
  let squares = 0;
  for (const [x, y] of points) squares += (y - (m * x + b)) ** 2;
  return Math.sqrt(squares / points.length);
}
