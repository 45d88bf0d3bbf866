/**
 * What the discriminator sees of a minibatch, and the way back.
 *
 * `preprocess` turns a minibatch x of n samples into the discriminator's
 * input features; `preprocessBackward` turns the gradient of a loss with
 * respect to those features into its gradient with respect to each sample.
 * Both allocate nothing: the caller owns every array.
 */
import type { InputMode } from '../../config/spec.js';

/**
 * Writes the features of minibatch `x` for input mode `mode` into `out`,
 * which has `discriminatorInputSize(mode, x.length)` values:
 * - `moments`: [mean, std, skewness, excess kurtosis] with the population
 *   variance, z_i = (x_i - mean) / std, skewness = mean(z^3) and excess
 *   kurtosis = mean(z^4) - 3 (the article's definitions);
 * - `raw`: x;
 * - `data-and-variances`: x, then (x_i - mean)^2;
 * - `data-and-diffs`: x, then x_i - mean.
 *
 * Example: x = [1, 2, 3, 6] gives moments [3, 1.870829, 0.687243, -1]
 * (variance 3.5, skewness 4.5 / 3.5^1.5, kurtosis 24.5 / 12.25 - 3).
 * A constant minibatch has std 0, so its skewness and kurtosis are NaN, as
 * in the article's code; the round loop then stops the run as diverged.
 */
export function preprocess(
  mode: InputMode,
  x: Float64Array,
  out: Float64Array,
): void {
  switch (mode) {
    case 'moments':
      moments(x, out);
      return;
    case 'raw':
      out.set(x);
      return;
    case 'data-and-variances':
      dataAndDeviations(x, out, true);
      return;
    case 'data-and-diffs':
      dataAndDeviations(x, out, false);
      return;
  }
}

/**
 * Writes d(loss)/d(x_i) into `gradX`, given x, the features `preprocess`
 * wrote for it, and d(loss)/d(features) in `gradFeatures`.
 *
 * For moments, with z_i the z-score, S the skewness and M4 = mean(z^4):
 * d mean/dx_i = 1/n, d std/dx_i = z_i/n,
 * d S/dx_i = 3 (z_i^2 - 1 - S z_i) / (n std),
 * d kurtosis/dx_i = 4 (z_i^3 - S - M4 z_i) / (n std),
 * so each sample's gradient is a cubic in its z-score.
 */
export function preprocessBackward(
  mode: InputMode,
  x: Float64Array,
  features: Float64Array,
  gradFeatures: Float64Array,
  gradX: Float64Array,
): void {
  switch (mode) {
    case 'moments':
      momentsBackward(x, features, gradFeatures, gradX);
      return;
    case 'raw':
      gradX.set(gradFeatures.subarray(0, x.length));
      return;
    case 'data-and-variances':
      variancesBackward(x, gradFeatures, gradX);
      return;
    case 'data-and-diffs':
      diffsBackward(x, gradFeatures, gradX);
      return;
  }
}

function mean(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}

function moments(x: Float64Array, out: Float64Array): void {
  const n = x.length;
  const m = mean(x);

  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    squares += d * d;
  }
  const std = Math.sqrt(squares / n);

  let cubes = 0;
  let fourths = 0;
  for (let i = 0; i < n; i++) {
    const z = (x[i] - m) / std;
    const z2 = z * z;
    cubes += z2 * z;
    fourths += z2 * z2;
  }

  out[0] = m;
  out[1] = std;
  out[2] = cubes / n;
  out[3] = fourths / n - 3;
}

function momentsBackward(
  x: Float64Array,
  features: Float64Array,
  gradFeatures: Float64Array,
  gradX: Float64Array,
): void {
  const n = x.length;
  const m = features[0];
  const std = features[1];
  const skew = features[2];
  const fourth = features[3] + 3;

  // Coefficients of the cubic in z, collected from the four derivatives.
  const cMean = gradFeatures[0] / n;
  const cStd = gradFeatures[1] / n;
  const cSkew = (3 * gradFeatures[2]) / (n * std);
  const cKurt = (4 * gradFeatures[3]) / (n * std);
  const k0 = cMean - cSkew - cKurt * skew;
  const k1 = cStd - cSkew * skew - cKurt * fourth;

  for (let i = 0; i < n; i++) {
    const z = (x[i] - m) / std;
    gradX[i] = k0 + z * (k1 + z * (cSkew + z * cKurt));
  }
}

function dataAndDeviations(
  x: Float64Array,
  out: Float64Array,
  squared: boolean,
): void {
  const n = x.length;
  const m = mean(x);
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    out[i] = x[i];
    out[n + i] = squared ? d * d : d;
  }
}

function variancesBackward(
  x: Float64Array,
  gradFeatures: Float64Array,
  gradX: Float64Array,
): void {
  const n = x.length;
  const m = mean(x);

  // d (x_j - m)^2 / d x_i = 2 (x_j - m) (delta_ij - 1/n).
  let coupled = 0;
  for (let j = 0; j < n; j++) coupled += (x[j] - m) * gradFeatures[n + j];
  const shift = (2 * coupled) / n;

  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    gradX[i] = gradFeatures[i] + 2 * d * gradFeatures[n + i] - shift;
  }
}

function diffsBackward(
  x: Float64Array,
  gradFeatures: Float64Array,
  gradX: Float64Array,
): void {
  const n = x.length;

  // d (x_j - m) / d x_i = delta_ij - 1/n.
  let total = 0;
  for (let j = 0; j < n; j++) total += gradFeatures[n + j];
  const shift = total / n;

  for (let i = 0; i < n; i++) {
    gradX[i] = gradFeatures[i] + gradFeatures[n + i] - shift;
  }
}
