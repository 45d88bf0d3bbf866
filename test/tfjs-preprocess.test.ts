import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs';

import { useBackend } from '../src/engines/tfjs/backend.js';
import { discriminatorFeatures } from '../src/engines/tfjs/preprocess.js';

// float32 arithmetic: values of order 1 agree to about 1e-6.
const TOLERANCE = 1e-5;

function features(
  x: number[],
  mode: Parameters<typeof discriminatorFeatures>[1],
) {
  return tf.tidy(() => {
    const row = discriminatorFeatures(tf.tensor1d(x), mode);
    assert.equal(row.shape[0], 1);
    return Array.from(row.dataSync());
  });
}

function assertClose(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    assert.ok(error <= TOLERANCE, `[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('tfjs discriminator features', () => {
  before(async () => {
    await useBackend();
  });

  // x = [1, 2, 3, 6]: mean 3, deviations d = [-2, -1, 0, 3].
  const x = [1, 2, 3, 6];

  it('moments: mean, population std, skewness, excess kurtosis', () => {
    // sum d^2 = 14, variance 14/4 = 3.5, std sqrt(3.5) = 1.870829;
    // mean d^3 = (-8 - 1 + 0 + 27)/4 = 4.5, skewness 4.5/3.5^1.5 = 0.687243;
    // mean d^4 = (16 + 1 + 0 + 81)/4 = 24.5, kurtosis 24.5/3.5^2 - 3 = -1.
    assertClose(features(x, 'moments'), [
      3,
      Math.sqrt(3.5),
      4.5 / 3.5 ** 1.5,
      -1,
    ]);
    assert.ok(Math.abs(4.5 / 3.5 ** 1.5 - 0.687243) < 1e-6);
  });

  it('raw: the minibatch itself', () => {
    assertClose(features(x, 'raw'), [1, 2, 3, 6]);
  });

  it('data-and-variances: the minibatch, then squared deviations', () => {
    // d^2 = [4, 1, 0, 9].
    assertClose(features(x, 'data-and-variances'), [1, 2, 3, 6, 4, 1, 0, 9]);
  });

  it('data-and-diffs: the minibatch, then deviations', () => {
    assertClose(features(x, 'data-and-diffs'), [1, 2, 3, 6, -2, -1, 0, 3]);
  });

  it('reads a [n, 1] column like a vector', () => {
    const column = tf.tidy(() =>
      Array.from(
        discriminatorFeatures(tf.tensor2d(x, [4, 1]), 'moments').dataSync(),
      ),
    );
    assertClose(column, features(x, 'moments'));
  });

  it('moments of a constant minibatch are NaN (std 0), as in the article', () => {
    // d = 0 everywhere, so z = 0/0; the run loop then stops as diverged.
    const [mean, std, skewness, kurtosis] = features([2, 2, 2], 'moments');
    assert.equal(mean, 2);
    assert.equal(std, 0);
    assert.ok(Number.isNaN(skewness) && Number.isNaN(kurtosis));
  });

  it('one sample: raw is the sample, its deviation is 0', () => {
    assertClose(features([5], 'data-and-diffs'), [5, 0]);
  });
});
