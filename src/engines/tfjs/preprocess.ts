/**
 * What the discriminator sees of one minibatch, as differentiable tfjs ops.
 *
 * The generator step differentiates through these features, so they are
 * built from tfjs ops only (no reading values back).
 */
import * as tf from '@tensorflow/tfjs';

import type { InputMode } from '../../config/spec.js';

/**
 * The discriminator's input row for one minibatch `samples` of n values
 * (any shape holding n values), as a [1, k] tensor:
 * - `moments`: [mean, std, skewness, excess kurtosis], k = 4, with the
 *   population variance (divide by n) and z = (x - mean) / std, skewness =
 *   mean(z^3), excess kurtosis = mean(z^4) - 3, as in the article's
 *   get_moments; a constant minibatch gives std 0 and NaN moments;
 * - `raw`: the n values, k = n;
 * - `data-and-variances`: the values, then (x_i - mean)^2, k = 2n;
 * - `data-and-diffs`: the values, then x_i - mean, k = 2n.
 *
 * Example: x = [1, 2, 3, 6] gives moments [3, 1.870829, 0.687243, -1]
 * (variance 3.5, skewness 4.5 / 3.5^1.5, kurtosis 24.5 / 12.25 - 3).
 */
export function discriminatorFeatures(
  samples: tf.Tensor,
  mode: InputMode,
): tf.Tensor2D {
  return tf.tidy(() => {
    const x = tf.reshape<tf.Rank.R1>(samples, [-1]);

    switch (mode) {
      case 'moments':
        return tf.reshape(moments(x), [1, 4]);
      case 'raw':
        return tf.reshape(x, [1, -1]);
      case 'data-and-variances':
        return tf.reshape(tf.concat([x, tf.square(deviations(x))]), [1, -1]);
      case 'data-and-diffs':
        return tf.reshape(tf.concat([x, deviations(x)]), [1, -1]);
    }
  });
}

/** x_i - mean(x). */
function deviations(x: tf.Tensor1D): tf.Tensor1D {
  return tf.sub(x, tf.mean(x));
}

/** [mean, std, skewness, excess kurtosis] of x, population convention. */
function moments(x: tf.Tensor1D): tf.Tensor1D {
  const mean = tf.mean(x);
  const diffs = tf.sub(x, mean);
  const variance = tf.mean(tf.square(diffs));
  const std = tf.sqrt(variance);

  // z^3 and z^4 as products of squares: cheaper kernels than tf.pow.
  const z = tf.div(diffs, std);
  const zSquared = tf.square(z);
  const skewness = tf.mean(tf.mul(zSquared, z));
  const kurtosis = tf.sub(tf.mean(tf.square(zSquared)), 3);

  return tf.stack([mean, std, skewness, kurtosis]) as tf.Tensor1D;
}
