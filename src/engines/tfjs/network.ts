/**
 * A fully connected network held as tfjs variables in the shared layout.
 *
 * Each layer's weight variable has shape [fanOut, fanIn], which is exactly
 * the row-major `W[o * fanIn + i]` block of the flat layout, and the layer
 * multiplies by its transpose. So reading or writing the flat parameters is
 * a plain copy, never a transposition, and gradients come out in the same
 * order as the parameters: layer by layer, weights then biases.
 */
import * as tf from '@tensorflow/tfjs';

import type { Activation } from '../../config/spec.js';
import { layerSlices, parameterCount } from '../parameters.js';

/** PyTorch's default negative slope, which the article's code would use. */
export const LEAKY_RELU_ALPHA = 0.01;

/** The element-wise nonlinearity `activation` applied to x. */
export function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'relu':
      return tf.relu(x);
    case 'leaky-relu':
      // Passed explicitly: tfjs' own default slope is 0.2.
      return tf.leakyRelu(x, LEAKY_RELU_ALPHA);
    case 'elu':
      // tfjs' elu has alpha 1, like PyTorch's default.
      return tf.elu(x);
    case 'linear':
      return x;
  }
}

export interface NetworkShape {
  /** Layer widths, input first. */
  sizes: readonly number[];
  /** Applied after every layer but the last. */
  hidden: Activation;
  /** Applied after the last layer. */
  output: Activation;
}

/** One network's variables and its forward pass. */
export class TfjsNetwork {
  /** Per layer, its weights then its biases: the flat layout's order. */
  readonly variables: tf.Variable[];
  readonly name: string;
  /** Number of parameters. */
  readonly size: number;
  private readonly shape: NetworkShape;

  /**
   * @param name unique among live tfjs variables (tfjs keys optimiser
   *   state and its variable registry by name).
   * @param initial the parameters in the shared flat layout.
   */
  constructor(name: string, shape: NetworkShape, initial: Float64Array) {
    this.name = name;
    this.shape = shape;
    this.size = parameterCount(shape.sizes);
    checkLength(name, initial, this.size);

    this.variables = layerSlices(shape.sizes).flatMap((slice, l) => {
      const weights = initial.subarray(slice.weightOffset, slice.biasOffset);
      const biases = initial.subarray(
        slice.biasOffset,
        slice.biasOffset + slice.fanOut,
      );
      return [
        variable(`${name}/w${l}`, weights, [slice.fanOut, slice.fanIn]),
        variable(`${name}/b${l}`, biases, [slice.fanOut]),
      ];
    });
  }

  /** The network applied to each row of `input` ([rows, sizes[0]]). */
  forward(input: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const layers = this.variables.length / 2;
      let h = input;
      for (let l = 0; l < layers; l++) {
        const weights = this.variables[2 * l];
        const biases = this.variables[2 * l + 1];
        const z = tf.add(tf.matMul(h, weights, false, true), biases);
        const last = l === layers - 1;
        h = activate(
          z as tf.Tensor2D,
          last ? this.shape.output : this.shape.hidden,
        );
      }
      return h;
    });
  }

  /** A copy of the parameters in the flat layout. */
  read(): Float64Array {
    return flatten(this.variables);
  }

  /**
   * Overwrites the parameters from the flat layout; the variables, and so
   * the optimiser state keyed to them, are kept.
   *
   * @throws RangeError when `values` has the wrong length.
   */
  write(values: Float64Array): void {
    checkLength(this.name, values, this.size);

    let offset = 0;
    for (const v of this.variables) {
      const part = values.subarray(offset, offset + v.size);
      tf.tidy(() => v.assign(tf.tensor(Float32Array.from(part), v.shape)));
      offset += v.size;
    }
  }

  /** True when every parameter is finite. */
  finite(): boolean {
    for (const v of this.variables) {
      const values = v.dataSync();
      for (let k = 0; k < values.length; k++) {
        if (!Number.isFinite(values[k])) return false;
      }
    }
    return true;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/**
 * Concatenates tensors' values into one Float64Array, in order; with a
 * network's variables or their gradients, that is the flat layout.
 */
export function flatten(tensors: readonly tf.Tensor[]): Float64Array {
  const total = tensors.reduce((sum, t) => sum + t.size, 0);
  const out = new Float64Array(total);

  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync(), offset);
    offset += t.size;
  }

  return out;
}

function variable(
  name: string,
  values: Float64Array,
  shape: number[],
): tf.Variable {
  return tf.tidy(() =>
    tf.variable(tf.tensor(Float32Array.from(values), shape), true, name),
  );
}

/** @throws RangeError unless `values` holds `size` parameters. */
export function checkLength(
  what: string,
  values: Float64Array,
  size: number,
): void {
  if (values.length !== size) {
    throw new RangeError(
      `${what}: expected ${size} parameters, received ${values.length}`,
    );
  }
}
