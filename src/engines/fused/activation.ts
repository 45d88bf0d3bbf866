/**
 * Element-wise activations of the fused engine, and the tanh both of its
 * paths share.
 *
 * Activations are numbered so that the per-element loops switch on a small
 * integer instead of a string. Every slope is written in terms of the
 * activation's output y, so a backward pass needs only the stored outputs.
 */
import type { Activation } from '../../config/spec.js';

export const ACT_TANH = 0;
export const ACT_SIGMOID = 1;
export const ACT_RELU = 2;
export const ACT_LEAKY_RELU = 3;
export const ACT_ELU = 4;
export const ACT_LINEAR = 5;

/** PyTorch's default negative slope; the tfjs engine uses the same. */
export const LEAKY_RELU_SLOPE = 0.01;

/** The integer code of an activation. */
export function activationCode(activation: Activation): number {
  switch (activation) {
    case 'tanh':
      return ACT_TANH;
    case 'sigmoid':
      return ACT_SIGMOID;
    case 'relu':
      return ACT_RELU;
    case 'leaky-relu':
      return ACT_LEAKY_RELU;
    case 'elu':
      return ACT_ELU;
    case 'linear':
      return ACT_LINEAR;
  }
}

/** The activation with code `code` at pre-activation `a`. */
export function activate(code: number, a: number): number {
  switch (code) {
    case ACT_TANH:
      return tanh(a);
    case ACT_SIGMOID:
      return 1 / (1 + Math.exp(-a));
    case ACT_RELU:
      return a > 0 ? a : 0;
    case ACT_LEAKY_RELU:
      return a > 0 ? a : LEAKY_RELU_SLOPE * a;
    case ACT_ELU:
      return a > 0 ? a : Math.expm1(a);
    default:
      return a;
  }
}

/**
 * The derivative of activation `code`, written in its output y = f(a).
 * Every piecewise activation here keeps the sign of a (y > 0 exactly when
 * a > 0), so the kink is placed as PyTorch places it: slope 0 (relu), 0.01
 * (leaky-relu) and 1 (elu) at a = 0.
 */
export function activationSlope(code: number, y: number): number {
  switch (code) {
    case ACT_TANH:
      return 1 - y * y;
    case ACT_SIGMOID:
      return y * (1 - y);
    case ACT_RELU:
      return y > 0 ? 1 : 0;
    case ACT_LEAKY_RELU:
      return y > 0 ? 1 : LEAKY_RELU_SLOPE;
    case ACT_ELU:
      return y > 0 ? 1 : y + 1;
    default:
      return 1;
  }
}

/*
 * tanh by table and addition formula. Math.tanh costs 25-40 ns here and is
 * most of a round's time (the generator evaluates it 200,000 times a
 * round), so the fused engine computes its own: x = k/64 + r with |r| <=
 * 1/128, tanh(k/64) from a table (20 kB, kept in L1), tanh(r) from its
 * Taylor series through r^7 (the next term, 62/2835 r^9, is below 1e-18
 * relative), then tanh(x) = (T + t) / (1 + T t). r is exact (Sterbenz),
 * so the only errors are the table's, the series' and the last four
 * operations'. Measured max relative difference from Math.tanh: 6.6e-16
 * over 8e6 random points in [-22, 22], a 1e-4 grid and values down to
 * 1e-20 (test/fused-activation.test.ts checks 1e-15). A 1/16 grid with one
 * more series term is as accurate (6.2e-16) and 12% slower.
 *
 * Out-of-range inputs are clamped with Math.min and Math.max rather than
 * returned early: tanh(+-19.5) is exactly +-1 in float64 and sits at the
 * table's ends, where r is 0, so the result is unchanged, and code without
 * branches ran the generator's forward pass, then straight-line
 * JavaScript, about a quarter faster (500 samples: 45 us with branches, 33
 * us clamped).
 *
 * The fast path's WebAssembly kernel (kernel/generator-wat.ts) performs
 * these same operations in the same order, two lanes at a time: change
 * one, change the other. The tests that compare the two paths bit for bit
 * fail if they drift.
 */

/** Grid of the table: tanh(k / TANH_STEPS). */
export const TANH_STEPS = 64;
/** Beyond this |x|, tanh(x) rounds to +-1 in float64. */
export const TANH_LIMIT = 19.5;
/** Table index of x = 0. */
export const TANH_OFFSET = 1248;
/** (TANH_OFFSET + 0.5): truncating x * 64 + this rounds to the grid. */
export const TANH_ROUND = 1248.5;
/** Taylor coefficients of tanh(r) / r in r^2: -1/3, 2/15, -17/315. */
export const TANH_C1 = -1 / 3;
export const TANH_C2 = 2 / 15;
export const TANH_C3 = -17 / 315;

/** tanh(k / 64) for k = -1248 .. 1248, at index k + 1248. */
export const TANH_TABLE = buildTanhTable();

function buildTanhTable(): Float64Array {
  const table = new Float64Array(2 * TANH_OFFSET + 1);
  for (let k = 0; k < table.length; k++) {
    table[k] = Math.tanh((k - TANH_OFFSET) / TANH_STEPS);
  }
  return table;
}

/**
 * The hyperbolic tangent, within 1e-15 relative of Math.tanh (NaN stays NaN,
 * +-Infinity gives +-1).
 */
export function tanh(x: number): number {
  const y = Math.min(Math.max(x, -TANH_LIMIT), TANH_LIMIT);
  const k = (y * TANH_STEPS + TANH_ROUND) | 0;
  const r = y - (k - TANH_OFFSET) / TANH_STEPS;
  const z = r * r;
  const t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
  const big = TANH_TABLE[k];
  return (big + t) / (1 + big * t);
}

/** Stable log(1 + e^x): never overflows, exact to rounding for large |x|. */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** The logistic function 1 / (1 + e^-x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
