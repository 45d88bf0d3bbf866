/**
 * The TensorFlow.js engine: the reference implementation of every setting a
 * run spec allows, with gradients by tfjs' autodiff, in float32.
 *
 * Losses are written from the discriminator's logit z in the stable form:
 * BCE(sigmoid(z), 1) = softplus(-z) and BCE(sigmoid(z), 0) = softplus(z).
 * Every tensor a step makes is released before the step returns; the engine
 * holds only its variables and its optimisers' state until `dispose`.
 */
import * as tf from '@tensorflow/tfjs';

import type { InputMode, RunSpec } from '../../config/spec.js';
import {
  LOSS_FAKE,
  LOSS_GENERATOR,
  LOSS_REAL,
  type Engine,
  type Gradients,
} from '../engine.js';
import {
  discriminatorSizes,
  generatorSizes,
  type Parameters,
} from '../parameters.js';
import { useBackend } from './backend.js';
import { TfjsNetwork, checkLength, flatten } from './network.js';
import { createOptimizer, disposeOptimizer } from './optimizer.js';
import { discriminatorFeatures } from './preprocess.js';

export { discriminatorFeatures } from './preprocess.js';

/** Tells apart the variables of engines alive at once in one thread. */
let enginesCreated = 0;

/**
 * Builds the tfjs engine for `spec`, starting from `initial` (copied).
 * Starts the backend first (see backend.ts; GANSWEEP_TFJS_BACKEND
 * overrides the choice).
 *
 * @throws UserError when GANSWEEP_TFJS_BACKEND is wrong or does not start.
 */
export async function createTfjsEngine(
  spec: RunSpec,
  initial: Parameters,
): Promise<Engine> {
  const backend = await useBackend();
  return new TfjsEngine(spec, initial, backend);
}

/**
 * The discriminator's losses for a [rows, 1] column of logits: row r of the
 * result is softplus(-z) where labels[r] is 1 and softplus(z) where it is 0.
 */
function logitLosses(logits: tf.Tensor2D, labels: readonly number[]) {
  const signs = tf.tensor2d(
    labels.map((label) => (label === 1 ? -1 : 1)),
    [labels.length, 1],
  );
  return tf.softplus(tf.mul(logits, signs));
}

class TfjsEngine implements Engine {
  readonly name = 'tfjs' as const;
  readonly backend: string;
  private readonly input: InputMode;
  private readonly generator: TfjsNetwork;
  private readonly discriminator: TfjsNetwork;
  private readonly generatorOptimizer: tf.Optimizer;
  private readonly discriminatorOptimizer: tf.Optimizer;

  constructor(spec: RunSpec, initial: Parameters, backend: string) {
    const id = `gansweep-tfjs-${++enginesCreated}`;
    this.backend = backend;
    this.input = spec.discriminator.input;

    this.generator = new TfjsNetwork(
      `${id}/generator`,
      {
        sizes: generatorSizes(spec),
        hidden: spec.generator.activation,
        output: spec.generator.outputActivation,
      },
      initial.generator,
    );
    this.discriminator = new TfjsNetwork(
      `${id}/discriminator`,
      {
        sizes: discriminatorSizes(spec),
        hidden: spec.discriminator.activation,
        output: 'linear',
      },
      initial.discriminator,
    );

    this.generatorOptimizer = createOptimizer(spec.generator.optimizer);
    this.discriminatorOptimizer = createOptimizer(spec.discriminator.optimizer);
  }

  discriminatorStep(
    real: Float64Array,
    noise: Float64Array,
    losses: Float64Array,
  ): void {
    tf.tidy(() => {
      const { pair, grads } = this.discriminatorGradients(real, noise);
      this.discriminatorOptimizer.applyGradients(
        ordered(this.discriminator, grads),
      );

      const values = pair.dataSync();
      losses[LOSS_REAL] = values[0];
      losses[LOSS_FAKE] = values[1];
    });
  }

  generatorStep(noise: Float64Array, losses: Float64Array): void {
    tf.tidy(() => {
      const { value, grads } = this.generatorGradients(noise);
      this.generatorOptimizer.applyGradients(ordered(this.generator, grads));
      losses[LOSS_GENERATOR] = value.dataSync()[0];
    });
  }

