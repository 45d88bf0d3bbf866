/**
 * The fused engine: the MLP GAN's forward and backward passes derived by
 * hand over Float64Arrays allocated once, with no allocation in a step.
 *
 * Why it exists: the networks are tiny (217 parameters in the article's
 * study), so a framework spends nearly all of a round on per-operation
 * overhead. Measured side by side in one process by `npm run bench` on this
 * 2-core machine (process CPU time, four runs at load averages 1.3 to
 * 1.5): the fused engine takes 1.9-2.1 ms per round of the article's spec,
 * about 10 s per 5,000-round run; TensorFlow.js on its cpu backend 178-207
 * ms (89-101 times slower), on wasm 130-170 ms (63-89 times slower); a
 * single-thread PyTorch 1.13 step 53-63 ms (26-33 times slower). That turns
 * a run from 4-17 minutes into 10 seconds and makes seeds-times-grid
 * studies practical.
 *
 * It computes in float64 what the tfjs engine computes in float32: the same
 * losses (binary cross-entropy from the logit), the same gradients (checked
 * against central differences and against tfjs in test/fused-*.test.ts) and
 * the same optimiser rules. The article's generator (1 -> 5 -> 5 -> 1 tanh,
 * linear output) runs on a fast path, the WebAssembly kernels in kernel/,
 * that gives the same bits as the general path (`Network`); every other
 * shape takes the general path.
 */
import type { InputMode, RunSpec } from '../../config/spec.js';
import type { Engine, Gradients } from '../engine.js';
import { LOSS_FAKE, LOSS_GENERATOR, LOSS_REAL } from '../engine.js';
import {
  discriminatorSizes,
  generatorSizes,
  type Parameters,
} from '../parameters.js';
import { ACT_LINEAR, activationCode, sigmoid, softplus } from './activation.js';
import { FAST_SIZES } from './kernel/generator-wat.js';
import { GeneratorKernel } from './kernel/kernel.js';
import { Network } from './network.js';
import { createOptimizer, type Optimizer } from './optimizer.js';
import { preprocess, preprocessBackward } from './preprocess.js';

/** Options for tests and the benchmark; a run never needs them. */
export interface FusedOptions {
  /** Use the general path even where the fast path applies. */
  forceGeneral?: boolean;
}

/**
 * Builds a fused engine for `spec`, starting from a copy of `initial`.
 * Throws when `initial` does not have the spec's parameter counts.
 */
export async function createFusedEngine(
  spec: RunSpec,
  initial: Parameters,
  options: FusedOptions = {},
): Promise<Engine> {
  const engine = new FusedEngine(spec, options.forceGeneral !== true);
  engine.setParameters(initial);
  return engine;
}

/** Hidden widths of the generator the fast path handles. */
const FAST_HIDDEN = FAST_SIZES.slice(1, -1);

/** True when the generator is the article's, which the fast path handles. */
export function fastPathApplies(spec: RunSpec): boolean {
  const { hidden, activation, outputActivation } = spec.generator;
  return (
    hidden.length === FAST_HIDDEN.length &&
    hidden.every((width, l) => width === FAST_HIDDEN[l]) &&
    activation === 'tanh' &&
    outputActivation === 'linear'
  );
}

class FusedEngine implements Engine {
  readonly name = 'fused' as const;
  /** `wasm-simd-float64` on the fast path, `js-float64` otherwise. */
  readonly backend: string;

  private readonly mode: InputMode;
  private readonly minibatch: number;
  private readonly generator: Network;
  private readonly discriminator: Network;
  private readonly generatorOptimizer: Optimizer;
  private readonly discriminatorOptimizer: Optimizer;
  /** The fast path's generator passes; null on the general path. */
  private readonly kernel: GeneratorKernel | null;
  /** The generator's samples of the last forward pass. */
  private readonly samples: Float64Array;
  /** Discriminator input features of the minibatch at hand. */
  private readonly features: Float64Array;
  private readonly gradFeatures: Float64Array;
  /** d(loss)/d(generated sample i). */
  private readonly gradSamples: Float64Array;
  /** d(loss)/d(logit), the discriminator's one output. */
  private readonly gradLogit = new Float64Array(1);
  private readonly scratchLosses = new Float64Array(3);

  constructor(spec: RunSpec, allowFast: boolean) {
    const n = spec.training.minibatch;
    const dSizes = discriminatorSizes(spec);
    this.mode = spec.discriminator.input;
    this.minibatch = n;
    const fast = allowFast && fastPathApplies(spec);
    this.backend = fast ? 'wasm-simd-float64' : 'js-float64';

    this.generator = new Network(
      generatorSizes(spec),
      activationCode(spec.generator.activation),
      activationCode(spec.generator.outputActivation),
      n,
    );
    // The discriminator ends in a logit: the sigmoid lives in the loss.
    this.discriminator = new Network(
      dSizes,
      activationCode(spec.discriminator.activation),
      ACT_LINEAR,
      1,
    );

    this.generatorOptimizer = createOptimizer(
      spec.generator.optimizer,
      this.generator.params.length,
    );
    this.discriminatorOptimizer = createOptimizer(
      spec.discriminator.optimizer,
      this.discriminator.params.length,
    );

    this.kernel = fast ? new GeneratorKernel(n) : null;
    this.samples = this.kernel?.out ?? this.generator.output;

    this.features = new Float64Array(dSizes[0]);
    this.gradFeatures = new Float64Array(dSizes[0]);
    this.gradSamples = this.kernel?.gradOut ?? new Float64Array(n);
  }

