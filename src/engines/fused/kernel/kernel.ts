/**
 * The fast path's generator kernels (generator-wat.ts, compiled by `npm
 * run build` to generator.wasm beside this file), with their buffers in
 * their own memory: the engine reads the samples of the last forward pass
 * and writes the samples' gradient through views, so little is copied and
 * nothing is allocated per pass.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import {
  TANH_C1,
  TANH_C2,
  TANH_C3,
  TANH_LIMIT,
  TANH_ROUND,
  TANH_STEPS,
  TANH_TABLE,
} from '../activation.js';
import { CONSTANT_NAMES, LAYOUT, PARAMETERS, WIDTH } from './generator-wat.js';

/** Where `npm run build` writes the compiled kernel. */
export const KERNEL_FILE = new URL('./generator.wasm', import.meta.url);

const PAGE_BYTES = 65536;

const CONSTANTS: Record<(typeof CONSTANT_NAMES)[number], number> = {
  minusLimit: -TANH_LIMIT,
  limit: TANH_LIMIT,
  steps: TANH_STEPS,
  round: TANH_ROUND,
  inverseSteps: 1 / TANH_STEPS,
  c1: TANH_C1,
  c2: TANH_C2,
  c3: TANH_C3,
  one: 1,
};

/** The module's exports; every argument is a count or a byte offset. */
interface Exports {
  forward(
    input: number,
    pairs: number,
    h1: number,
    h2: number,
    out: number,
  ): void;
  backward(
    input: number,
    gradOut: number,
    rows: number,
    h1: number,
    h2: number,
  ): void;
}

/** Compiled once per thread, instantiated once per engine. */
let compiled: WebAssembly.Module | null = null;

export class GeneratorKernel {
  /** First hidden layer's outputs of the last pass, rows x 5. */
  readonly h1: Float64Array;
  /** Second hidden layer's outputs of the last pass, rows x 5. */
  readonly h2: Float64Array;
  /** The samples of the last pass. */
  readonly out: Float64Array;
  /** d(loss)/d(sample i), written by the engine before `backward`. */
  readonly gradOut: Float64Array;

  private readonly params: Float64Array;
  private readonly grads: Float64Array;
  private readonly input: Float64Array;
  private readonly exports: Exports;
  private readonly at: ReturnType<typeof bufferOffsets>;

  /** @param capacity most rows of one pass */
  constructor(capacity: number) {
    // Samples go through in pairs: an odd row count fills one spare lane.
    const slots = capacity + (capacity % 2);
    const at = bufferOffsets(slots);
    const memory = new WebAssembly.Memory({
      initial: Math.ceil(at.end / PAGE_BYTES),
    });
    const instance = new WebAssembly.Instance(kernelModule(), {
      gansweep: { memory },
    });
    this.exports = instance.exports as unknown as Exports;
    this.at = at;

    const buffer = memory.buffer;
    const constants = CONSTANT_NAMES.map((name) => CONSTANTS[name]);
    new Float64Array(buffer, LAYOUT.constants, constants.length).set(constants);
    new Float64Array(buffer, LAYOUT.table, TANH_TABLE.length).set(TANH_TABLE);
    this.params = new Float64Array(buffer, LAYOUT.params, PARAMETERS);
    this.grads = new Float64Array(buffer, LAYOUT.grads, PARAMETERS);
    this.input = new Float64Array(buffer, at.input, slots);
    this.h1 = new Float64Array(buffer, at.h1, capacity * WIDTH);
    this.h2 = new Float64Array(buffer, at.h2, capacity * WIDTH);
    this.out = new Float64Array(buffer, at.out, capacity);
    this.gradOut = new Float64Array(buffer, at.gradOut, capacity);
  }

  /**
   * Runs the generator with parameters `params` on noise[offset ..
   * offset + rows); the results are in h1, h2 and out.
   */
  forward(
    params: Float64Array,
    noise: Float64Array,
    offset: number,
    rows: number,
  ): void {
    const input = this.input;
    this.params.set(params);
    for (let i = 0; i < rows; i++) input[i] = noise[offset + i];
    if (rows % 2 === 1) input[rows] = 0;

    const { at } = this;
    this.exports.forward(at.input, (rows + 1) >> 1, at.h1, at.h2, at.out);
  }

  /**
   * Sets `grads` to the generator's parameter gradient over the first
   * `rows` samples of the last forward pass, from gradOut; the parameters
   * are those that pass used.
   */
  backward(rows: number, grads: Float64Array): void {
    const { at } = this;
    this.exports.backward(at.input, at.gradOut, rows, at.h1, at.h2);
    grads.set(this.grads);
  }
}

/** Byte offsets of the buffers after the table, 16-byte aligned. */
function bufferOffsets(slots: number) {
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const input = align(LAYOUT.table + 8 * TANH_TABLE.length);
  const h1 = input + 8 * slots;
  const h2 = h1 + 8 * WIDTH * slots;
  const out = h2 + 8 * WIDTH * slots;
  const gradOut = out + 8 * slots;
  return { input, h1, h2, out, gradOut, end: gradOut + 8 * slots };
}

function kernelModule(): WebAssembly.Module {
  if (compiled === null) compiled = new WebAssembly.Module(readKernel());
  return compiled;
}

function readKernel(): Uint8Array<ArrayBuffer> {
  try {
    return new Uint8Array(readFileSync(KERNEL_FILE));
  } catch (error) {
    throw new Error(
      `fused engine: cannot read its kernel ${fileURLToPath(KERNEL_FILE)} ` +
        `(${(error as Error).message}); \`npm run build\` compiles it`,
    );
  }
}
