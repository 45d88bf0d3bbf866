/**
 * The spec's optimisers as tfjs' own optimisers.
 *
 * tf.train.momentum updates v = mu * v + g; p -= lr * v, the convention the
 * spec asks for (and PyTorch's SGD with dampening 0), and tf.train.adam is
 * Kingma and Ba's with bias correction and epsilon outside the square root.
 * Both keep their state per position in the gradient list, so every step of
 * one network must pass its gradients in the same order.
 */
import * as tf from '@tensorflow/tfjs';

import type { OptimizerSpec } from '../../config/spec.js';

/** A tfjs optimiser for `spec`. */
export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return tf.train.momentum(spec.learningRate, spec.momentum, false);
    case 'adam':
      // Epsilon passed explicitly: tfjs otherwise takes its backend's
      // epsilon (1e-7 on float32), not the spec's.
      return tf.train.adam(
        spec.learningRate,
        spec.beta1,
        spec.beta2,
        spec.epsilon,
      );
  }
}

/** Releases every tensor `optimizer` holds. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();

  // tfjs 4.22's MomentumOptimizer.dispose overrides SGDOptimizer.dispose
  // without calling it, so its -learningRate scalar `c` stays alive
  // (tensorflow/tfjs#4647). Disposing it here stays harmless once tfjs
  // fixes that, since dispose is idempotent.
  const leftover = (optimizer as unknown as { c?: tf.Tensor }).c;
  leftover?.dispose();
}
