/**
 * Wasserstein-1 and Kolmogorov-Smirnov distances of known pairs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  ksToTarget,
  ksTwoSample,
  normalCdf,
  normalDensity,
  normalQuantile,
  wasserstein1ToTarget,
  wasserstein1TwoSample,
} from '../src/analysis/index.js';
import type { TargetSpec } from '../src/config/spec.js';

const ARTICLE: TargetSpec = { kind: 'normal', mean: 4, std: 1.25 };
const STANDARD: TargetSpec = { kind: 'normal', mean: 0, std: 1 };

function close(actual: number, expected: number, tolerance: number): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('two-sample distances', () => {
  it('{0, 1} against {2, 3}: every quantile 2 apart, CDFs never overlap', () => {
    // W1 = mean |quantile difference| = 2; KS = 1 on [1, 2).
    assert.equal(wasserstein1TwoSample([0, 1], [2, 3]), 2);
    assert.equal(ksTwoSample([0, 1], [2, 3]), 1);
  });

  it('{0, 2} against {1}: a gap of 1/2 over [0, 2]', () => {
    // F = 1/2 on [0, 2); G = 0 on [0, 1), 1 on [1, 2): |F - G| = 1/2 over
    // a width of 2, so W1 = 1 and KS = 1/2.
    assert.equal(wasserstein1TwoSample([0, 2], [1]), 1);
    assert.equal(ksTwoSample([0, 2], [1]), 0.5);
  });

  it('is zero between a sample and itself, in any order, ties included', () => {
    assert.equal(wasserstein1TwoSample([3, 1, 2, 2], [2, 2, 1, 3]), 0);
    assert.equal(ksTwoSample([3, 1, 2, 2], [2, 2, 1, 3]), 0);
  });

  it('is symmetric, and a shift by c moves W1 by c', () => {
    const x = [0.3, -1.2, 2.5, 0.9, 0.1];
    const shifted = x.map((v) => v + 0.75);
    close(wasserstein1TwoSample(x, shifted), 0.75, 1e-12);
    close(wasserstein1TwoSample(shifted, x), 0.75, 1e-12);
    assert.equal(ksTwoSample(x, [1, 2]), ksTwoSample([1, 2], x));
  });

  it('is NaN for an empty or non-finite sample', () => {
    assert.ok(Number.isNaN(wasserstein1TwoSample([], [1])));
    assert.ok(Number.isNaN(ksTwoSample([1], [])));
    assert.ok(Number.isNaN(ksTwoSample([1, Number.NaN], [1])));
    assert.ok(Number.isNaN(wasserstein1TwoSample([1], [Infinity])));
  });
});

describe('distances to a normal target', () => {
  it('W1 of a point mass at c has the closed form', () => {
    // d = (c - mu) / sigma; W1 = sigma (2 phi(d) + d (2 Phi(d) - 1)).
    // c = 4.5, N(4, 1.25): d = 0.4, phi = 0.368270, Phi = 0.655422;
    // 1.25 x (0.736540 + 0.4 x 0.310843) = 1.25 x 0.860877 = 1.076096.
    close(wasserstein1ToTarget([4.5, 4.5, 4.5], ARTICLE), 1.076096, 2e-6);
    // c = mu: sigma x 2 phi(0) = 1.25 x 0.797885 = 0.997356.
    close(wasserstein1ToTarget([4], ARTICLE), 0.997356, 2e-6);
    // The article's spike at -11 is 12 target std away: W1 = |c - mu|.
    close(wasserstein1ToTarget([-11], ARTICLE), 15, 1e-9);
  });

  it('W1 agrees with a numerical integral of |F_n - F|', () => {
    // Independent of the antiderivative and the crossing points: the
    // midpoint rule with 2,000,000 steps over [-8, 16] (error ~1e-8).
    const sample = [1, 3, 4.2, 4.2, 6];
    const steps = 2_000_000;
    const [low, high] = [-8, 16];
    const h = (high - low) / steps;
    let integral = 0;
    for (let k = 0; k < steps; k++) {
      const x = low + (k + 0.5) * h;
      const empirical = sample.filter((v) => v <= x).length / sample.length;
      integral += Math.abs(empirical - normalCdf((x - 4) / 1.25)) * h;
    }
    close(wasserstein1ToTarget(sample, ARTICLE), integral, 1e-6);
  });

  it('KS of the exact quantiles of N(0, 1) is 1 / (2n)', () => {
    // x_i = Phi^-1((i - 1/2) / n) puts F(x_i) half a step inside each
    // jump of F_n, so the largest gap is 1 / (2n) = 0.005 for n = 100.
    const n = 100;
    const sample = Array.from({ length: n }, (_, i) =>
      normalQuantile((i + 0.5) / n),
    );
    close(ksToTarget(sample, STANDARD), 1 / (2 * n), 1e-6);
  });

  it('KS of a single value at the mean is 1/2', () => {
    close(ksToTarget([4], ARTICLE), 0.5, 1e-7);
  });
});

describe('normal helpers', () => {
  it('quantile matches published values and inverts the CDF', () => {
    // Phi^-1(0.975) = 1.959963985 and Phi^-1(0.001) = -3.090232306.
    close(normalQuantile(0.975), 1.959963985, 1e-8);
    close(normalQuantile(0.001), -3.090232306, 1e-8);
    assert.equal(normalQuantile(0.5), 0);
    for (const p of [0.01, 0.2, 0.7, 0.99]) {
      close(normalCdf(normalQuantile(p)), p, 2e-7);
    }
  });

  it('density at 0 is 1 / sqrt(2 pi) = 0.398942', () => {
    close(normalDensity(0), 0.398942, 1e-6);
  });
});
