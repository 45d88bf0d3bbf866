/**
 * The run spec: everything that determines one training run's result.
 *
 * A `RunSpec` is fully resolved (every default filled). Two runs with equal
 * specs give equal results on the same engine, on any number of workers.
 * The defaults are the study of "GANs in 50 lines of code": learn
 * N(4, 1.25) from U[0, 1) noise with a 1->5->5->1 tanh generator and a
 * 4->10->10->1 sigmoid discriminator that sees the minibatch's four moments.
 */

/** Element-wise nonlinearities available to both networks. */
export const ACTIVATIONS = [
  'tanh',
  'sigmoid',
  'relu',
  'leaky-relu',
  'elu',
  'linear',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/**
 * What the discriminator sees of one minibatch of n samples x:
 * - `moments`: [mean, std, skewness, excess kurtosis] (population variance);
 * - `raw`: x itself, n values;
 * - `data-and-variances`: x followed by (x_i - mean)^2, 2n values;
 * - `data-and-diffs`: x followed by x_i - mean, 2n values.
 */
export const INPUT_MODES = [
  'moments',
  'raw',
  'data-and-variances',
  'data-and-diffs',
] as const;
export type InputMode = (typeof INPUT_MODES)[number];

/** SGD with momentum in the deep-learning convention: v = mu*v + g; p -= lr*v. */
export interface SgdSpec {
  kind: 'sgd';
  learningRate: number;
  momentum: number;
}

/** Adam (Kingma and Ba 2015) with bias correction. */
export interface AdamSpec {
  kind: 'adam';
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export type OptimizerSpec = SgdSpec | AdamSpec;

export interface GeneratorSpec {
  /** Hidden layer widths; input and output are one value per sample. */
  hidden: number[];
  activation: Activation;
  outputActivation: Activation;
  optimizer: OptimizerSpec;
}

/**
 * The discriminator's output is always a sigmoid: binary cross-entropy needs
 * a probability, so the output activation is not a setting.
 */
export interface DiscriminatorSpec {
  /** Hidden layer widths; the output is one probability per minibatch. */
  hidden: number[];
  activation: Activation;
  input: InputMode;
  optimizer: OptimizerSpec;
}

/** The distribution the generator should learn. */
export interface NormalTarget {
  kind: 'normal';
  mean: number;
  std: number;
}
export type TargetSpec = NormalTarget;

/** The generator's input: one noise value per sample. */
export interface UniformNoise {
  kind: 'uniform';
  low: number;
  high: number;
}
export type NoiseSpec = UniformNoise;

export interface WorkloadSpec {
  target: TargetSpec;
  noise: NoiseSpec;
}

export interface TrainingSpec {
  /** Samples per minibatch, real and generated alike. */
  minibatch: number;
  /** Discriminator optimiser steps at the start of every round. */
  discriminatorSteps: number;
  /** Generator optimiser steps after them. */
  generatorSteps: number;
  rounds: number;
  /** A trajectory point is recorded every `logEvery` rounds (and at the last). */
  logEvery: number;
  /** Size of the final generated sample that the outcome is judged on. */
  finalSamples: number;
}

export const ENGINES = ['fused', 'tfjs'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface RunSpec {
  workload: WorkloadSpec;
  generator: GeneratorSpec;
  discriminator: DiscriminatorSpec;
  training: TrainingSpec;
  engine: EngineName;
  seed: number;
}

/** The article's study, seed 1. */
export function defaultRunSpec(): RunSpec {
  return {
    workload: {
      target: { kind: 'normal', mean: 4, std: 1.25 },
      noise: { kind: 'uniform', low: 0, high: 1 },
    },
    generator: {
      hidden: [5, 5],
      activation: 'tanh',
      outputActivation: 'linear',
      optimizer: { kind: 'sgd', learningRate: 1e-3, momentum: 0.9 },
    },
    discriminator: {
      hidden: [10, 10],
      activation: 'sigmoid',
      input: 'moments',
      optimizer: { kind: 'sgd', learningRate: 1e-3, momentum: 0.9 },
    },
    training: {
      minibatch: 500,
      discriminatorSteps: 20,
      generatorSteps: 20,
      rounds: 5000,
      logEvery: 50,
      finalSamples: 10000,
    },
    engine: 'fused',
    seed: 1,
  };
}

/** Number of values the discriminator reads from one minibatch. */
export function discriminatorInputSize(mode: InputMode, n: number): number {
  switch (mode) {
    case 'moments':
      return 4;
    case 'raw':
      return n;
    case 'data-and-variances':
    case 'data-and-diffs':
      return 2 * n;
  }
}

/** Default hyper-parameters used when a spec switches optimiser kind. */
export function defaultOptimizer(kind: OptimizerSpec['kind']): OptimizerSpec {
  switch (kind) {
    case 'sgd':
      return { kind: 'sgd', learningRate: 1e-3, momentum: 0.9 };
    case 'adam':
      return {
        kind: 'adam',
        learningRate: 1e-3,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
      };
  }
}
