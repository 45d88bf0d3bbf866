/**
 * The tfjs engine on hand-checkable networks: the forward pass in the flat
 * layout, the loss labels, which network each step moves and by how much.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs';

import {
  defaultRunSpec,
  type Activation,
  type RunSpec,
} from '../src/config/spec.js';
import { LOSS_FAKE, LOSS_GENERATOR, LOSS_REAL } from '../src/engines/engine.js';
import {
  discriminatorSizes,
  initialParameters,
  parameterCount,
  type Parameters,
} from '../src/engines/parameters.js';
import { createTfjsEngine } from '../src/engines/tfjs/engine.js';
import { activate } from '../src/engines/tfjs/network.js';
import { createStream } from '../src/workloads/random.js';

// float32 values of order 1.
const TOLERANCE = 1e-6;

function assertClose(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected);
  assert.ok(error <= TOLERANCE, `${what}: ${actual} vs ${expected}`);
}

/** G: 1 -> 2 (tanh) -> 1 (linear); D: moments -> 2 (sigmoid) -> 1. */
function tinySpec(): RunSpec {
  const base = defaultRunSpec();
  return {
    ...base,
    generator: { ...base.generator, hidden: [2] },
    discriminator: {
      ...base.discriminator,
      hidden: [2],
      optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 },
    },
    training: { ...base.training, minibatch: 4 },
    engine: 'tfjs',
  };
}

/**
 * Binary fractions, exact in float32. G: W0 = [0.5, -1] (2 x 1),
 * b0 = [0.25, 0.125], W1 = [2, 3] (1 x 2), b1 = [-0.5]. D: every weight
 * and bias 0 except the output bias 0.5, so its logit is 0.5 whatever it
 * sees.
 */
function tinyParameters(spec: RunSpec): Parameters {
  const discriminator = new Float64Array(
    parameterCount(discriminatorSizes(spec)),
  );
  discriminator[discriminator.length - 1] = 0.5;
  return {
    generator: Float64Array.from([0.5, -1, 0.25, 0.125, 2, 3, -0.5]),
    discriminator,
  };
}