  generate(noise: Float64Array, out: Float64Array): void {
    tf.tidy(() => {
      const values = this.generator.forward(column(noise)).dataSync();
      for (let i = 0; i < out.length; i++) out[i] = values[i];
    });
  }

  parametersFinite(): boolean {
    return this.generator.finite() && this.discriminator.finite();
  }

  getParameters(): Parameters {
    return {
      generator: this.generator.read(),
      discriminator: this.discriminator.read(),
    };
  }

  setParameters(parameters: Parameters): void {
    // Both checked before either is written, so a bad call changes nothing.
    const { generator, discriminator } = this;
    checkLength(generator.name, parameters.generator, generator.size);
    checkLength(
      discriminator.name,
      parameters.discriminator,
      discriminator.size,
    );

    this.generator.write(parameters.generator);
    this.discriminator.write(parameters.discriminator);
  }

  gradients(real: Float64Array, noise: Float64Array): Gradients {
    return scoped(() => {
      const d = this.discriminatorGradients(real, noise);
      const g = this.generatorGradients(noise);
      return {
        discriminator: flatGradients(this.discriminator, d.grads),
        generator: flatGradients(this.generator, g.grads),
      };
    });
  }

  dispose(): void {
    disposeOptimizer(this.generatorOptimizer);
    disposeOptimizer(this.discriminatorOptimizer);
    this.generator.dispose();
    this.discriminator.dispose();
  }

  /**
   * d/d(theta_D) of softplus(-z_real) + softplus(z_fake). G(noise) is
   * computed before the tape starts, so G is detached. Both minibatches go
   * through D as the two rows of one batch. Call inside a tidy: the result
   * is released with it; `pair` holds [real loss, fake loss].
   */
  private discriminatorGradients(real: Float64Array, noise: Float64Array) {
    const fake = this.generator.forward(column(noise));
    const features = tf.concat([
      discriminatorFeatures(column(real), this.input),
      discriminatorFeatures(fake, this.input),
    ]);

    // variableGrads releases everything its function makes except the
    // scalar it returns, so the per-row losses are kept, then handed to the
    // caller's tidy as a clone.
    const kept: { pair?: tf.Tensor } = {};
    const { grads } = tf.variableGrads(() => {
      const rows = logitLosses(this.discriminator.forward(features), [1, 0]);
      kept.pair = tf.keep(tf.reshape(rows, [2]));
      return tf.sum(rows) as tf.Scalar;
    }, this.discriminator.variables);

    const { pair } = kept;
    if (pair === undefined) throw new Error('variableGrads skipped its loss');
    const tracked = tf.clone(pair);
    pair.dispose();
    return { pair: tracked, grads };
  }

  /**
   * d/d(theta_G) of softplus(-z) for z = D(features(G(noise))), only G's
   * variables differentiated (D is frozen). Call inside a tidy.
   */
  private generatorGradients(noise: Float64Array) {
    return tf.variableGrads(() => {
      const fake = this.generator.forward(column(noise));
      const logit = this.discriminator.forward(
        discriminatorFeatures(fake, this.input),
      );
      return tf.sum(logitLosses(logit, [1])) as tf.Scalar;
    }, this.generator.variables);
  }
}

/**
 * `grads` as a list in the order of `network.variables`, zeros where tfjs
 * found no gradient. tfjs' optimisers keep their state by position in this
 * list, so it must never shift, and in this order the values are the flat
 * layout.
 */
function ordered(
  network: TfjsNetwork,
  grads: tf.NamedTensorMap,
): { name: string; tensor: tf.Tensor }[] {
  return network.variables.map((v) => ({
    name: v.name,
    tensor: grads[v.name] ?? tf.zerosLike(v),
  }));
}

/** The gradients in the network's flat layout. */
function flatGradients(
  network: TfjsNetwork,
  grads: tf.NamedTensorMap,
): Float64Array {
  return flatten(ordered(network, grads).map((g) => g.tensor));
}

/**
 * Runs `fn` in a tfjs scope, like tf.tidy, but for a result that holds no
 * tensors (tidy's type only admits tensor containers).
 */
function scoped<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

/** A [n, 1] float32 column of `values`. */
function column(values: Float64Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(values), [values.length, 1]);
}
