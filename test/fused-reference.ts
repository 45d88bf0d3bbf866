/**
 * A deliberately naive GAN forward pass for the fused engine's tests:
 * plain arrays, Math.tanh, one sample at a time, written from the run
 * spec's definitions and sharing no code with the engine. Central
 * differences of its losses are what the engine's gradients are checked
 * against. This file holds no tests.
 */
import type { Activation, InputMode, RunSpec } from '../src/config/spec.js';
import {
  discriminatorSizes,
  generatorSizes,
  initialParameters,
  type Parameters,
} from '../src/engines/parameters.js';
import { createStream } from '../src/workloads/random.js';

/** The three losses of one discriminator and one generator evaluation. */
export interface ReferenceLosses {
  real: number;
  fake: number;
  generator: number;
}

function act(name: Activation, a: number): number {
  switch (name) {
    case 'tanh':
      return Math.tanh(a);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-a));
    case 'relu':
      return Math.max(0, a);
    case 'leaky-relu':
      return a > 0 ? a : 0.01 * a;
    case 'elu':
      return a > 0 ? a : Math.exp(a) - 1;
    case 'linear':
      return a;
  }
}

/** One row through an MLP in the shared layout. */
export function mlp(
  params: Float64Array,
  sizes: number[],
  hidden: Activation,
  output: Activation,
  input: number[],
): number[] {
  let values = input;
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const biases = offset + fanIn * fanOut;
    const next: number[] = [];
    for (let o = 0; o < fanOut; o++) {
      let a = params[biases + o];
      for (let j = 0; j < fanIn; j++) {
        a += params[offset + o * fanIn + j] * values[j];
      }
      next.push(act(l + 2 === sizes.length ? output : hidden, a));
    }
    values = next;
    offset = biases + fanOut;
  }
  return values;
}

/** The spec's definition of what the discriminator sees. */
export function features(mode: InputMode, x: number[]): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const diffs = x.map((v) => v - mean);
  switch (mode) {
    case 'moments': {
      const std = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / n);
      const z = diffs.map((d) => d / std);
      const skew = z.reduce((s, v) => s + v ** 3, 0) / n;
      const kurt = z.reduce((s, v) => s + v ** 4, 0) / n - 3;
      return [mean, std, skew, kurt];
    }
    case 'raw':
      return [...x];
    case 'data-and-variances':
      return [...x, ...diffs.map((d) => d * d)];
    case 'data-and-diffs':
      return [...x, ...diffs];
  }
}

const softplus = (z: number): number => Math.log(1 + Math.exp(z));

/** The generated minibatch G(noise). */
export function referenceGenerate(
  spec: RunSpec,
  generator: Float64Array,
  noise: Float64Array,
): number[] {
  const { activation, outputActivation } = spec.generator;
  const sizes = generatorSizes(spec);
  return Array.from(
    noise,
    (u) => mlp(generator, sizes, activation, outputActivation, [u])[0],
  );
}

/** BCE losses from the logits, as the run spec defines them. */
export function referenceLosses(
  spec: RunSpec,
  params: Parameters,
  real: Float64Array,
  noise: Float64Array,
): ReferenceLosses {
  const { activation, input } = spec.discriminator;
  const sizes = discriminatorSizes(spec);
  const logit = (x: number[]): number =>
    mlp(
      params.discriminator,
      sizes,
      activation,
      'linear',
      features(input, x),
    )[0];

  const zReal = logit(Array.from(real));
  const zFake = logit(referenceGenerate(spec, params.generator, noise));
  return {
    real: softplus(-zReal),
    fake: softplus(zFake),
    generator: softplus(-zFake),
  };
}

/**
 * Central differences, step h, of `loss` with respect to every entry of
 * `values` (restored afterwards).
 */
export function centralDifferences(
  values: Float64Array,
  loss: () => number,
  h = 1e-6,
): Float64Array {
  const result = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const saved = values[k];
    values[k] = saved + h;
    const up = loss();
    values[k] = saved - h;
    const down = loss();
    values[k] = saved;
    result[k] = (up - down) / (2 * h);
  }
  return result;
}

/** Largest |a_k - b_k|. */
export function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k] - b[k]));
  }
  return worst;
}

/** Euclidean norm. */
export function norm(a: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * a[k];
  return Math.sqrt(sum);
}

/** A small spec for gradient checks: minibatch 8, hidden [3, 2] on both sides. */
export function smallSpec(
  input: InputMode,
  generatorActivation: Activation,
  discriminatorActivation: Activation,
  seed = 1,
): RunSpec {
  return {
    workload: {
      target: { kind: 'normal', mean: 4, std: 1.25 },
      noise: { kind: 'uniform', low: 0, high: 1 },
    },
    generator: {
      hidden: [3, 2],
      activation: generatorActivation,
      outputActivation: 'linear',
      optimizer: { kind: 'sgd', learningRate: 1e-3, momentum: 0.9 },
    },
    discriminator: {
      hidden: [3, 2],
      activation: discriminatorActivation,
      input,
      optimizer: { kind: 'sgd', learningRate: 1e-3, momentum: 0.9 },
    },
    training: {
      minibatch: 8,
      discriminatorSteps: 2,
      generatorSteps: 2,
      rounds: 3,
      logEvery: 1,
      finalSamples: 20,
    },
    engine: 'fused',
    seed,
  };
}

/** Seeded initial parameters, a real minibatch and noise for `spec`. */
export function fixtures(spec: RunSpec): {
  initial: Parameters;
  real: Float64Array;
  noise: Float64Array;
} {
  const initial = initialParameters(spec, createStream(spec.seed, 'weights'));
  const n = spec.training.minibatch;
  const real = new Float64Array(n);
  const noise = new Float64Array(n);
  createStream(spec.seed, 'real').fillNormal(real, 4, 1.25);
  createStream(spec.seed, 'noise').fillUniform(noise, 0, 1);
  return { initial, real, noise };
}
