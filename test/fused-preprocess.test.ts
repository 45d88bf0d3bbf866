/**
 * The fused engine's preprocessing on the worked example x = [1, 2, 3, 6]
 * (mean 3, deviations [-2, -1, 0, 3], population variance 14 / 4 = 3.5),
 * and its backward pass against worked values and central differences.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { INPUT_MODES, discriminatorInputSize } from '../src/config/spec.js';
import {
  preprocess,
  preprocessBackward,
} from '../src/engines/fused/preprocess.js';
import { features } from './fused-reference.js';

const X = Float64Array.from([1, 2, 3, 6]);
const CLOSE = 1e-12;

function run(mode: (typeof INPUT_MODES)[number], x = X): Float64Array {
  const out = new Float64Array(discriminatorInputSize(mode, x.length));
  preprocess(mode, x, out);
  return out;
}

function assertClose(got: ArrayLike<number>, want: number[], tol = CLOSE) {
  assert.equal(got.length, want.length);
  for (let k = 0; k < want.length; k++) {
    assert.ok(
      Math.abs(got[k] - want[k]) <= tol,
      `index ${k}: got ${got[k]}, want ${want[k]}`,
    );
  }
}

test('moments of [1, 2, 3, 6]', () => {
  // std = sqrt(3.5) = 1.8708286933869707; skewness = mean(d^3) / var^1.5
  // = (18 / 4) / 3.5^1.5 = 0.6872431934890912; excess kurtosis =
  // mean(d^4) / var^2 - 3 = (98 / 4) / 12.25 - 3 = -1.
  assertClose(run('moments'), [3, 1.8708286933869707, 0.6872431934890912, -1]);
});

test('raw, data-and-variances and data-and-diffs of [1, 2, 3, 6]', () => {
  assertClose(run('raw'), [1, 2, 3, 6]);
  assertClose(run('data-and-variances'), [1, 2, 3, 6, 4, 1, 0, 9]);
  assertClose(run('data-and-diffs'), [1, 2, 3, 6, -2, -1, 0, 3]);
});

test('a constant minibatch has std 0 and NaN shape moments', () => {
  const out = run('moments', Float64Array.from([2, 2, 2]));
  assert.equal(out[0], 2);
  assert.equal(out[1], 0);
  assert.ok(Number.isNaN(out[2]) && Number.isNaN(out[3]));
});

function backward(
  mode: (typeof INPUT_MODES)[number],
  gradFeatures: number[],
): Float64Array {
  const gradX = new Float64Array(X.length);
  preprocessBackward(
    mode,
    X,
    run(mode),
    Float64Array.from(gradFeatures),
    gradX,
  );
  return gradX;
}

test('backward through the moments: worked values', () => {
  // d mean / d x_i = 1/4; d std / d x_i = z_i / n = d_i / (4 sqrt(3.5)).
  assertClose(backward('moments', [1, 0, 0, 0]), [0.25, 0.25, 0.25, 0.25]);
  assertClose(
    backward('moments', [0, 1, 0, 0]),
    [-0.2672612419124244, -0.1336306209562122, 0, 0.4008918628686366],
  );
});

test('backward through the deviations: worked values', () => {
  // f = d_0 = x_0 - mean: df/dx = [1 - 1/4, -1/4, -1/4, -1/4].
  const unitDiff = [0, 0, 0, 0, 1, 0, 0, 0];
  assertClose(
    backward('data-and-diffs', unitDiff),
    [0.75, -0.25, -0.25, -0.25],
  );
  // f = d_0^2: df/dx_i = 2 d_0 (delta_0i - 1/4) = [-3, 1, 1, 1] for d_0 = -2.
  assertClose(backward('data-and-variances', unitDiff), [-3, 1, 1, 1]);
  // raw passes the gradient through.
  assertClose(backward('raw', [1, 2, 3, 4]), [1, 2, 3, 4]);
});

test('backward matches central differences of every feature, every mode', () => {
  // Step 1e-6 on values of order 1: truncation about 1e-12, rounding about
  // 1e-10, so 1e-7 absolute leaves a wide margin and still catches a wrong
  // term (every term is of order 0.1 or more here).
  const h = 1e-6;
  for (const mode of INPUT_MODES) {
    const count = discriminatorInputSize(mode, X.length);
    for (let f = 0; f < count; f++) {
      const unit = new Array<number>(count).fill(0);
      unit[f] = 1;
      const got = backward(mode, unit);
      const want = Array.from(X, (_, i) => {
        const up = Array.from(X);
        const down = Array.from(X);
        up[i] += h;
        down[i] -= h;
        return (features(mode, up)[f] - features(mode, down)[f]) / (2 * h);
      });
      assertClose(got, want, 1e-7);
    }
  }
});
