/**
 * The tfjs engine's autodiff gradients against central finite differences
 * of its own losses, on a small case.
 *
 * Losses are read from steps taken with learning rate 0 (momentum 0), which
 * leave the parameters exactly as they were: p - 0 * v = p.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  defaultRunSpec,
  type Activation,
  type InputMode,
  type RunSpec,
} from '../src/config/spec.js';
import {
  LOSS_FAKE,
  LOSS_GENERATOR,
  LOSS_REAL,
  type Engine,
} from '../src/engines/engine.js';
import {
  copyParameters,
  initialParameters,
  type Parameters,
} from '../src/engines/parameters.js';
import { createTfjsEngine } from '../src/engines/tfjs/engine.js';
import { createStream } from '../src/workloads/random.js';

// float32 losses of order 1 carry rounding of about 1e-7, which a step of
// 1e-2 turns into gradient noise of about 1e-5; the truncation error of the
// central difference is of order EPS^2 times the third derivative.
const EPS = 1e-2;
// Relative to the largest gradient component of the network.
const TOLERANCE = 2e-2;

function smallSpec(
  input: InputMode,
  generatorActivation: Activation,
  discriminatorActivation: Activation,
): RunSpec {
  const base = defaultRunSpec();
  const still = { kind: 'sgd' as const, learningRate: 0, momentum: 0 };
  return {
    ...base,
    generator: {
      ...base.generator,
      hidden: [3, 2],
      activation: generatorActivation,
      optimizer: still,
    },
    discriminator: {
      ...base.discriminator,
      hidden: [3, 2],
      activation: discriminatorActivation,
      input,
      optimizer: still,
    },
    training: { ...base.training, minibatch: 8 },
    engine: 'tfjs',
    seed: 7,
  };
}

function minibatches(spec: RunSpec) {
  const real = new Float64Array(spec.training.minibatch);
  const noise = new Float64Array(spec.training.minibatch);
  createStream(spec.seed, 'real').fillNormal(real, 4, 1.25);
  createStream(spec.seed, 'noise').fillUniform(noise, 0, 1);
  return { real, noise };
}

type Network = keyof Parameters;

/** The loss whose gradient `gradients()` reports for `network`. */
function loss(
  engine: Engine,
  network: Network,
  real: Float64Array,
  noise: Float64Array,
): number {
  const losses = new Float64Array(3);
  if (network === 'generator') {
    engine.generatorStep(noise, losses);
    return losses[LOSS_GENERATOR];
  }
  engine.discriminatorStep(real, noise, losses);
  return losses[LOSS_REAL] + losses[LOSS_FAKE];
}

/** Central differences (f(p + EPS e_k) - f(p - EPS e_k)) / (2 EPS). */
function finiteDifferences(
  engine: Engine,
  start: Parameters,
  network: Network,
  real: Float64Array,
  noise: Float64Array,
): Float64Array {
  const out = new Float64Array(start[network].length);
  for (let k = 0; k < out.length; k++) {
    const shifted = copyParameters(start);
    shifted[network][k] = start[network][k] + EPS;
    engine.setParameters(shifted);
    const above = loss(engine, network, real, noise);

    shifted[network][k] = start[network][k] - EPS;
    engine.setParameters(shifted);
    const below = loss(engine, network, real, noise);

    out[k] = (above - below) / (2 * EPS);
  }
  engine.setParameters(start);
  return out;
}

function assertAgree(
  name: string,
  autodiff: Float64Array,
  numeric: Float64Array,
): void {
  assert.equal(autodiff.length, numeric.length);
  const scale = Math.max(...Array.from(autodiff, Math.abs));
  assert.ok(scale > 1e-4, `${name}: gradient too small to test (${scale})`);

  for (let k = 0; k < autodiff.length; k++) {
    const error = Math.abs(autodiff[k] - numeric[k]) / scale;
    assert.ok(
      error <= TOLERANCE,
      `${name}[${k}]: autodiff ${autodiff[k]}, finite difference ` +
        `${numeric[k]}, error ${error.toExponential(2)} of the largest`,
    );
  }
}

const CASES: [InputMode, Activation, Activation][] = [
  ['moments', 'tanh', 'tanh'],
  ['raw', 'tanh', 'tanh'],
  ['data-and-variances', 'elu', 'sigmoid'],
  ['data-and-diffs', 'tanh', 'elu'],
];

describe('tfjs gradients against central finite differences', () => {
  for (const [input, generatorActivation, discriminatorActivation] of CASES) {
    it(`${input}, G ${generatorActivation}, D ${discriminatorActivation}`, async () => {
      const spec = smallSpec(
        input,
        generatorActivation,
        discriminatorActivation,
      );
      const start = initialParameters(spec, createStream(spec.seed, 'weights'));
      const engine = await createTfjsEngine(spec, start);
      const { real, noise } = minibatches(spec);

      try {
        const autodiff = engine.gradients(real, noise);
        for (const network of ['discriminator', 'generator'] as const) {
          const numeric = finiteDifferences(
            engine,
            start,
            network,
            real,
            noise,
          );
          assertAgree(network, autodiff[network], numeric);
        }
      } finally {
        engine.dispose();
      }
    });
  }
});
