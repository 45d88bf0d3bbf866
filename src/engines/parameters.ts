/**
 * The parameter layout shared by every engine, and the seeded initialisation.
 *
 * Each network's parameters are one flat Float64Array. Layer l maps
 * `sizes[l]` inputs to `sizes[l + 1]` outputs; its weights come first,
 * row-major by output (`W[o * fanIn + i]`), then its biases. Both engines
 * read and write this layout, so they start from the same numbers.
 */
import { discriminatorInputSize, type RunSpec } from '../config/spec.js';
import type { RandomStream } from '../workloads/random.js';

/** Both networks' parameters. */
export interface Parameters {
  generator: Float64Array;
  discriminator: Float64Array;
}

/** Layer widths of the generator: one noise value in, one sample out. */
export function generatorSizes(spec: RunSpec): number[] {
  return [1, ...spec.generator.hidden, 1];
}

/** Layer widths of the discriminator: its input features in, one logit out. */
export function discriminatorSizes(spec: RunSpec): number[] {
  const inputs = discriminatorInputSize(
    spec.discriminator.input,
    spec.training.minibatch,
  );
  return [inputs, ...spec.discriminator.hidden, 1];
}

/** Where one layer's weights and biases lie in the flat array. */
export interface LayerSlice {
  fanIn: number;
  fanOut: number;
  weightOffset: number;
  biasOffset: number;
}

/** The slices of every layer, in order, for layer widths `sizes`. */
export function layerSlices(sizes: readonly number[]): LayerSlice[] {
  const slices: LayerSlice[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    slices.push({
      fanIn,
      fanOut,
      weightOffset: offset,
      biasOffset: offset + fanIn * fanOut,
    });
    offset += fanIn * fanOut + fanOut;
  }
  return slices;
}

/** Number of parameters of a network with layer widths `sizes`. */
export function parameterCount(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    count += sizes[l] * sizes[l + 1] + sizes[l + 1];
  }
  return count;
}

/**
 * Draws every parameter from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), weights and
 * biases alike (the default of PyTorch's nn.Linear, which the article used),
 * generator first, then discriminator, each layer's weights then biases.
 */
export function initialParameters(
  spec: RunSpec,
  stream: RandomStream,
): Parameters {
  return {
    generator: initialNetwork(generatorSizes(spec), stream),
    discriminator: initialNetwork(discriminatorSizes(spec), stream),
  };
}

function initialNetwork(
  sizes: readonly number[],
  stream: RandomStream,
): Float64Array {
  const values = new Float64Array(parameterCount(sizes));

  for (const slice of layerSlices(sizes)) {
    const bound = 1 / Math.sqrt(slice.fanIn);
    const end = slice.biasOffset + slice.fanOut;
    for (let k = slice.weightOffset; k < end; k++) {
      values[k] = bound * (2 * stream.uniform() - 1);
    }
  }

  return values;
}

/** A deep copy, so that an engine never shares arrays with its caller. */
export function copyParameters(parameters: Parameters): Parameters {
  return {
    generator: parameters.generator.slice(),
    discriminator: parameters.discriminator.slice(),
  };
}
