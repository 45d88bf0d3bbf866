/**
 * The fused engine as a whole: both paths give the same bits, a step is
 * exactly the optimiser rule applied to `gradients()`, `gradients()` leaves
 * no trace, and the losses and samples are what the spec defines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultRunSpec, type RunSpec } from '../src/config/spec.js';
import { createFusedEngine } from '../src/engines/fused/engine.js';
import { LOSS_FAKE, LOSS_GENERATOR, LOSS_REAL } from '../src/engines/engine.js';
import { train } from '../src/train/loop.js';
import {
  fixtures,
  maxAbsDifference,
  referenceGenerate,
  referenceLosses,
  smallSpec,
} from './fused-reference.js';

function articleSpec(rounds: number): RunSpec {
  const spec = defaultRunSpec();
  spec.training.rounds = rounds;
  spec.training.logEvery = 1;
  spec.training.finalSamples = 1234;
  return spec;
}

test('the fast path and the general path give identical runs', async () => {
  const spec = articleSpec(4);
  const fast = await train(spec);
  const general = await train(spec, {
    engineFactory: (s, p) => createFusedEngine(s, p, { forceGeneral: true }),
  });
  assert.equal(fast.backend, 'wasm-simd-float64');
  assert.equal(general.backend, 'js-float64');
  assert.deepEqual(fast.trajectory, general.trajectory);
  assert.deepEqual(fast.finalSample, general.finalSample);
});

test('the same spec and seed give the same run twice; another seed differs', async () => {
  const spec = articleSpec(2);
  const first = await train(spec);
  const second = await train(spec);
  assert.deepEqual(first.trajectory, second.trajectory);
  assert.deepEqual(first.finalSample, second.finalSample);
  spec.seed = 2;
  const other = await train(spec);
  assert.notDeepEqual(other.finalSample, first.finalSample);
});

test('gradients() changes neither the parameters nor the optimiser state', async () => {
  for (const kind of ['sgd', 'adam'] as const) {
    const spec = smallSpec('moments', 'tanh', 'sigmoid');
    spec.discriminator.optimizer =
      kind === 'sgd'
        ? { kind, learningRate: 0.1, momentum: 0.9 }
        : { kind, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    spec.generator.optimizer = spec.discriminator.optimizer;
    const { initial, real, noise } = fixtures(spec);
    const probed = await createFusedEngine(spec, initial);
    const plain = await createFusedEngine(spec, initial);
    const losses = new Float64Array(3);

    for (let step = 0; step < 3; step++) {
      const before = probed.getParameters();
      probed.gradients(real, noise);
      assert.deepEqual(probed.getParameters(), before);
      for (const engine of [probed, plain]) {
        engine.discriminatorStep(real, noise, losses);
        engine.generatorStep(noise, losses);
      }
    }
    assert.deepEqual(probed.getParameters(), plain.getParameters());
  }
});

test('a step is the sgd rule applied to gradients(), one network at a time', async () => {
  const spec = smallSpec('data-and-diffs', 'elu', 'tanh');
  const lr = 0.05;
  const mu = 0.9;
  spec.discriminator.optimizer = {
    kind: 'sgd',
    learningRate: lr,
    momentum: mu,
  };
  spec.generator.optimizer = { kind: 'sgd', learningRate: lr, momentum: mu };
  const { initial, real, noise } = fixtures(spec);
  const engine = await createFusedEngine(spec, initial);
  const losses = new Float64Array(3);

  // Step 1: v = g1, p1 = p0 - lr g1; the generator does not move.
  const g1 = engine.gradients(real, noise).discriminator;
  engine.discriminatorStep(real, noise, losses);
  const p1 = engine.getParameters();
  assert.deepEqual(p1.generator, initial.generator);
  const want1 = initial.discriminator.map((p, k) => p - lr * g1[k]);
  assert.ok(maxAbsDifference(p1.discriminator, want1) < 1e-15);

  // Step 2: v = mu g1 + g2, p2 = p1 - lr v.
  const g2 = engine.gradients(real, noise).discriminator;
  engine.discriminatorStep(real, noise, losses);
  const want2 = p1.discriminator.map((p, k) => p - lr * (mu * g1[k] + g2[k]));
  assert.ok(
    maxAbsDifference(engine.getParameters().discriminator, want2) < 1e-15,
  );

  // A generator step moves only the generator, by -lr g on its first step.
  const before = engine.getParameters();
  const gG = engine.gradients(real, noise).generator;
  engine.generatorStep(noise, losses);
  const after = engine.getParameters();
  assert.deepEqual(after.discriminator, before.discriminator);
  const wantG = before.generator.map((p, k) => p - lr * gG[k]);
  assert.ok(maxAbsDifference(after.generator, wantG) < 1e-15);
});

test('an adam step is lr g / (|g| + eps) on its first step', async () => {
  const spec = smallSpec('raw', 'sigmoid', 'relu');
  const adam = {
    kind: 'adam',
    learningRate: 0.01,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
  } as const;
  spec.discriminator.optimizer = adam;
  const { initial, real, noise } = fixtures(spec);
  const engine = await createFusedEngine(spec, initial);
  const g = engine.gradients(real, noise).discriminator;
  engine.discriminatorStep(real, noise, new Float64Array(3));
  // With m-hat = g and v-hat = g^2 after one step.
  const want = initial.discriminator.map(
    (p, k) => p - (0.01 * g[k]) / (Math.abs(g[k]) + 1e-8),
  );
  assert.ok(
    maxAbsDifference(engine.getParameters().discriminator, want) < 1e-15,
  );
});

test('the steps write the three losses the spec defines', async () => {
  for (const spec of [
    smallSpec('moments', 'tanh', 'sigmoid'),
    articleSpec(1),
  ]) {
    const { initial, real, noise } = fixtures(spec);
    const want = referenceLosses(spec, initial, real, noise);
    const engine = await createFusedEngine(spec, initial);
    const losses = new Float64Array(3);
    engine.discriminatorStep(real, noise, losses);
    assert.ok(Math.abs(losses[LOSS_REAL] - want.real) < 1e-12);
    assert.ok(Math.abs(losses[LOSS_FAKE] - want.fake) < 1e-12);
    engine.setParameters(initial);
    engine.generatorStep(noise, losses);
    assert.ok(Math.abs(losses[LOSS_GENERATOR] - want.generator) < 1e-12);
  }
});

test('generate() runs samples beyond one minibatch, on both paths', async () => {
  // 1234 values = two full minibatches of 500 and a partial one of 234.
  const spec = articleSpec(1);
  const { initial } = fixtures(spec);
  const noise = new Float64Array(1234).map((_, i) => (i * 0.618) % 1);
  const want = referenceGenerate(spec, initial.generator, noise);
  for (const forceGeneral of [false, true]) {
    const engine = await createFusedEngine(spec, initial, { forceGeneral });
    const out = new Float64Array(noise.length);
    engine.generate(noise, out);
    // The reference uses Math.tanh: within 1e-15 relative per unit.
    assert.ok(maxAbsDifference(out, Float64Array.from(want)) < 1e-12);
  }
});

test('parameters: copies in and out, lengths checked, finiteness seen', async () => {
  const spec = smallSpec('moments', 'tanh', 'sigmoid');
  const { initial } = fixtures(spec);
  const engine = await createFusedEngine(spec, initial);
  initial.generator[0] = 123;
  assert.notEqual(engine.getParameters().generator[0], 123);
  engine.getParameters().generator[0] = 456;
  assert.notEqual(engine.getParameters().generator[0], 456);
  assert.equal(engine.parametersFinite(), true);

  const broken = engine.getParameters();
  broken.discriminator[3] = NaN;
  engine.setParameters(broken);
  assert.equal(engine.parametersFinite(), false);
  broken.discriminator[3] = Infinity;
  engine.setParameters(broken);
  assert.equal(engine.parametersFinite(), false);

  assert.throws(
    () => engine.setParameters({ ...broken, generator: new Float64Array(3) }),
    /generator has 3 parameters/,
  );
  assert.equal(engine.name, 'fused');
  // A generator other than the article's takes the general path.
  assert.equal(engine.backend, 'js-float64');
});
