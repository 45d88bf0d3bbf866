/**
 * A multilayer perceptron over preallocated Float64Arrays: the fused
 * engine's general path, for any layer widths and activations.
 *
 * Parameters follow the shared layout (src/engines/parameters.ts): layer by
 * layer, weights row-major by output (`W[o * fanIn + j]`), then biases.
 * A forward pass keeps every layer's outputs for up to `capacity` rows, so
 * the backward pass needs no recomputation and nothing is allocated after
 * construction.
 */
import { layerSlices, parameterCount } from '../parameters.js';
import { ACT_LINEAR, activate, activationSlope } from './activation.js';

export class Network {
  /** The parameters, in the shared layout; the engine's only copy. */
  readonly params: Float64Array;
  /** The gradient accumulated by `backward`, same layout. */
  readonly grads: Float64Array;
  /** Most rows one forward pass may hold. */
  readonly capacity: number;

  private readonly sizes: Int32Array;
  private readonly weightOffsets: Int32Array;
  private readonly biasOffsets: Int32Array;
  private readonly hiddenCode: number;
  private readonly outputCode: number;
  /** outputs[l]: layer l's outputs (l = 1 .. L), rows x sizes[l]. */
  private readonly outputs: Float64Array[];
  /** deltas[l]: d(loss)/d(pre-activation of layer l), rows x sizes[l]. */
  private readonly deltas: Float64Array[];

  /**
   * @param sizes layer widths, input first, output last
   * @param hiddenCode activation code of every hidden layer
   * @param outputCode activation code of the output layer
   * @param capacity most rows of one pass
   */
  constructor(
    sizes: readonly number[],
    hiddenCode: number,
    outputCode: number,
    capacity: number,
  ) {
    this.sizes = Int32Array.from(sizes);
    this.params = new Float64Array(parameterCount(sizes));
    this.grads = new Float64Array(this.params.length);
    this.capacity = capacity;
    this.hiddenCode = hiddenCode;
    this.outputCode = outputCode;

    const slices = layerSlices(sizes);
    this.weightOffsets = Int32Array.from(slices, (s) => s.weightOffset);
    this.biasOffsets = Int32Array.from(slices, (s) => s.biasOffset);

    // Index 0 is unused (the input lives with the caller), so that layer l's
    // buffers sit at index l.
    this.outputs = sizes.map((width) => new Float64Array(capacity * width));
    this.deltas = sizes.map((width) => new Float64Array(capacity * width));
  }

  /** Number of layers (weight matrices). */
  get depth(): number {
    return this.sizes.length - 1;
  }

  /** Layer l's outputs from the last forward pass, rows x width. */
  layerOutput(l: number): Float64Array {
    return this.outputs[l];
  }

  /** The network's outputs from the last forward pass, rows x width. */
  get output(): Float64Array {
    return this.outputs[this.depth];
  }

  zeroGrads(): void {
    this.grads.fill(0);
  }

  /**
   * Runs `rows` rows, row i's input at input[offset + i * sizes[0] ...],
   * keeping every layer's outputs. Each unit sums bias first, then the
   * inputs in order (the fast path sums in the same order).
   */
  forward(input: Float64Array, offset: number, rows: number): void {
    for (let l = 1; l <= this.depth; l++) {
      const source = l === 1 ? input : this.outputs[l - 1];
      const start = l === 1 ? offset : 0;
      const code = l === this.depth ? this.outputCode : this.hiddenCode;
      this.forwardLayer(l, source, start, rows, code);
    }
  }

  private forwardLayer(
    l: number,
    source: Float64Array,
    start: number,
    rows: number,
    code: number,
  ): void {
    const fanIn = this.sizes[l - 1];
    const fanOut = this.sizes[l];
    const w = this.weightOffsets[l - 1];
    const b = this.biasOffsets[l - 1];
    const p = this.params;
    const out = this.outputs[l];

    for (let i = 0; i < rows; i++) {
      const row = start + i * fanIn;
      for (let o = 0; o < fanOut; o++) {
        let sum = p[b + o];
        const wo = w + o * fanIn;
        for (let j = 0; j < fanIn; j++) sum += p[wo + j] * source[row + j];
        out[i * fanOut + o] = activate(code, sum);
      }
    }
  }

  /**
   * Back-propagates d(loss)/d(output) in `gradOutput` (rows x output width)
   * through the last forward pass, which must have had the same `input`,
   * `offset` and `rows`. Adds the parameter gradient to `grads` when
   * `accumulate` is true, and writes d(loss)/d(input) to `gradInput` unless
   * it is null. Per parameter, rows are added in order.
   */
  backward(
    input: Float64Array,
    offset: number,
    rows: number,
    gradOutput: Float64Array,
    accumulate: boolean,
    gradInput: Float64Array | null,
  ): void {
    const top = this.depth;
    this.outputDelta(gradOutput, rows);

    for (let l = top; l >= 1; l--) {
      const source = l === 1 ? input : this.outputs[l - 1];
      const start = l === 1 ? offset : 0;
      if (accumulate) this.accumulateLayer(l, source, start, rows);
      if (l > 1) this.propagateLayer(l, rows, this.deltas[l - 1], true);
      else if (gradInput !== null) {
        this.propagateLayer(l, rows, gradInput, false);
      }
    }
  }

  private outputDelta(gradOutput: Float64Array, rows: number): void {
    const top = this.depth;
    const count = rows * this.sizes[top];
    const out = this.outputs[top];
    const delta = this.deltas[top];
    const code = this.outputCode;

    // Skips a multiplication by 1 so that a linear output matches the fast
    // path bit for bit.
    for (let k = 0; k < count; k++) {
      delta[k] =
        code === ACT_LINEAR
          ? gradOutput[k]
          : gradOutput[k] * activationSlope(code, out[k]);
    }
  }

  private accumulateLayer(
    l: number,
    source: Float64Array,
    start: number,
    rows: number,
  ): void {
    const fanIn = this.sizes[l - 1];
    const fanOut = this.sizes[l];
    const w = this.weightOffsets[l - 1];
    const b = this.biasOffsets[l - 1];
    const g = this.grads;
    const delta = this.deltas[l];

    for (let i = 0; i < rows; i++) {
      const row = start + i * fanIn;
      for (let o = 0; o < fanOut; o++) {
        const d = delta[i * fanOut + o];
        const wo = w + o * fanIn;
        for (let j = 0; j < fanIn; j++) g[wo + j] += d * source[row + j];
        g[b + o] += d;
      }
    }
  }

  /**
   * Writes d(loss)/d(layer l's input) to `target`, times the hidden
   * activation's slope when `hidden` (then it is the previous layer's delta).
   */
  private propagateLayer(
    l: number,
    rows: number,
    target: Float64Array,
    hidden: boolean,
  ): void {
    const fanIn = this.sizes[l - 1];
    const fanOut = this.sizes[l];
    const w = this.weightOffsets[l - 1];
    const p = this.params;
    const delta = this.deltas[l];
    const below = this.outputs[l - 1];
    const code = this.hiddenCode;

    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < fanIn; j++) {
        let sum = 0;
        for (let o = 0; o < fanOut; o++) {
          sum += p[w + o * fanIn + j] * delta[i * fanOut + o];
        }
        const k = i * fanIn + j;
        target[k] = hidden ? sum * activationSlope(code, below[k]) : sum;
      }
    }
  }
}
