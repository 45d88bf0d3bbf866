/**
 * No tensor outlives the engine: the live tensor count after create, every
 * kind of call, and dispose equals the count before, on every pure-JS
 * backend and with both optimisers.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs';

import {
  defaultOptimizer,
  defaultRunSpec,
  type InputMode,
  type RunSpec,
} from '../src/config/spec.js';
import { initialParameters } from '../src/engines/parameters.js';
import { BACKEND_VARIABLE } from '../src/engines/tfjs/backend.js';
import { createTfjsEngine } from '../src/engines/tfjs/engine.js';
import { train } from '../src/train/loop.js';
import { createStream } from '../src/workloads/random.js';

const saved = process.env[BACKEND_VARIABLE];

function smallSpec(input: InputMode, optimizer: 'sgd' | 'adam'): RunSpec {
  const base = defaultRunSpec();
  return {
    ...base,
    generator: { ...base.generator, optimizer: defaultOptimizer(optimizer) },
    discriminator: {
      ...base.discriminator,
      input,
      optimizer: defaultOptimizer(optimizer),
    },
    training: {
      ...base.training,
      minibatch: 32,
      discriminatorSteps: 2,
      generatorSteps: 2,
      rounds: 3,
      logEvery: 1,
      finalSamples: 64,
    },
    engine: 'tfjs',
  };
}

/** Every engine call, each more than once (optimiser state starts lazily). */
async function exercise(spec: RunSpec): Promise<void> {
  const initial = initialParameters(spec, createStream(1, 'weights'));
  const engine = await createTfjsEngine(spec, initial);
  const real = new Float64Array(spec.training.minibatch).fill(4);
  real[0] = 2;
  const noise = new Float64Array(spec.training.minibatch).fill(0.5);
  noise[0] = 0.25;
  const out = new Float64Array(noise.length);
  const losses = new Float64Array(3);

  for (let i = 0; i < 2; i++) {
    engine.discriminatorStep(real, noise, losses);
    engine.generatorStep(noise, losses);
    engine.generate(noise, out);
    engine.gradients(real, noise);
    engine.setParameters(engine.getParameters());
    assert.ok(engine.parametersFinite());
  }

  engine.dispose();
}

describe('tfjs engine tensor accounting', () => {
  after(() => {
    if (saved === undefined) delete process.env[BACKEND_VARIABLE];
    else process.env[BACKEND_VARIABLE] = saved;
  });

  for (const backend of ['cpu', 'wasm']) {
    for (const [input, optimizer] of [
      ['moments', 'sgd'],
      ['data-and-diffs', 'adam'],
    ] as const) {
      it(`${backend}, ${input}, ${optimizer}: no tensor leaks`, async () => {
        process.env[BACKEND_VARIABLE] = backend;
        const spec = smallSpec(input, optimizer);
        const before = tf.memory().numTensors;
        await exercise(spec);
        assert.equal(tf.getBackend(), backend);
        assert.equal(tf.memory().numTensors, before);
      });
    }
  }

  it('a whole train() run leaves no tensor behind', async () => {
    delete process.env[BACKEND_VARIABLE];
    const spec = smallSpec('moments', 'sgd');
    const before = tf.memory().numTensors;
    const result = await train(spec);
    assert.equal(result.roundsCompleted, 3);
    assert.equal(tf.memory().numTensors, before);
  });
});
