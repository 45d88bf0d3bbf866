/**
 * The classifier on synthetic final distributions that mirror the
 * article's figures, the settling check on synthetic trajectories, and the
 * check of a sweep's threshold overrides.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  classifyRun,
  DEFAULT_THRESHOLDS,
  finalStatistics,
  settleOf,
  validateThresholds,
  type OutcomeThresholds,
  type Verdict,
} from '../src/analysis/index.js';
import type { TargetSpec } from '../src/config/spec.js';
import { ConfigError } from '../src/errors.js';
import type { TrajectoryPoint } from '../src/train/loop.js';
import { createStream, type RandomStream } from '../src/workloads/random.js';

const ARTICLE: TargetSpec = { kind: 'normal', mean: 4, std: 1.25 };
const SIZE = 10_000;

/** SIZE draws of `draw`, from the seed's `final` stream. */
function sampleOf(seed: number, draw: (s: RandomStream) => number) {
  const stream = createStream(seed, 'final');
  return Float64Array.from({ length: SIZE }, () => draw(stream));
}

function judge(
  sample: ArrayLike<number>,
  thresholds: Partial<OutcomeThresholds> = {},
): Verdict {
  const statistics = finalStatistics(sample, ARTICLE);
  return classifyRun(
    { statistics, trajectory: [], stopped: null, target: ARTICLE },
    thresholds,
  );
}

describe('classifyRun on the article-like final distributions', () => {
  it('a good Gaussian near N(4, 1.25) with std 1.0 is healthy', () => {
    const verdict = judge(sampleOf(1, (s) => 4 + 1.0 * s.normal()));
    assert.equal(verdict.outcome, 'healthy');
    assert.equal(verdict.rule, 'within-thresholds');
    assert.match(verdict.reason, /within every threshold/);
  });

  it('a spike at -11 is collapsed, and says by how much', () => {
    const verdict = judge(sampleOf(2, (s) => -11 + 0.03 * s.normal()));
    assert.equal(verdict.outcome, 'collapsed');
    assert.equal(verdict.rule, 'std-below-collapse');
    assert.match(verdict.reason, /^std 0\.0\d+ < 0\.25 x target std 1\.25$/);
  });

  it('a concave two-bump distribution around 6 is not healthy', () => {
    // Mass piled at both ends of [4, 8]: the arcsine law 6 + 2 cos(pi U).
    const concave = judge(
      sampleOf(3, (s) => 6 + 2 * Math.cos(Math.PI * s.uniform())),
    );
    assert.notEqual(concave.outcome, 'healthy');
    assert.equal(concave.outcome, 'drifted');

    // The same two bumps centred on the target's mean: only the shape
    // is wrong, and the kurtosis rule says so.
    const centred = judge(
      sampleOf(4, (s) => (s.uniform() < 0.5 ? 2.9 : 5.1) + 0.5 * s.normal()),
    );
    assert.equal(centred.outcome, 'misshapen');
  });

  it('a uniform with mean 4 and std 1.25 is misshapen by its kurtosis', () => {
    // Half-width 1.25 sqrt(3) gives std 1.25; its excess kurtosis is -1.2,
    // while W1 (about 0.19) and KS (about 0.06) look like a good run's.
    const half = 1.25 * Math.sqrt(3);
    const verdict = judge(sampleOf(5, (s) => 4 + half * (2 * s.uniform() - 1)));
    assert.equal(verdict.outcome, 'misshapen');
    assert.equal(verdict.rule, 'kurtosis-too-large');
  });

  it('NaN or infinity in the sample is diverged', () => {
    const sample = sampleOf(6, (s) => 4 + s.normal());
    sample[17] = Number.NaN;
    assert.equal(judge(sample).outcome, 'diverged');
    sample[17] = -Infinity;
    assert.equal(judge(sample).rule, 'non-finite-sample');
  });

  it('a run stopped early is diverged whatever its sample', () => {
    const statistics = finalStatistics(
      sampleOf(7, (s) => 4 + 1.25 * s.normal()),
      ARTICLE,
    );
    const verdict = classifyRun({
      statistics,
      trajectory: [],
      stopped: { round: 812, reason: 'generator loss is NaN' },
      target: ARTICLE,
    });
    assert.equal(verdict.outcome, 'diverged');
    assert.equal(verdict.reason, 'stopped at round 812: generator loss is NaN');
  });

  it('a bell shifted up by 1.9 is drifted', () => {
    const verdict = judge(sampleOf(8, (s) => 5.91 + 1.29 * s.normal()));
    assert.equal(verdict.outcome, 'drifted');
    assert.match(
      verdict.reason,
      /^\|mean 5\.9\d - target mean 4\| = 1\.9\d > 0\.5 x target std 1\.25$/,
    );
  });

  it('a bell at the right place but half as wide is misshapen (too narrow)', () => {
    const verdict = judge(sampleOf(9, (s) => 4 + 0.5 * s.normal()));
    assert.equal(verdict.outcome, 'misshapen');
    assert.equal(verdict.rule, 'std-too-narrow');
  });

  it('no statistics and no early stop is failed: nothing to judge', () => {
    const verdict = classifyRun({
      statistics: null,
      trajectory: [],
      stopped: null,
      target: ARTICLE,
    });
    assert.equal(verdict.outcome, 'failed');
  });

  it('takes threshold overrides', () => {
    const sample = sampleOf(1, (s) => 4 + 1.0 * s.normal());
    assert.equal(judge(sample, { collapsedStd: 0.9 }).outcome, 'collapsed');
  });
});

