/**
 * The two optimisers of the run spec, stepping a flat parameter array in
 * place from a flat gradient, with state allocated once.
 */
import type { AdamSpec, OptimizerSpec, SgdSpec } from '../../config/spec.js';

/** One optimiser's state for one network. */
export interface Optimizer {
  /** Moves `params` one step against `grads` (same length as at creation). */
  step(params: Float64Array, grads: Float64Array): void;
}

/** An optimiser for `size` parameters, its state zero. */
export function createOptimizer(spec: OptimizerSpec, size: number): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new SgdMomentum(spec, size);
    case 'adam':
      return new Adam(spec, size);
  }
}

/**
 * SGD with momentum in the deep-learning convention (PyTorch, tfjs):
 * v = mu v + g; p -= lr v. v starts at 0, so the first step moves by lr g.
 */
export class SgdMomentum implements Optimizer {
  private readonly learningRate: number;
  private readonly momentum: number;
  private readonly velocity: Float64Array;

  constructor(spec: SgdSpec, size: number) {
    this.learningRate = spec.learningRate;
    this.momentum = spec.momentum;
    this.velocity = new Float64Array(size);
  }

  step(params: Float64Array, grads: Float64Array): void {
    const v = this.velocity;
    for (let k = 0; k < params.length; k++) {
      v[k] = this.momentum * v[k] + grads[k];
      params[k] -= this.learningRate * v[k];
    }
  }
}

/**
 * Adam (Kingma and Ba 2015) with bias correction at step t (from 1):
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
export class Adam implements Optimizer {
  private readonly spec: AdamSpec;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private t = 0;

  constructor(spec: AdamSpec, size: number) {
    this.spec = spec;
    this.first = new Float64Array(size);
    this.second = new Float64Array(size);
  }

  step(params: Float64Array, grads: Float64Array): void {
    const { learningRate, beta1, beta2, epsilon } = this.spec;
    this.t += 1;
    const firstCorrection = 1 - Math.pow(beta1, this.t);
    const secondCorrection = 1 - Math.pow(beta2, this.t);
    const m = this.first;
    const v = this.second;

    for (let k = 0; k < params.length; k++) {
      const g = grads[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      const mHat = m[k] / firstCorrection;
      const vHat = v[k] / secondCorrection;
      params[k] -= (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
}