  discriminatorStep(
    real: Float64Array,
    noise: Float64Array,
    losses: Float64Array,
  ): void {
    this.discriminatorGradient(real, noise, losses);
    this.discriminatorOptimizer.step(
      this.discriminator.params,
      this.discriminator.grads,
    );
  }

  generatorStep(noise: Float64Array, losses: Float64Array): void {
    this.generatorGradient(noise, losses);
    this.generatorOptimizer.step(this.generator.params, this.generator.grads);
  }

  generate(noise: Float64Array, out: Float64Array): void {
    const total = noise.length;
    const samples = this.samples;

    // A final sample is larger than a minibatch: run it in minibatch chunks.
    for (let start = 0; start < total; start += this.minibatch) {
      const rows = Math.min(this.minibatch, total - start);
      this.runGenerator(noise, start, rows);
      for (let i = 0; i < rows; i++) out[start + i] = samples[i];
    }
  }

  parametersFinite(): boolean {
    return (
      allFinite(this.generator.params) && allFinite(this.discriminator.params)
    );
  }

  getParameters(): Parameters {
    return {
      generator: this.generator.params.slice(),
      discriminator: this.discriminator.params.slice(),
    };
  }

  setParameters(parameters: Parameters): void {
    copyInto('generator', parameters.generator, this.generator.params);
    copyInto(
      'discriminator',
      parameters.discriminator,
      this.discriminator.params,
    );
  }

  gradients(real: Float64Array, noise: Float64Array): Gradients {
    this.discriminatorGradient(real, noise, this.scratchLosses);
    const discriminator = this.discriminator.grads.slice();
    this.generatorGradient(noise, this.scratchLosses);
    return { discriminator, generator: this.generator.grads.slice() };
  }

  dispose(): void {
    // Nothing to release: the buffers go with the engine.
  }

  /**
   * Sets the discriminator's grads to the gradient of
   * softplus(-z_real) + softplus(z_fake), G(noise) held fixed.
   */
  private discriminatorGradient(
    real: Float64Array,
    noise: Float64Array,
    losses: Float64Array,
  ): void {
    const d = this.discriminator;
    d.zeroGrads();

    this.judge(real);
    const zReal = d.output[0];
    losses[LOSS_REAL] = softplus(-zReal);
    this.gradLogit[0] = sigmoid(zReal) - 1;
    d.backward(this.features, 0, 1, this.gradLogit, true, null);

    this.runGenerator(noise, 0, this.minibatch);
    this.judge(this.samples);
    const zFake = d.output[0];
    losses[LOSS_FAKE] = softplus(zFake);
    this.gradLogit[0] = sigmoid(zFake);
    d.backward(this.features, 0, 1, this.gradLogit, true, null);
  }

  /**
   * Sets the generator's grads to the gradient of softplus(-z_fake)
   * through the frozen discriminator and the preprocessing.
   */
  private generatorGradient(noise: Float64Array, losses: Float64Array): void {
    this.runGenerator(noise, 0, this.minibatch);
    const samples = this.samples;
    this.judge(samples);
    const z = this.discriminator.output[0];
    losses[LOSS_GENERATOR] = softplus(-z);
    this.gradLogit[0] = sigmoid(z) - 1;

    this.discriminator.backward(
      this.features,
      0,
      1,
      this.gradLogit,
      false,
      this.gradFeatures,
    );
    preprocessBackward(
      this.mode,
      samples,
      this.features,
      this.gradFeatures,
      this.gradSamples,
    );
    this.backGenerator(noise);
  }

  /**
   * Runs the discriminator on minibatch x: its logit is left in
   * discriminator.output[0] and x's features in `features`. Returns
   * nothing because a double returned from a call V8 does not inline is
   * boxed, one allocation per call.
   */
  private judge(x: Float64Array): void {
    preprocess(this.mode, x, this.features);
    this.discriminator.forward(this.features, 0, 1);
  }

  /** Runs the generator on noise[offset .. offset + rows). */
  private runGenerator(
    noise: Float64Array,
    offset: number,
    rows: number,
  ): void {
    const g = this.generator;
    if (this.kernel !== null) {
      this.kernel.forward(g.params, noise, offset, rows);
    } else {
      g.forward(noise, offset, rows);
    }
  }

  /** Sets the generator's grads from gradSamples and the last full pass. */
  private backGenerator(noise: Float64Array): void {
    const g = this.generator;
    if (this.kernel !== null) {
      this.kernel.backward(this.minibatch, g.grads);
    } else {
      g.zeroGrads();
      g.backward(noise, 0, this.minibatch, this.gradSamples, true, null);
    }
  }
}

function allFinite(values: Float64Array): boolean {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) return false;
  }
  return true;
}

function copyInto(
  name: string,
  source: Float64Array,
  target: Float64Array,
): void {
  if (source.length !== target.length) {
    throw new Error(
      `fused engine: ${name} has ${source.length} parameters, the spec needs ${target.length}`,
    );
  }
  target.set(source);
}
