/**
 * The WebAssembly kernels against the general path's Network: the same
 * bits for every row count (odd ones fill a spare lane), every offset and
 * every kind of value tanh has to handle, forward and backward.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACT_LINEAR, ACT_TANH } from '../src/engines/fused/activation.js';
import { GeneratorKernel } from '../src/engines/fused/kernel/kernel.js';
import { Network } from '../src/engines/fused/network.js';

const SIZES = [1, 5, 5, 1];
const CAPACITY = 9;

/** Parameters that send some units far past saturation and some near 0. */
function parameters(): Float64Array {
  const p = new Float64Array(46).map((_, i) => Math.sin(1.7 * i + 0.3));
  p[0] = 40; // W1[0]: unit 0 saturates for |x| > 0.5
  p[5] = -0; // b1[0]
  p[6] = 25; // b1[1]: unit 1 sits at +1 for moderate x
  return p;
}

/** Both passes over noise[offset .. offset + rows): identical or not. */
function compare(noise: Float64Array, offset: number, rows: number): void {
  const p = parameters();
  const network = new Network(SIZES, ACT_TANH, ACT_LINEAR, CAPACITY);
  network.params.set(p);
  network.forward(noise, offset, rows);

  const kernel = new GeneratorKernel(CAPACITY);
  kernel.forward(p, noise, offset, rows);

  const where = `rows ${rows}, offset ${offset}`;
  sameBits(kernel.h1, network.layerOutput(1), 5 * rows, `h1, ${where}`);
  sameBits(kernel.h2, network.layerOutput(2), 5 * rows, `h2, ${where}`);
  sameBits(kernel.out, network.output, rows, `samples, ${where}`);
}

function sameBits(
  got: Float64Array,
  want: Float64Array,
  count: number,
  what: string,
): void {
  for (let i = 0; i < count; i++) {
    assert.ok(
      Object.is(got[i], want[i]),
      `${what}: value ${i} is ${got[i]}, the general path gives ${want[i]}`,
    );
  }
}

test('the kernel gives the general path bits for every row count', () => {
  const noise = new Float64Array(CAPACITY).map((_, i) => -1.3 + 0.37 * i);
  for (let rows = 1; rows <= CAPACITY; rows++) compare(noise, 0, rows);
});

test('the kernel reads from an offset, as generate() chunks do', () => {
  const noise = new Float64Array(3 * CAPACITY).map((_, i) => (i * 0.618) % 1);
  compare(noise, CAPACITY, CAPACITY);
  compare(noise, 2 * CAPACITY + 1, CAPACITY - 2);
});

test('the kernel handles what tanh must: 0, -0, huge, infinite, NaN', () => {
  const noise = Float64Array.from([
    0,
    -0,
    1e-300,
    19.5,
    -19.5,
    1e300,
    -Infinity,
    Infinity,
    NaN,
  ]);
  compare(noise, 0, noise.length);

  const kernel = new GeneratorKernel(CAPACITY);
  kernel.forward(parameters(), noise, 0, noise.length);
  assert.ok(Number.isNaN(kernel.out[8]), 'NaN noise gives a NaN sample');
  assert.equal(kernel.h1[5 * 7], 1, 'W1[0] = 40 at x = +Infinity gives 1');
});

/** Both backward passes over the first `rows` of a forward pass. */
function compareBackward(
  noise: Float64Array,
  gradOut: Float64Array,
  rows: number,
): void {
  const p = parameters();
  const network = new Network(SIZES, ACT_TANH, ACT_LINEAR, CAPACITY);
  network.params.set(p);
  network.forward(noise, 0, rows);
  network.zeroGrads();
  network.backward(noise, 0, rows, gradOut, true, null);

  const kernel = new GeneratorKernel(CAPACITY);
  kernel.forward(p, noise, 0, rows);
  kernel.gradOut.set(gradOut.subarray(0, rows));
  const grads = new Float64Array(46).fill(NaN);
  kernel.backward(rows, grads);

  sameBits(grads, network.grads, 46, `gradient, rows ${rows}`);
}

test('the backward kernel gives the general path bits for every row count', () => {
  const noise = new Float64Array(CAPACITY).map((_, i) => -1.3 + 0.37 * i);
  const gradOut = new Float64Array(CAPACITY).map((_, i) => Math.cos(2.1 * i));
  for (let rows = 1; rows <= CAPACITY; rows++) {
    compareBackward(noise, gradOut, rows);
  }
});

test('the backward kernel keeps -0, saturated units and large terms', () => {
  const noise = Float64Array.from([0, -0, 19.5, -3, 1e3, 0.5, -0.5, 2, 7]);
  const gradOut = Float64Array.from([-0, 0, 1e200, -1e-200, 3, -0, 5, 0, 1]);
  compareBackward(noise, gradOut, CAPACITY);
});

test('a second pass overwrites the first, with no trace of it', () => {
  const kernel = new GeneratorKernel(CAPACITY);
  const a = new Float64Array(CAPACITY).fill(0.25);
  const b = new Float64Array(CAPACITY).fill(-0.75);
  kernel.forward(parameters(), a, 0, CAPACITY);
  kernel.forward(parameters(), b, 0, CAPACITY);
  const fresh = new GeneratorKernel(CAPACITY);
  fresh.forward(parameters(), b, 0, CAPACITY);
  assert.deepEqual(kernel.out, fresh.out);
  assert.deepEqual(kernel.h2, fresh.h2);
});
