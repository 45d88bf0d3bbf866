/**
 * Final statistics against hand-computed values, and degenerate samples.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleSkewness } from 'simple-statistics';

import { finalStatistics } from '../src/analysis/index.js';
import type { TargetSpec } from '../src/config/spec.js';

const ARTICLE: TargetSpec = { kind: 'normal', mean: 4, std: 1.25 };

function close(actual: number, expected: number, tolerance: number): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('finalStatistics', () => {
  // x = [2, 4, 4, 4, 5, 5, 7, 9]: mean 40 / 8 = 5; deviations
  // -3 -1 -1 -1 0 0 2 4; squares sum 32 -> m2 = 4, std 2; cubes sum
  // -27 - 3 + 8 + 64 = 42 -> m3 = 5.25, skewness 5.25 / 4^1.5 = 0.65625;
  // fourth powers sum 81 + 3 + 16 + 256 = 356 -> m4 = 44.5, excess
  // kurtosis 44.5 / 16 - 3 = -0.21875.
  const x = [2, 4, 4, 4, 5, 5, 7, 9];
  const s = finalStatistics(x, ARTICLE);

  it('gives the population moments (tolerance 1e-12)', () => {
    assert.equal(s.count, 8);
    close(s.mean, 5, 1e-12);
    close(s.std, 2, 1e-12);
    close(s.skewness, 0.65625, 1e-12);
    close(s.excessKurtosis, -0.21875, 1e-12);
  });

  it('has the skewness simple-statistics calls biased', () => {
    close(s.skewness, sampleSkewness(x, true), 1e-12);
  });

  it('gives type 7 quantiles and the extremes (tolerance 1e-12)', () => {
    // Index (n - 1) p = 7p into the sorted sample, interpolated:
    // p01 0.07 -> 2 + 0.07 * 2 = 2.14; p05 0.35 -> 2.7; p25 1.75 -> 4;
    // p50 3.5 -> 4.5; p75 5.25 -> 5.5; p95 6.65 -> 8.3; p99 6.93 -> 8.86.
    const expected = {
      p01: 2.14,
      p05: 2.7,
      p25: 4,
      p50: 4.5,
      p75: 5.5,
      p95: 8.3,
      p99: 8.86,
    };
    for (const [name, value] of Object.entries(expected)) {
      close(s.quantiles[name as keyof typeof expected], value, 1e-12);
    }
    assert.equal(s.min, 2);
    assert.equal(s.max, 9);
  });

  it('counts the fraction within 3 target std of the target mean', () => {
    // 4 +- 3 x 1.25 = [0.25, 7.75]: only 9 is outside, 7 of 8.
    assert.equal(s.within3Std, 0.875);
  });

  it('reads a Float64Array like an array', () => {
    const typed = finalStatistics(Float64Array.from([...x].reverse()), ARTICLE);
    assert.deepEqual(typed, s);
  });
});

describe('finalStatistics on degenerate samples', () => {
  it('says an empty sample has nothing to measure', () => {
    const s = finalStatistics([], ARTICLE);
    assert.equal(s.count, 0);
    assert.ok(Number.isNaN(s.mean));
    assert.ok(Number.isNaN(s.wasserstein1));
    assert.ok(Number.isNaN(s.quantiles.p50));
  });

  it('gives std 0 and undefined shape for one value', () => {
    // One value c = 4.5 against N(4, 1.25): F_n jumps 0 -> 1 at 4.5,
    // where F = Phi(0.4) = 0.65542, so KS = max(1 - 0.65542, 0.65542).
    const s = finalStatistics([4.5], ARTICLE);
    assert.equal(s.count, 1);
    assert.equal(s.mean, 4.5);
    assert.equal(s.std, 0);
    assert.ok(Number.isNaN(s.skewness));
    assert.ok(Number.isNaN(s.excessKurtosis));
    assert.equal(s.quantiles.p01, 4.5);
    close(s.ks, 0.65542, 1e-5);
  });

  it('gives std exactly 0 for a constant sample whose mean rounds', () => {
    // 0.1 summed 1,000 times is not exactly 100: the mean can be an ulp
    // off, which must not turn into a tiny std and a noisy skewness.
    const s = finalStatistics(new Array(1000).fill(0.1), ARTICLE);
    assert.equal(s.std, 0);
    assert.ok(Number.isNaN(s.skewness));
  });

  it('marks a sample with NaN or infinity as unmeasurable, without throwing', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const s = finalStatistics([1, 2, bad, 4], ARTICLE);
      assert.equal(s.count, 4);
      assert.ok(Number.isNaN(s.mean), `mean with ${bad}`);
      assert.ok(Number.isNaN(s.std), `std with ${bad}`);
      assert.ok(Number.isNaN(s.ks), `KS with ${bad}`);
    }
  });
});
