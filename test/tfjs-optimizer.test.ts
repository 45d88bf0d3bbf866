/**
 * The update conventions of the tfjs optimisers the engine uses, on one
 * parameter p0 = 1 with gradient 2 at the first step and -1 at the second.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs';

import type { OptimizerSpec } from '../src/config/spec.js';
import { useBackend } from '../src/engines/tfjs/backend.js';
import {
  createOptimizer,
  disposeOptimizer,
} from '../src/engines/tfjs/optimizer.js';

// float32 parameters of order 1.
const TOLERANCE = 1e-6;

let variablesMade = 0;

/** The parameter after each step with gradients `gradients`. */
function trajectory(spec: OptimizerSpec, gradients: number[]): number[] {
  const before = tf.memory().numTensors;
  const name = `optimizer-test-${++variablesMade}`;
  const p = tf.tidy(() => tf.variable(tf.tensor1d([1]), true, name));
  const optimizer = createOptimizer(spec);

  const values = gradients.map((g) => {
    tf.tidy(() => optimizer.applyGradients({ [p.name]: tf.tensor1d([g]) }));
    return p.dataSync()[0];
  });

  disposeOptimizer(optimizer);
  p.dispose();
  assert.equal(tf.memory().numTensors, before, 'the optimiser leaked');
  return values;
}

function assertClose(actual: number[], expected: number[]): void {
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    assert.ok(
      error <= TOLERANCE,
      `step ${i + 1}: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

describe('tfjs optimisers', () => {
  before(async () => {
    await useBackend();
  });

  it('sgd: v = mu*v + g; p -= lr*v', () => {
    // lr 0.1, mu 0.9. Step 1: v = 2, p = 1 - 0.1*2 = 0.8.
    // Step 2: v = 0.9*2 - 1 = 0.8, p = 0.8 - 0.1*0.8 = 0.72.
    // (Dampened v = mu*v + (1 - mu)*g would give 0.98 at step 1; Nesterov
    // p -= lr*(g + mu*v) would give 0.62.)
    const spec: OptimizerSpec = {
      kind: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
    };
    assertClose(trajectory(spec, [2, -1]), [0.8, 0.72]);
  });

  it('adam: bias-corrected, with the spec epsilon outside the root', () => {
    // lr 0.1, beta1 0.9, beta2 0.999, epsilon 0.1 (large, so that using
    // tfjs' default 1e-7 instead would show).
    // Step 1: m = 0.1*2 = 0.2, v = 0.001*4 = 0.004; m^ = 0.2/0.1 = 2,
    //   v^ = 0.004/0.001 = 4; p = 1 - 0.1*2/(2 + 0.1) = 0.9047619.
    // Step 2: m = 0.18 - 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996;
    //   m^ = 0.08/0.19 = 0.4210526, v^ = 0.004996/0.001999 = 2.4992496;
    //   p = 0.9047619 - 0.1*0.4210526/(1.5809015 + 0.1) = 0.8797127.
    const spec: OptimizerSpec = {
      kind: 'adam',
      learningRate: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 0.1,
    };
    assertClose(trajectory(spec, [2, -1]), [0.9047619, 0.8797127]);
  });
});
