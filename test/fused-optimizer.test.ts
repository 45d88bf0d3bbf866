/**
 * The fused optimisers on a worked two-step example: parameters [1, -2],
 * gradients [0.5, -1] then [0.2, 0.4].
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createOptimizer } from '../src/engines/fused/optimizer.js';

const CLOSE = 1e-12;

function twoSteps(optimizer: ReturnType<typeof createOptimizer>): number[][] {
  const params = Float64Array.from([1, -2]);
  const seen: number[][] = [];
  for (const g of [
    [0.5, -1],
    [0.2, 0.4],
  ]) {
    optimizer.step(params, Float64Array.from(g));
    seen.push(Array.from(params));
  }
  return seen;
}

function assertClose(got: number[], want: number[]) {
  for (let k = 0; k < want.length; k++) {
    assert.ok(
      Math.abs(got[k] - want[k]) <= CLOSE,
      `index ${k}: got ${got[k]}, want ${want[k]}`,
    );
  }
}

test('sgd with momentum: v = mu v + g, p -= lr v, v starting at 0', () => {
  const [first, second] = twoSteps(
    createOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, 2),
  );
  // Step 1: v = g = [0.5, -1]; p = [1 - 0.05, -2 + 0.1].
  assertClose(first, [0.95, -1.9]);
  // Step 2: v = 0.9 [0.5, -1] + [0.2, 0.4] = [0.65, -0.5];
  // p = [0.95 - 0.065, -1.9 + 0.05].
  assertClose(second, [0.885, -1.85]);
});

test('sgd with momentum 0 is plain gradient descent', () => {
  const [first, second] = twoSteps(
    createOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0 }, 2),
  );
  assertClose(first, [0.95, -1.9]);
  assertClose(second, [0.93, -1.94]);
});

test('adam with bias correction', () => {
  const [first, second] = twoSteps(
    createOptimizer(
      {
        kind: 'adam',
        learningRate: 0.1,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
      },
      2,
    ),
  );
  // t = 1: m-hat = g and v-hat = g^2, so each step is lr |g| / (|g| + eps):
  // [1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 * 1 / (1 + 1e-8)].
  assertClose(first, [0.900000002, -1.900000001]);
  // t = 2: m = [0.065, -0.05], m-hat = m / 0.19 = [0.342105, -0.263158];
  // v = [0.00028975, 0.001159], v-hat = v / 0.001999 = [0.144947, 0.579790];
  // steps lr m-hat / (sqrt(v-hat) + eps) = [0.0898575181, -0.0345605843].
  assertClose(second, [0.8101424839029282, -1.865439416662626]);
});
