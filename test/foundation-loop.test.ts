import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultRunSpec, type RunSpec } from '../src/config/spec.js';
import {
  LOSS_FAKE,
  LOSS_GENERATOR,
  LOSS_REAL,
  type Engine,
} from '../src/engines/engine.js';
import type { Parameters } from '../src/engines/parameters.js';
import { train } from '../src/train/loop.js';

/**
 * A stand-in engine whose generator is G(u) = a*u + b with the two numbers
 * held in `generator`. Each generator step adds 1 to b; the discriminator
 * step only counts. `poisonAtGeneratorStep` makes b NaN at that step.
 */
function affineEngine(
  initial: Parameters,
  calls: { discriminator: number; generator: number; disposed: boolean },
  poisonAtGeneratorStep = Infinity,
): Engine {
  const generator = new Float64Array([2, 0]);
  const discriminator = initial.discriminator.slice();
  return {
    name: 'fused',
    backend: 'test-affine',
    discriminatorStep(real, noise, losses) {
      assert.equal(real.length, noise.length);
      calls.discriminator++;
      losses[LOSS_REAL] = 0.5;
      losses[LOSS_FAKE] = 0.25;
    },
    generatorStep(_noise, losses) {
      calls.generator++;
      generator[1] += 1;
      if (calls.generator === poisonAtGeneratorStep) generator[1] = NaN;
      losses[LOSS_GENERATOR] = 1;
    },
    generate(noise, out) {
      for (let i = 0; i < noise.length; i++) {
        out[i] = generator[0] * noise[i] + generator[1];
      }
    },
    parametersFinite() {
      return generator.every(Number.isFinite);
    },
    getParameters() {
      return { generator: generator.slice(), discriminator };
    },
    setParameters() {},
    gradients() {
      return { generator: generator.slice(), discriminator };
    },
    dispose() {
      calls.disposed = true;
    },
  };
}

function smallSpec(): RunSpec {
  const spec = defaultRunSpec();
  spec.training = {
    minibatch: 1000,
    discriminatorSteps: 3,
    generatorSteps: 2,
    rounds: 10,
    logEvery: 4,
    finalSamples: 20_000,
  };
  return spec;
}

test('the loop runs D steps then G steps each round and logs every k', async () => {
  const calls = { discriminator: 0, generator: 0, disposed: false };
  const progress: number[] = [];
  const result = await train(smallSpec(), {
    engineFactory: async (_spec, initial) => affineEngine(initial, calls),
    onProgress: (round) => progress.push(round),
    progressEvery: 5,
  });

  assert.equal(calls.discriminator, 30);
  assert.equal(calls.generator, 20);
  assert.equal(calls.disposed, true);
  assert.equal(result.roundsCompleted, 10);
  assert.equal(result.stopped, null);
  assert.deepEqual(
    result.trajectory.map((p) => p.round),
    [4, 8, 10],
  );
  assert.deepEqual(progress, [5, 10]);
  assert.equal(result.backend, 'test-affine');
  assert.match(result.rng, /alea/);
});

test('trajectory and final sample are the generator on U[0, 1) noise', async () => {
  const calls = { discriminator: 0, generator: 0, disposed: false };
  const result = await train(smallSpec(), {
    engineFactory: async (_spec, initial) => affineEngine(initial, calls),
  });

  // After round 4 the generator is 2u + 8 (two steps a round add 1 each):
  // mean 2 * 0.5 + 8 = 9, std 2 / sqrt(12) = 0.577. With 1,000 uniforms the
  // standard error of the mean is 0.577 / sqrt(1000) = 0.018; allow 0.06.
  const first = result.trajectory[0];
  assert.ok(Math.abs(first.generatedMean - 9) < 0.06, `${first.generatedMean}`);
  assert.ok(Math.abs(first.generatedStd - 0.577) < 0.03);
  assert.equal(first.discriminatorRealLoss, 0.5);
  assert.equal(first.discriminatorFakeLoss, 0.25);
  assert.equal(first.generatorLoss, 1);

  // The final generator is 2u + 20: 20,000 values in [20, 22).
  assert.equal(result.finalSample.length, 20_000);
  for (const x of result.finalSample) assert.ok(x >= 20 && x < 22);
});

test('a non-finite parameter stops the run as diverged, not as a crash', async () => {
  const calls = { discriminator: 0, generator: 0, disposed: false };
  const result = await train(smallSpec(), {
    engineFactory: async (_spec, initial) => affineEngine(initial, calls, 5),
  });

  // Generator step 5 is the first step of round 3.
  assert.equal(result.roundsCompleted, 3);
  assert.deepEqual(result.stopped, {
    round: 3,
    reason: 'a parameter is not finite',
  });
  assert.equal(result.trajectory.at(-1)?.round, 3);
  assert.ok(Number.isNaN(result.finalSample[0]));
  assert.equal(calls.disposed, true);
});

test('the same spec gives the same data twice, another seed other data', async () => {
  const seen: number[][] = [];
  const factory = (spec: RunSpec) => {
    const calls = { discriminator: 0, generator: 0, disposed: false };
    return train(spec, {
      engineFactory: async (_s, initial) => {
        const engine = affineEngine(initial, calls);
        const step = engine.discriminatorStep;
        engine.discriminatorStep = (real, noise, losses) => {
          seen.push([real[0], noise[0], initial.discriminator[0]]);
          step(real, noise, losses);
        };
        return engine;
      },
    });
  };

  await factory(smallSpec());
  const first = seen.splice(0);
  await factory(smallSpec());
  assert.deepEqual(seen.splice(0), first);

  const other = smallSpec();
  other.seed = 2;
  await factory(other);
  assert.notDeepEqual(seen[0], first[0]);
});