/**
 * 100 points every 50 rounds: generated mean 4 and std 1.25 plus the
 * scatter of a 500-sample minibatch (0.056 and 0.040), with `shape(k)`
 * added to the mean at point k.
 */
function trajectory(seed: number, shape: (k: number) => number) {
  const stream = createStream(seed, 'noise');
  const points: TrajectoryPoint[] = [];
  for (let k = 0; k < 100; k++) {
    points.push({
      round: 50 * (k + 1),
      generatedMean: 4 + shape(k) + 0.056 * stream.normal(),
      generatedStd: 1.25 + 0.04 * stream.normal(),
      discriminatorRealLoss: 0.69,
      discriminatorFakeLoss: 0.69,
      generatorLoss: 0.69,
    });
  }
  return points;
}

describe('settleOf', () => {
  it('calls minibatch scatter alone settled', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const result = settleOf(
        trajectory(seed, () => 0),
        ARTICLE,
      );
      assert.deepEqual(
        result,
        { settled: true, settleNote: null },
        `seed ${seed}`,
      );
    }
  });

  it('flags a mean still climbing over the last 20% of points', () => {
    // +0.03 a point over the last 20 points: 0.57 over the window, far above
    // 0.15 x 1.25 = 0.1875.
    const climbing = trajectory(1, (k) => (k >= 80 ? 0.03 * (k - 80) : 0));
    const result = settleOf(climbing, ARTICLE);
    assert.equal(result.settled, false);
    assert.match(result.settleNote ?? '', /generated mean still moving/);
    assert.match(result.settleNote ?? '', /rounds 4050-5000/);
  });

  it('flags an oscillation with no trend', () => {
    // Amplitude 0.4 every other point: scatter 0.4 about the fit > 0.1875.
    const wobbling = trajectory(2, (k) => (k % 2 === 0 ? 0.4 : -0.4));
    const result = settleOf(wobbling, ARTICLE);
    assert.equal(result.settled, false);
    assert.match(result.settleNote ?? '', /generated mean oscillating/);
  });

  it('flags a non-finite trajectory value', () => {
    const broken = trajectory(3, () => 0);
    broken[99].generatedStd = Number.NaN;
    assert.match(
      settleOf(broken, ARTICLE).settleNote ?? '',
      /std is NaN at round 5000/,
    );
  });

  it('cannot judge fewer than 3 points and calls them settled', () => {
    assert.equal(
      settleOf(trajectory(4, () => 0).slice(0, 2), ARTICLE).settled,
      true,
    );
  });
});

describe('validateThresholds', () => {
  it('fills the defaults under valid overrides', () => {
    const resolved = validateThresholds({ collapsedStd: 0.1 }, 'outcomes');
    assert.equal(resolved.collapsedStd, 0.1);
    assert.equal(resolved.driftedMean, DEFAULT_THRESHOLDS.driftedMean);
    assert.deepEqual(
      validateThresholds(undefined, 'outcomes'),
      DEFAULT_THRESHOLDS,
    );
  });

  it('names a misspelt key and suggests the nearest', () => {
    assert.throws(
      () => validateThresholds({ colapsedStd: 0.2 }, 'outcomes'),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.path === 'outcomes.colapsedStd' &&
        /collapsedStd/.test(error.hint ?? ''),
    );
  });

  it('rejects values that are not positive numbers, and fractions above 1', () => {
    const bad: [unknown, string][] = [
      [{ driftedMean: 0 }, 'outcomes.driftedMean'],
      [{ driftedMean: -1 }, 'outcomes.driftedMean'],
      [{ misshapenW1: '0.4' }, 'outcomes.misshapenW1'],
      [{ settleWindow: 1.5 }, 'outcomes.settleWindow'],
      [{ narrowStd: 1.2 }, 'outcomes.narrowStd'],
      [{ wideStd: 0.9 }, 'outcomes.wideStd'],
      [[0.2], 'outcomes'],
    ];
    for (const [overrides, path] of bad) {
      assert.throws(
        () => validateThresholds(overrides, 'outcomes'),
        (error: unknown) => error instanceof ConfigError && error.path === path,
        JSON.stringify(overrides),
      );
    }
  });
});
