/**
 * The classifier's default thresholds and the check of a sweep's overrides.
 *
 * Calibration (the README's Outcomes section has the long form): in the article's study
 * run in PyTorch, good runs sit at Wasserstein-1 0.09-0.22 target std, KS
 * 0.04-0.12, |skewness| <= 0.12, |excess kurtosis| <= 0.19; failed ones at
 * W1 0.96-2.1 target std and KS 0.50-0.64. Each default sits in that gap,
 * far from both sides, rather than at a value that reproduces a count.
 */
import { closest } from 'fastest-levenshtein';

import { ConfigError } from '../errors.js';
import type { OutcomeThresholds } from './types.js';

/** The defaults, every one explained in the README's Outcomes section. */
export const DEFAULT_THRESHOLDS: Readonly<OutcomeThresholds> = Object.freeze({
  // A quarter of the target's spread is a spike, not a narrow bell: the
  // article's collapsed run had std 0.03, a poor but honest run about 0.8.
  collapsedStd: 0.25,
  // Half a target std off centre is visible by eye in a histogram; good
  // reference runs are within 0.2, the drifted one is 1.5 away.
  driftedMean: 0.5,
  // A factor of about 1.6 either way (1 / 1.6 = 0.625): "std in the right
  // ballpark" keeps 0.8 (the article's example of a good run), not 0.5.
  narrowStd: 0.6,
  wideStd: 1.6,
  // Between the good runs' 0.22 and the failed runs' 0.96 target std.
  misshapenW1: 0.4,
  // Between the good runs' 0.12 and the failed runs' 0.50.
  misshapenKs: 0.25,
  // Good runs reach 0.12; the failed piles at an edge reach 1.4-1.6.
  misshapenSkewness: 0.5,
  // A uniform has -1.2 and two separated bumps reach -1.5 to -2; good runs
  // are within 0.2. The W1 and KS of a uniform with the right mean and std
  // are as small as a good run's, so this is the rule that catches it.
  misshapenKurtosis: 1.0,
  // The last 20% of trajectory points (the last 1,000 of 5,000 rounds).
  settleWindow: 0.2,
  // The minibatch mean of 500 samples scatters by about 0.045 target std,
  // so the fitted change over 20 points has a standard error near 0.035:
  // 0.15 is over four standard errors.
  settleDrift: 0.15,
  // Over three times the minibatch scatter: an oscillation, not noise.
  settleWobble: 0.15,
});

export const THRESHOLD_NAMES = Object.keys(
  DEFAULT_THRESHOLDS,
) as (keyof OutcomeThresholds)[];

/** Thresholds that are fractions or probabilities and so cannot exceed 1. */
const AT_MOST_ONE: readonly (keyof OutcomeThresholds)[] = [
  'misshapenKs',
  'settleWindow',
];

/**
 * Checks a sweep's `outcomes:` overrides and returns the full thresholds,
 * defaults filled.
 *
 * @param overrides what the sweep file says (a mapping of name to number)
 * @param path the YAML key path, used in error messages, e.g. `outcomes`
 * @throws ConfigError naming the key, with the nearest valid name for a
 *   misspelt one, for an unknown name, a non-number, a value that is not
 *   positive and finite, a fraction above 1, or a std band that excludes 1
 */
export function validateThresholds(
  overrides: unknown,
  path: string,
): OutcomeThresholds {
  if (overrides === undefined || overrides === null) {
    return { ...DEFAULT_THRESHOLDS };
  }

  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new ConfigError(
      path,
      `must be a mapping of threshold names to numbers, got ${describe(overrides)}`,
      `Valid names: ${THRESHOLD_NAMES.join(', ')}.`,
    );
  }

  const resolved: OutcomeThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides)) {
    const name = checkName(key, path);
    resolved[name] = checkValue(name, value, path);
  }

  checkStdBand(resolved, path);
  return resolved;
}

/** Fills the defaults under a partial set of thresholds, unchecked. */
export function resolveThresholds(
  partial: Partial<OutcomeThresholds> = {},
): OutcomeThresholds {
  return { ...DEFAULT_THRESHOLDS, ...partial };
}

function checkName(key: string, path: string): keyof OutcomeThresholds {
  if ((THRESHOLD_NAMES as string[]).includes(key)) {
    return key as keyof OutcomeThresholds;
  }

  const suggestion = closest(key, THRESHOLD_NAMES);
  throw new ConfigError(
    joinPath(path, key),
    `unknown outcome threshold "${key}"`,
    `Did you mean "${suggestion}"? Valid names: ${THRESHOLD_NAMES.join(', ')}.`,
  );
}

function checkValue(
  name: keyof OutcomeThresholds,
  value: unknown,
  path: string,
): number {
  const keyPath = joinPath(path, name);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(
      keyPath,
      `must be a positive finite number, got ${describe(value)}`,
      `The default is ${DEFAULT_THRESHOLDS[name]}.`,
    );
  }

  if (AT_MOST_ONE.includes(name) && value > 1) {
    throw new ConfigError(
      keyPath,
      `must be at most 1 (it is a fraction), got ${value}`,
      `The default is ${DEFAULT_THRESHOLDS[name]}.`,
    );
  }

  return value;
}

/** A band that excludes the target's own std would call a perfect run misshapen. */
function checkStdBand(thresholds: OutcomeThresholds, path: string): void {
  if (thresholds.narrowStd >= 1) {
    throw new ConfigError(
      joinPath(path, 'narrowStd'),
      `must be below 1 (a run with the target's own std is not too narrow), got ${thresholds.narrowStd}`,
    );
  }

  if (thresholds.wideStd <= 1) {
    throw new ConfigError(
      joinPath(path, 'wideStd'),
      `must be above 1 (a run with the target's own std is not too wide), got ${thresholds.wideStd}`,
    );
  }
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
