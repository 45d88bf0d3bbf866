import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultRunSpec } from '../src/config/spec.js';
import {
  initialParameters,
  layerSlices,
  parameterCount,
} from '../src/engines/parameters.js';
import { createStream } from '../src/workloads/random.js';

test('a named stream repeats exactly for the same seed and name', () => {
  const a = createStream(7, 'real');
  const b = createStream(7, 'real');
  for (let i = 0; i < 1000; i++) assert.equal(a.normal(), b.normal());
});

test('streams differ by seed and by name', () => {
  const base = createStream(7, 'real').uniform();
  assert.notEqual(createStream(8, 'real').uniform(), base);
  assert.notEqual(createStream(7, 'noise').uniform(), base);
});

test('polar-method normals have mean 0 and variance 1', () => {
  // For n = 200,000 draws the standard error of the mean is 1/sqrt(n) =
  // 0.0022 and of the variance sqrt(2/n) = 0.0032; 5 standard errors allowed.
  const stream = createStream(1, 'real');
  const n = 200_000;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = stream.normal();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  assert.ok(Math.abs(mean) < 0.011, `mean ${mean}`);
  assert.ok(Math.abs(squares / n - mean * mean - 1) < 0.016);
});

test('fillUniform stays inside [low, high)', () => {
  const out = new Float64Array(10_000);
  createStream(3, 'noise').fillUniform(out, -2, 5);
  for (const x of out) assert.ok(x >= -2 && x < 5);
});

test('the article networks have 46 + 171 = 217 parameters', () => {
  // Generator 1->5->5->1: (5+5) + (25+5) + (5+1) = 46.
  // Discriminator 4->10->10->1: (40+10) + (100+10) + (10+1) = 171.
  const spec = defaultRunSpec();
  const { generator, discriminator } = initialParameters(
    spec,
    createStream(1, 'weights'),
  );
  assert.equal(generator.length, 46);
  assert.equal(discriminator.length, 171);
  assert.equal(parameterCount([4, 10, 10, 1]), 171);
});

test('layer slices put weights row-major by output, then biases', () => {
  assert.deepEqual(layerSlices([2, 3, 1]), [
    { fanIn: 2, fanOut: 3, weightOffset: 0, biasOffset: 6 },
    { fanIn: 3, fanOut: 1, weightOffset: 9, biasOffset: 12 },
  ]);
});

test('initial weights lie within 1/sqrt(fan_in) of zero', () => {
  const spec = defaultRunSpec();
  const { discriminator } = initialParameters(spec, createStream(2, 'weights'));
  // First discriminator layer: fan_in 4, bound 0.5; its 50 values come first.
  for (let k = 0; k < 50; k++) assert.ok(Math.abs(discriminator[k]) <= 0.5);
  // Second layer: fan_in 10, bound 0.316.
  for (let k = 50; k < 160; k++) {
    assert.ok(Math.abs(discriminator[k]) <= 1 / Math.sqrt(10));
  }
});

test('initial weights do not depend on how much data a run draws', () => {
  // The weights have their own stream: a larger minibatch (moments mode
  // keeps the discriminator's shape) must not move them.
  const small = defaultRunSpec();
  const large = defaultRunSpec();
  large.training.minibatch = 2000;
  const a = initialParameters(small, createStream(5, 'weights'));
  const b = initialParameters(large, createStream(5, 'weights'));
  assert.deepEqual(a, b);
});
