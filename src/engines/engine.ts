/**
 * The engine interface: what the round loop asks of a GAN implementation.
 *
 * An engine owns both networks and both optimisers. It is given every
 * random number it needs (real minibatches and generator noise) by the
 * round loop, so two engines fed the same streams see the same data.
 * Engines never print; they throw on programming errors only.
 */
import type { EngineName, RunSpec } from '../config/spec.js';
import type { Parameters } from './parameters.js';

/** Indices into the `losses` array that the steps write. */
export const LOSS_REAL = 0;
export const LOSS_FAKE = 1;
export const LOSS_GENERATOR = 2;

/** Gradients of both networks at the current parameters, one flat array each. */
export interface Gradients {
  /** d/d(theta_D) of BCE(D(real), 1) + BCE(D(G(noise)), 0), G held fixed. */
  discriminator: Float64Array;
  /** d/d(theta_G) of BCE(D(G(noise)), 1), D held fixed. */
  generator: Float64Array;
}

export interface Engine {
  readonly name: EngineName;
  /**
   * What computes: for fused, `wasm-simd-float64` when the generator runs
   * on the WebAssembly fast path and `js-float64` when it does not; for
   * tfjs, the backend's name.
   */
  readonly backend: string;

  /**
   * One discriminator step: accumulate the gradient of BCE on the real
   * minibatch (label 1) and on G(noise) with G detached (label 0), then one
   * optimiser step. Writes losses[LOSS_REAL] and losses[LOSS_FAKE].
   */
  discriminatorStep(
    real: Float64Array,
    noise: Float64Array,
    losses: Float64Array,
  ): void;

  /**
   * One generator step against label 1 through a frozen discriminator.
   * Writes losses[LOSS_GENERATOR].
   */
  generatorStep(noise: Float64Array, losses: Float64Array): void;

  /** Writes G(noise[i]) to out[i]; out has noise's length. */
  generate(noise: Float64Array, out: Float64Array): void;

  /** True when every parameter of both networks is finite (no copy made). */
  parametersFinite(): boolean;

  /** A copy of both networks' parameters in the shared layout. */
  getParameters(): Parameters;

  /** Replaces both networks' parameters; optimiser state is kept. */
  setParameters(parameters: Parameters): void;

  /** Both gradients at the current parameters, without a step (for tests). */
  gradients(real: Float64Array, noise: Float64Array): Gradients;

  /** Releases what the engine holds (tensors for tfjs). */
  dispose(): void;
}

/** Builds an engine for `spec` starting from `initial`. */
export type EngineFactory = (
  spec: RunSpec,
  initial: Parameters,
) => Promise<Engine>;