describe('tfjs engine', () => {
  it('activations: leaky-relu slope 0.01, elu alpha 1', () => {
    const at = (a: Activation) =>
      tf.tidy(() => Array.from(activate(tf.tensor2d([[-1, 2]]), a).dataSync()));
    // leaky: -1 * 0.01; elu: exp(-1) - 1 = -0.632121; sigmoid(2) = 0.880797.
    assert.deepEqual(
      at('leaky-relu').map((v) => Math.round(v * 1e6)),
      [-10000, 2000000],
    );
    assertClose(at('elu')[0], Math.exp(-1) - 1, 'elu(-1)');
    assertClose(at('sigmoid')[1], 1 / (1 + Math.exp(-2)), 'sigmoid(2)');
    assertClose(at('tanh')[0], Math.tanh(-1), 'tanh(-1)');
    assert.deepEqual(at('relu'), [0, 2]);
    assert.deepEqual(at('linear'), [-1, 2]);
  });

  it('generates from the flat layout, weights row-major by output', async () => {
    const spec = tinySpec();
    const engine = await createTfjsEngine(spec, tinyParameters(spec));
    const out = new Float64Array(2);
    engine.generate(Float64Array.from([1, 0]), out);
    engine.dispose();

    // u = 1: 2 tanh(0.75) + 3 tanh(-0.875) - 0.5 = -1.341419;
    // u = 0: 2 tanh(0.25) + 3 tanh(0.125) - 0.5 = 0.362896.
    assertClose(out[0], -1.341419, 'G(1)');
    assertClose(out[1], 0.362896, 'G(0)');
  });

  it('writes softplus losses for labels 1, 0 and 1, and steps D only', async () => {
    const spec = tinySpec();
    const engine = await createTfjsEngine(spec, tinyParameters(spec));
    const start = engine.getParameters();
    const losses = new Float64Array(3);
    const real = Float64Array.from([3, 4, 5, 6]);
    const noise = Float64Array.from([0.1, 0.4, 0.6, 0.9]);

    engine.discriminatorStep(real, noise, losses);
    engine.generatorStep(noise, losses);
    const after = engine.getParameters();
    engine.dispose();

    // z = 0.5: real softplus(-0.5) = 0.474077, fake softplus(0.5) = 0.974077,
    // generator softplus(-0.5) = 0.474077 (before the D step moved z).
    assertClose(losses[LOSS_REAL], 0.474077, 'real loss');
    assertClose(losses[LOSS_FAKE], 0.974077, 'fake loss');

    // dL/dz = -(1 - s) + s = 2s - 1 = 0.244919 with s = sigmoid(0.5); the
    // hidden units are sigmoid(0) = 0.5, so each output weight's gradient is
    // 0.122459; the first layer's is 0 (output weights 0). First momentum
    // step: v = g, p -= 0.1 g.
    const d = after.discriminator;
    const n = d.length;
    assertClose(d[n - 1], 0.5 - 0.1 * 0.244919, 'output bias');
    assertClose(d[n - 3], -0.1 * 0.122459, 'output weight 0');
    assertClose(d[n - 2], -0.1 * 0.122459, 'output weight 1');
    assert.deepEqual(
      d.subarray(0, n - 3),
      start.discriminator.subarray(0, n - 3),
    );

    // D ignores its input (first-layer weights 0), so G's gradient is 0.
    assert.deepEqual(after.generator, start.generator);
  });

  it('each step moves its network by -lr * gradients() and no other', async () => {
    const spec: RunSpec = { ...defaultRunSpec(), engine: 'tfjs' };
    spec.training = { ...spec.training, minibatch: 16 };
    const initial = initialParameters(spec, createStream(3, 'weights'));
    const engine = await createTfjsEngine(spec, initial);
    const real = new Float64Array(16);
    const noise = new Float64Array(16);
    createStream(3, 'real').fillNormal(real, 4, 1.25);
    createStream(3, 'noise').fillUniform(noise, 0, 1);
    const losses = new Float64Array(3);
    const lr = 1e-3;

    // First momentum step from v = 0: v = g, p -= lr g.
    const before = engine.getParameters();
    const g = engine.gradients(real, noise);
    engine.discriminatorStep(real, noise, losses);
    const middle = engine.getParameters();
    assert.deepEqual(middle.generator, before.generator);
    for (let k = 0; k < g.discriminator.length; k++) {
      const expected = before.discriminator[k] - lr * g.discriminator[k];
      assertClose(middle.discriminator[k], expected, `D[${k}]`);
    }

    const h = engine.gradients(real, noise);
    engine.generatorStep(noise, losses);
    const after = engine.getParameters();
    engine.dispose();
    assert.deepEqual(after.discriminator, middle.discriminator);
    for (let k = 0; k < h.generator.length; k++) {
      const expected = middle.generator[k] - lr * h.generator[k];
      assertClose(after.generator[k], expected, `G[${k}]`);
    }
    assert.ok(
      g.generator.some((v) => v !== 0),
      'G gradient is all zero',
    );
  });

  it('setParameters then getParameters returns the same numbers', async () => {
    const spec = tinySpec();
    const engine = await createTfjsEngine(spec, tinyParameters(spec));
    const replacement = tinyParameters(spec);
    replacement.generator.reverse();
    replacement.discriminator.fill(-0.375);

    engine.setParameters(replacement);
    const read = engine.getParameters();
    const finite = engine.parametersFinite();
    replacement.discriminator[0] = Number.NaN;
    engine.setParameters(replacement);
    const finiteAfterNaN = engine.parametersFinite();
    engine.dispose();

    // Binary fractions, exact in float32.
    assert.deepEqual(read.generator, replacement.generator);
    assert.ok(read.discriminator.every((v) => v === -0.375));
    assert.equal(finite, true);
    assert.equal(finiteAfterNaN, false);
  });

  it('setParameters keeps the optimiser state', async () => {
    const spec: RunSpec = { ...defaultRunSpec(), engine: 'tfjs' };
    spec.training = { ...spec.training, minibatch: 16 };
    const initial = initialParameters(spec, createStream(5, 'weights'));
    const real = new Float64Array(16);
    const noise = new Float64Array(16);
    createStream(5, 'real').fillNormal(real, 4, 1.25);
    createStream(5, 'noise').fillUniform(noise, 0, 1);
    const losses = new Float64Array(3);

    // Two momentum steps, with and without a write of the same numbers in
    // between: a reset velocity would make the second step differ.
    const results: Parameters[] = [];
    for (const rewrite of [false, true]) {
      const engine = await createTfjsEngine(spec, initial);
      engine.discriminatorStep(real, noise, losses);
      engine.generatorStep(noise, losses);
      if (rewrite) engine.setParameters(engine.getParameters());
      engine.discriminatorStep(real, noise, losses);
      engine.generatorStep(noise, losses);
      results.push(engine.getParameters());
      engine.dispose();
    }

    assert.deepEqual(results[1], results[0]);
  });

  it('rejects parameters of the wrong length, changing nothing', async () => {
    const spec = tinySpec();
    const engine = await createTfjsEngine(spec, tinyParameters(spec));
    const short = tinyParameters(spec);
    short.discriminator = short.discriminator.subarray(1);
    short.generator.fill(0.25);

    assert.throws(() => engine.setParameters(short), /discriminator/);
    // Checked before anything is written: the generator is untouched.
    assert.equal(engine.getParameters().generator[0], 0.5);
    engine.dispose();
  });
});
